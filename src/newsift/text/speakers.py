"""Who is said to have said something: the speaker beside a reporting cue, and the cues.

The speaker is the words before the reporting verb back to a clause boundary ("Russian Defence
Minister Sergei Shoigu told"), or after it when the verb comes first ("said Sinem Adar, a
researcher"; "according to the Syrian Observatory"), judged named, a pronoun, vague, the outlet
itself or anonymous. Used by `newsift.text.voice`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsift.text.reported_speech import reporting_pattern
from newsift.text.textscan import CaselessPattern, Hit


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs that frame a quotation beyond the reporting cues of `reported_speech` ("so-called" is
# not one: the lookbehind keeps it out).
_FRAMING = CaselessPattern(
    r"(?<![\w-])(?:call(?:s|ed)?|describ(?:es|ed|ing)|dubb?(?:s|ed)|brand(?:s|ed)|"
    r"label(?:s|led|ed)|term(?:s|ed)|tweet(?:s|ed)|posted|declar(?:es|ed)|asserted|"
    r"alleg(?:es|ed)|accus(?:es|ed)|recall(?:s|ed)|complained|vowed|shouted|screamed|cried|"
    r"replied|responded|continued|concluded|admitted|pleaded|suggested|quot(?:es|ed|ing)|"
    r"writing in|in the words of|put it|saying|telling)\b"
)
# Reporting cues that introduce what someone said, for reported speech without quotation marks
# (of `reported_speech.REPORTING`, not "data show", "did not respond" or "calls itself").
_SPEECH = _set(
    "said says say told tells stated wrote writes added explained noted warned claimed claims "
    "insisted argued testified acknowledged denied announced urged asked confirmed"
) | {"according to"}
_FORWARD_CUES = frozenset({"according to", "in the words of", "quoting", "writing in"})
_CLAUSE_WORDS = _set("who which that after when while before during because on in at as but")
_CLAUSE_BACK = _set("who which that as when while after before because if")
_LEADING = _set("and but as while when so then also")
_TRAILING = _set(
    "has had have also later then once previously recently repeatedly again publicly "
    "reportedly is was were are will would has since"
)
_PRONOUNS = frozenset({"he", "she"})
_VAGUE = frozenset({"they", "it", "this", "that", "there", "who", "which", "what", "one"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
_ANONYMOUS_WORDS = _set(
    "source sources insider insiders people everyone everybody someone somebody many some "
    "critics observers experts rumours rumors reports unnamed anonymous unidentified"
)
_DETERMINERS = _set("the a an one another his her their its two three several")
_ABBREVIATIONS = _set("dr mr mrs ms prof gen sen rep st jr sr col lt gov pres rev")
_SHORTENED = _ABBREVIATIONS | frozenset("abcdefghijklmnopqrstuvwxyz")  # "Dr." and initials
_OPENING = '“"«„‘(['
_CLOSING = ",;:.!?)”\"»’'"
_TOKENS = re.compile(r"\S+")
_MAX_SPEAKER_WORDS = 8

# A person named as a sentence's subject: two or three capitalised words, then a lower-case verb.
_PERSON_SUBJECT = re.compile(
    r"((?:[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+){1,2}),?\s+(?![a-z]+ly\b)(?:[a-z]+)\b"
)
_NOT_A_NAME = (
    _DETERMINERS
    | _CLAUSE_WORDS
    | _set(
        "this these those in on at for from with by of to after before during under over "
        "monday tuesday wednesday thursday friday saturday sunday last next early late"
    )
)


@dataclass(frozen=True)
class _Speaker:
    start: int  # offsets in the context string
    end: int
    text: str | None  # None: a pronoun or nobody named
    status: Literal["named", "pronoun", "vague", "first_person", "anonymous"]


# -- speakers around a reporting cue ----------------------------------------------------------


def _judge(tokens: list[tuple[int, int, str]]) -> _Speaker | None:
    """The speaker made of `tokens` (start, end, word), after trimming joining words."""
    while tokens and tokens[0][2].lower() in _LEADING:
        tokens = tokens[1:]
    while tokens and tokens[-1][2].lower() in _TRAILING:
        tokens = tokens[:-1]
    if not tokens or not any(ch.isalpha() for _, _, w in tokens for ch in w):
        return None
    start, end = tokens[0][0], tokens[-1][1]
    words = [w for _, _, w in tokens]
    lowered = [w.lower().strip("'’") for w in words]
    if lowered[0] in _FIRST_PERSON:
        return _Speaker(start, end, None, "first_person")
    if len(words) == 1 and lowered[0] in _PRONOUNS:
        return _Speaker(start, end, None, "pronoun")
    if lowered[0] in _VAGUE or all(w in _DETERMINERS for w in lowered):
        return _Speaker(start, end, None, "vague")
    text = " ".join(words)
    if _ANONYMOUS_WORDS.intersection(lowered) and not any(w[0].isupper() for w in words[1:]):
        return _Speaker(start, end, text, "anonymous")
    named = words[0][0].isupper() or lowered[0] in _DETERMINERS or len(words) <= 3
    if not named or not all(any(ch.isalpha() for ch in w) for w in words):
        return None
    return _Speaker(start, end, text, "named")


def _backward(context: str, cue_start: int) -> _Speaker | None:
    """The speaker before a cue at `cue_start` of `context`: the words back to a clause
    boundary, or an apposition before one ("A spokesman, Andrej Mahecic, said")."""
    tokens = list(_TOKENS.finditer(context, max(0, cue_start - 200), cue_start))
    taken: list[tuple[int, int, str]] = []
    bounded = False
    for m in reversed(tokens):
        word = m[0]
        if (
            word in {"-", "–", "—"}
            or word[-1] in _OPENING
            or word[0] in _OPENING + '”"»'
            or word.lower() in _CLAUSE_BACK
        ):
            bounded = True
            break
        if word[-1] in ",;:" or (word[-1] in ".!?" and word[:-1].lower() not in _ABBREVIATIONS):
            if taken or word[-1] != ",":
                bounded = True
                break
            word = word[:-1]  # "Mahecic," before "said": an apposition, read on
        taken.insert(0, (m.start(), m.start() + len(word), word))
        if len(taken) > _MAX_SPEAKER_WORDS:
            break
    if not bounded and len(taken) > _MAX_SPEAKER_WORDS:
        run: list[tuple[int, int, str]] = []
        for token in reversed(taken):
            if not (token[2][0].isupper() or token[2].lower() in _TRAILING):
                break
            run.insert(0, token)
        taken = run
    return _judge(taken)


def _forward(context: str, pos: int) -> _Speaker | None:
    """The speaker after a cue ending at `pos`: "said Sinem Adar, a researcher"."""
    taken: list[tuple[int, int, str]] = []
    for m in _TOKENS.finditer(context, pos, min(len(context), pos + 200)):
        word = m[0]
        if word[0] in _OPENING or (taken and word.lower() in _CLAUSE_WORDS):
            break
        stripped = word.rstrip(_CLOSING)
        ends = stripped != word and not (word.endswith(".") and stripped.lower() in _SHORTENED)
        if stripped:
            taken.append((m.start(), m.start() + len(stripped), stripped))
        if ends or len(taken) >= _MAX_SPEAKER_WORDS:
            break
    return _judge(taken)


def _speaker_at(context: str, cue: Hit, quote_after: bool) -> _Speaker | None:
    """The speaker of a cue in `context`. `quote_after`: the cue follows the quotation, where
    the verb may come first ("…,” said Sinem Adar)."""
    word = cue.text.lower()
    if word in _FORWARD_CUES:
        return _forward(context, cue.end)
    before = _backward(context, cue.start)
    if before is not None and before.status != "vague":
        return before
    if quote_after or context[: cue.start].rstrip().endswith(","):
        after = _forward(context, cue.end)
        if after is not None and after.status in ("named", "anonymous"):
            return after
    return before


# -- cues ------------------------------------------------------------------------------------


def _quote_cues(context: str, language: str) -> list[Hit]:
    hits = list(reporting_pattern(language).finditer(context))
    if language == "en":
        hits += _FRAMING.finditer(context)
        hits.sort(key=lambda h: h.start)
    return hits


def _speech_cues(context: str, language: str) -> list[Hit]:
    hits = reporting_pattern(language).finditer(context)
    if language != "en":
        return list(hits)
    return [h for h in hits if h.text.lower() in _SPEECH]
