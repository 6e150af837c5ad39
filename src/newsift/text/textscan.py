"""Case-insensitive phrase patterns, run fast.

Python's `re` with IGNORECASE folds the case of every character it compares and runs about three
times slower than without; the phrase lists of the detectors (donation appeals, reporting verbs,
dates) are scanned over every article, so that cost showed in the API's latency. A
`CaselessPattern` is written in lower case and runs case-sensitively over `text.lower()`, which
finds the same matches wherever lower-casing keeps every character in place (almost all text);
where it does not (a few characters such as "İ" grow when lower-cased), it falls back to the
IGNORECASE pattern. Matches come back as `Hit`s whose text is the original's, not the lower case.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from newsift.text.segment import Span

_UPPER_OUTSIDE_ESCAPES = re.compile(r"(?<!\\)[A-Z]")


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: offsets into the scanned text and the matched text as written there."""

    start: int
    end: int
    text: str


class CaselessPattern:
    """A regular expression matched regardless of case (see the module docstring)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        literal = re.sub(r"\\[A-Za-z]", "", pattern)
        if flags & re.VERBOSE:
            literal = re.sub(r"#[^\n]*", "", literal)  # comments say what they like
        if _UPPER_OUTSIDE_ESCAPES.search(literal):
            # An upper-case literal could never match lower-cased text.
            raise ValueError("a CaselessPattern must be written in lower case")
        self.pattern = pattern
        self._lower = re.compile(pattern, flags & ~re.IGNORECASE)
        self._folded = re.compile(pattern, flags | re.IGNORECASE)

    def _target(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = text.lower()
        if len(lowered) == len(text):
            return self._lower, lowered
        return self._folded, text

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Hit]:
        pattern, target = self._target(text)
        for m in pattern.finditer(target, pos, endpos):
            start, end = m.span()
            yield Hit(start, end, text[start:end])

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Hit | None:
        return next(self.finditer(text, pos, endpos), None)

    def starts(self, text: str) -> list[int]:
        """Start offsets of every match in `text`, in order."""
        pattern, target = self._target(text)
        return [m.start() for m in pattern.finditer(target)]


def hits_by_sentence(hits: list[Hit], sentences: list[Span]) -> dict[int, list[Hit]]:
    """The hits wholly inside each sentence, by the sentence's index (sentences in order).

    For phrase patterns that never cross a sentence boundary, scanning the whole text once and
    sharing the hits out gives what scanning each sentence would, at a fraction of the cost.
    """
    starts = [s.start for s in sentences]
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        k = bisect_right(starts, hit.start) - 1
        if k >= 0 and hit.end <= sentences[k].end:
            grouped.setdefault(k, []).append(hit)
    return grouped


def same_words(a: str, b: str | None) -> bool:
    """Whether two strings hold the same words, ignoring case, spacing and punctuation (a
    title repeated as the first line of the body)."""
    if not b:
        return False
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())
