"""Sentence and word segmentation with exact character offsets.

Rule-based on purpose: it is fast, deterministic and needs no model download. Offsets always
index the text given, so findings can point back into `Document.text`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from itertools import islice

import numpy as np


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "est",
        "approx",
        "no",
        "nos",
        "fig",
        "al",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
    ]
)

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
# It starts only at the first mark of a run and never backtracks (possessive quantifiers): a
# plain `[.!?…]+` retried at every position of a run of N marks not followed by a space is
# O(N²) ("!" * 20,000 took 4.5 s). The matches found are the same.
# French sets its closing guillemet apart ("non. »"); a spaced » that a space follows closes.
_BOUNDARY = re.compile(
    r"""(?<![.!?…])[.!?…]++(?:[ \u00a0\u202f]»(?=\s|\Z))?+['"”’»“«)\]]*+(?=\s)"""
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*]\s)|\n")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_SPACES = re.compile(r"\s*")
_OPENERS = frozenset("\"“‘'([—-•*«»„‚‹›¡¿")


def _ends_with_abbreviation(text: str, dot_index: int) -> bool:
    """True when the period at `dot_index` closes an abbreviation or an initial ("J. Smith")."""
    j = dot_index
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    token = text[j:dot_index].lower()
    if not token:
        return False
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _next_starts_sentence(text: str, pos: int) -> bool:
    """A sentence starts at the next non-space character if it is upper case, a digit, an
    opening quote (English, French « », German „ “ and » «) or Spanish ¡ ¿."""
    m = _SPACES.match(text, pos)
    nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    ch = text[nxt]
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        punct_end = m.end()
        if (
            text[m.start()] == "."
            and m.end() - m.start() == 1
            and _ends_with_abbreviation(text, m.start())
        ):
            continue
        if not _next_starts_sentence(text, punct_end):
            continue
        spans.append((cursor, punct_end))
        cursor = punct_end
    spans.append((cursor, end))
    return spans


def split_sentences(text: str) -> list[Span]:
    """Split `text` into sentences; each span is trimmed of surrounding whitespace."""
    blocks: list[tuple[int, int]] = []
    cursor = 0
    for m in _PARAGRAPH.finditer(text):
        blocks.append((cursor, m.start()))
        cursor = m.end()
    blocks.append((cursor, len(text)))

    sentences: list[Span] = []
    for b_start, b_end in blocks:
        for s, e in _split_block(text, b_start, b_end):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                sentences.append(Span(s, e, text[s:e]))
    return sentences


def _spans(triples: list[tuple[int, int, str]]) -> list[Span]:
    """Span objects built without the frozen dataclass __init__ (three object.__setattr__ calls
    each): an article has hundreds of words and this is the bulk of segmenting it."""
    new = object.__new__
    spans = []
    for start, end, word in triples:
        span = new(Span)
        fields = span.__dict__
        fields["start"], fields["end"], fields["text"] = start, end, word
        spans.append(span)
    return spans


def split_words(text: str, offset: int = 0) -> list[Span]:
    """Word tokens (letters, digits, inner hyphens/apostrophes) with offsets shifted by `offset`."""
    if offset:
        triples = [(m.start() + offset, m.end() + offset, m.group()) for m in _WORD.finditer(text)]
    else:
        triples = [(*m.span(), m.group()) for m in _WORD.finditer(text)]
    return _spans(triples)


@dataclass(frozen=True)
class WordTable:
    """The words of `split_words(text)` as parallel columns, without building Spans.

    About 24 bytes a word: a list of regex matches took ~130, which on a 10 MB article was a
    fifth of the peak memory, held for the whole analysis.
    """

    words: list[str]  # interned: a word that recurs is stored once
    starts: np.ndarray  # int64 code-point offsets
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.words)


_WORD_CHUNK = 65_536  # matches alive at once while the table is built


def word_table(text: str) -> WordTable:
    words: list[str] = []
    starts: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    ends: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    found = _WORD.finditer(text)
    # Maps over the C methods, a chunk at a time: no Python frame per word.
    while chunk := list(islice(found, _WORD_CHUNK)):
        words += map(sys.intern, map(re.Match.group, chunk))
        starts.append(np.fromiter(map(re.Match.start, chunk), dtype=np.int64, count=len(chunk)))
        ends.append(np.fromiter(map(re.Match.end, chunk), dtype=np.int64, count=len(chunk)))
    return WordTable(words, np.concatenate(starts), np.concatenate(ends))


# Whole `_WORD` tokens without an ASCII lower-case letter: a superset of the upper-case words,
# found by the regex engine instead of by visiting every word in Python.
_NO_ASCII_LOWER_WORD = re.compile(
    r"(?<!\w)(?<!\w[-'’])[^\Wa-z]+(?:[-'’][^\Wa-z]+)*(?!\w)(?![-'’]\w)", re.UNICODE
)


def upper_case_words(text: str) -> list[Span]:
    """The words of `split_words(text)` that `str.isupper()`: few, so cheap to build Spans for."""
    return _spans(
        [(*m.span(), w) for m in _NO_ASCII_LOWER_WORD.finditer(text) if (w := m.group()).isupper()]
    )
