"""Span fragments that do not stand on their own: trimmed to whole words, or dropped.

The token tagger marks runs of words, and its runs often begin or end on a function word
("a full", "women a", "the lack of") or hold one common word ("guarantor"). A reader shown
such a highlight cannot tell what it accuses. `trim_fragment` moves a span's edges inward,
word by word, past determiners, prepositions, conjunctions and auxiliaries (and past a word the
span only partly covers); what is left must hold two content words, or one the propaganda
lexicon marks as loaded ("the traitors" -> "traitors"); anything else is dropped.

Pure functions of the text and the spans: the detector runs them on the model's spans, and the
benchmark runs them on the cross-validated spans before scoring, so it measures what ships.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsift.detectors.propaganda.lexicon import LEXICON_PATH, _neutral_use, load_lexicon

Span = tuple[int, int]

# Words the tagger's tokens are made of (the same pattern as `segment.word_table`).
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_JOINER = "-'’"


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


DETERMINERS = _wordset(
    "a an the this that these those my your his her its our their some any every each "
    "no another either neither"
)
PREPOSITIONS = _wordset(
    "about above across after against along amid amidst among amongst around as at atop "
    "before behind below beneath beside besides between beyond by despite during except for "
    "from in inside into like near of on onto outside per since than through throughout till "
    "to toward towards under underneath unlike until upon via with within without"
)
CONJUNCTIONS = _wordset(
    "and or but nor because although though while whilst whereas if unless whether lest"
)
AUXILIARIES = _wordset(
    "be am is are was were been being have has had having do does did will would shall "
    "should can could may might must ought "
    "isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't "
    "shan't shouldn't can't cannot couldn't mightn't mustn't"
)
DEMONSTRATIVES = _wordset("this that these those")
# A pronoun fused with an auxiliary: a span may begin on one ("It's a disgrace"), not end.
PRONOUN_AUXILIARIES = _wordset(
    "i'm i've i'll i'd you're you've you'll you'd he's he'll he'd she's she'll she'd it's it'll "
    "it'd we're we've we'll we'd they're they've they'll they'd that's there's here's what's "
    "who's let's"
)
# A span may not begin or end on one of these.
EDGE_WORDS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES
_END_WORDS = EDGE_WORDS | PRONOUN_AUXILIARIES
# Neither edges nor content: pronouns, particles, negation and other grammatical glue.
_OTHER_FUNCTION = _wordset(
    "i me we us you he him she it they them myself ourselves yourself himself herself itself "
    "themselves mine ours yours hers theirs who whom whose which what that there here "
    "not n't to up out down off away back so then also just very too"
)
FUNCTION_WORDS = _END_WORDS | _OTHER_FUNCTION


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _words(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], bool, bool]:
    """Whole words inside text[start:end], and whether a word the span cuts was left out at
    its start / at its end."""
    words = []
    cut_start = cut_end = False
    n = len(text)
    for m in _WORD.finditer(text, start, end):
        s, e = m.span()
        if (
            s == start
            and s > 0
            and (
                _is_word_char(text[s - 1])
                or (s > 1 and text[s - 1] in _JOINER and _is_word_char(text[s - 2]))
            )
        ):
            cut_start = True
            continue
        if (
            e == end
            and e < n
            and (
                _is_word_char(text[e])
                or (e + 1 < n and text[e] in _JOINER and _is_word_char(text[e + 1]))
            )
        ):
            cut_end = True
            continue
        words.append((s, e, _fold(m.group())))
    return words, cut_start, cut_end


def is_loaded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a phrase of the propaganda lexicon in a loaded use."""
    lexicon = load_lexicon(LEXICON_PATH)
    pos = start
    while (m := lexicon.pattern.search(text, pos, end)) is not None:
        entry = lexicon.entries.get(" ".join(re.split(r"[\s-]+", m.group().lower())))
        if entry is not None and not _neutral_use(entry, text, m.start(), m.end()):
            return True
        pos = m.start() + 1
    return False


def _starts_on_function_word(words: list[tuple[int, int, str]], i: int) -> bool:
    word = words[i][2]
    if word not in EDGE_WORDS:
        return False
    if word in DEMONSTRATIVES and i + 1 < len(words):
        # "this is", "those who": a pronoun, which may begin a span; "these traitors": not.
        return words[i + 1][2] not in FUNCTION_WORDS
    return True


def trim_fragment(text: str, start: int, end: int) -> Span | None:
    """The part of text[start:end] that stands on its own, or None when nothing does.

    Edges move inward past function words (and words the span only partly covers); an edge
    that already stands on a content word stays where it was, so a whole sentence keeps its
    final punctuation. The rest must hold two content words or a loaded lexicon phrase.
    """
    words, cut_start, cut_end = _words(text, start, end)
    lo, hi = 0, len(words)
    while lo < hi and _starts_on_function_word(words, lo):
        lo += 1
    while hi > lo and words[hi - 1][2] in _END_WORDS:
        hi -= 1
    if lo == hi:
        return None
    kept = words[lo:hi]
    content = sum(1 for _, _, w in kept if w not in FUNCTION_WORDS and not w.isdigit())
    if content < 2 and not (content == 1 and is_loaded(text, kept[0][0], kept[-1][1])):
        return None
    new_start = start if lo == 0 and not cut_start else kept[0][0]
    new_end = end if hi == len(words) and not cut_end else kept[-1][1]
    return new_start, new_end


def filter_fragments(text: str, spans: Iterable[Span]) -> list[Span | None]:
    """`trim_fragment` of each span, in the given order (None where a span is dropped)."""
    return [trim_fragment(text, s, e) for s, e in spans]


def kept_fragments(text: str, spans: Iterable[Span]) -> list[Span]:
    """The spans that stand on their own, trimmed, in the given order."""
    return [t for t in filter_fragments(text, spans) if t is not None]
