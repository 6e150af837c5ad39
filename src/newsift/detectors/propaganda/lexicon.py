"""Loaded language and name-calling from a curated lexicon: the high-precision half of the
propaganda detector.

The trained model (`model.py` in this folder) finds spans by context and favours recall; the
lexicon adds exact, short spans for insults and emotive words it knows ("Middle Eastern bully
boy", "temper tantrum"). Labels are SemEval-2020 Task 11 technique names. The lexicon lives in
`propaganda_lexicon.json` here; an entry may list words that, right before (`not_after`) or
right after (`not_before`) the phrase, mark a common neutral use ("tax regime", "slammed into").
Phrases inside quotation marks are the words of someone the article quotes, not the outlet's,
and are skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsift.detectors.propaganda.features import Tokens, word_hashes
from newsift.text.reported_speech import inside, quoted_regions

LEXICON_PATH = Path(__file__).resolve().parent / "propaganda_lexicon.json"
LABELS = ("Name_Calling,Labeling", "Loaded_Language")


@dataclass(frozen=True)
class Entry:
    phrase: str
    label: str
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, Entry]  # lower-cased phrase -> entry
    pattern: re.Pattern[str]
    first_words: frozenset[str]  # lower-cased leading word of every phrase
    first_word_hashes: np.ndarray  # their hashes as the propaganda tagger's tokens carry them


_WORD_RUN = re.compile(r"\w+")
_INNER_SEPARATOR = re.compile(r"(?<=\w)[-'’](?=\w)")  # inside one token of the tagger


def _phrase_regex(phrase: str) -> str:
    # Spaces and hyphens inside a phrase match any run of spaces or a hyphen.
    parts = re.split(r"[\s-]+", phrase.strip())
    return r"[\s-]+".join(re.escape(p) for p in parts)


def _key(text: str) -> str:
    return " ".join(re.split(r"[\s-]+", text.lower()))


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    raw = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for label in LABELS:
        for item in raw[label]:
            entries[_key(item["phrase"])] = Entry(
                phrase=item["phrase"],
                label=label,
                not_after=tuple(w.lower() for w in item.get("not_after", [])),
                not_before=tuple(w.lower() for w in item.get("not_before", [])),
            )
    # Longest phrases first so "temper tantrum" wins over "tantrum".
    alternatives = sorted({_phrase_regex(e.phrase) for e in entries.values()}, key=len)[::-1]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)
    first_words = frozenset(_WORD_RUN.match(e.phrase).group().lower() for e in entries.values())
    hashes = np.array([word_hashes(w)[0] for w in sorted(first_words)], dtype=np.uint64)
    return Lexicon(entries, pattern, first_words, hashes)


def _candidate_starts(lexicon: Lexicon, text: str, tok: Tokens | None) -> list[int]:
    """Offsets where a match could begin: where a word that starts some phrase starts.

    With the propaganda tagger's tokens at hand this is a numpy lookup of their word hashes; a
    match may also begin inside a token, after an apostrophe ("the’traitor"), so those few
    places are added from the text.
    """
    if tok is None:
        return [
            w.start() for w in _WORD_RUN.finditer(text) if w.group().lower() in lexicon.first_words
        ]
    found = np.isin(tok.hashes[:, 0], lexicon.first_word_hashes) if len(tok) else []
    starts = set(tok.starts[np.flatnonzero(found)].tolist())
    # A token holding a hyphen or an apostrophe is several word runs: its first run may start
    # a phrase although the whole token does not, and so may a run after an apostrophe.
    for sep in _INNER_SEPARATOR.finditer(text):
        token_start = int(tok.starts[np.searchsorted(tok.starts, sep.start(), side="right") - 1])
        for run in (_WORD_RUN.match(text, token_start), _WORD_RUN.match(text, sep.end())):
            if run is not None and run.group().lower() in lexicon.first_words:
                starts.add(run.start())
    return sorted(starts)


def _matches(lexicon: Lexicon, text: str, tok: Tokens | None = None):
    """What `lexicon.pattern.finditer(text)` yields, but trying the big alternation only where
    a match can begin (see `_candidate_starts`): this is the hot path."""
    last_end = 0
    for start in _candidate_starts(lexicon, text, tok):
        if start < last_end:
            continue
        m = lexicon.pattern.match(text, start)
        if m is not None:
            last_end = m.end()
            yield m


def _neutral_use(entry: Entry, text: str, start: int, end: int) -> bool:
    before = " ".join(re.findall(r"[\w'-]+", text[max(0, start - 40) : start].lower()))
    after = " ".join(re.findall(r"[\w'-]+", text[end : end + 40].lower()))
    return any(before == w or before.endswith(" " + w) for w in entry.not_after) or any(
        after == w or after.startswith(w + " ") for w in entry.not_before
    )


_DETERMINERS_TEXT = "the a an this that these those their his her its our your my some any every"
_DETERMINERS = frozenset(_DETERMINERS_TEXT.split())
_PRECEDING_WORD = re.compile(r"([A-Z][\w'’-]*)\s+$")


def _with_epithet(text: str, start: int, max_words: int = 3) -> int:
    """Extend a name-calling span back over capitalised modifiers: "Middle Eastern bully boy"."""
    for _ in range(max_words):
        m = _PRECEDING_WORD.search(text, max(0, start - 40), start)
        if m is None or m.group(1).lower() in _DETERMINERS:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        sentence_start = not text[line_start : m.start()].strip() or re.search(
            r"[.!?]['\"”’)]*\s*$", text[max(0, m.start() - 4) : m.start()]
        )
        if sentence_start:  # a capital there is grammar, not a name
            break
        start = m.start()
    return start


@dataclass(frozen=True)
class LexiconHit:
    start: int
    end: int
    label: str
    phrase: str  # the lexicon entry that matched


def find_loaded_phrases(
    text: str, path: Path = LEXICON_PATH, tok: Tokens | None = None
) -> list[LexiconHit]:
    """Lexicon phrases in `text` outside quotations and neutral uses, in reading order.
    `tok`, the tagger's tokens of `text` when already made, speeds up the search."""
    lexicon = load_lexicon(path)
    quotes = quoted_regions(text)
    hits: list[LexiconHit] = []
    for m in _matches(lexicon, text, tok):
        entry = lexicon.entries.get(_key(m.group()))
        if entry is None or inside(quotes, m.start(), m.end()):
            continue
        if _neutral_use(entry, text, m.start(), m.end()):
            continue
        start = m.start()
        if entry.label == "Name_Calling,Labeling":
            start = _with_epithet(text, start)
        hits.append(LexiconHit(start, m.end(), entry.label, entry.phrase))
    return hits
