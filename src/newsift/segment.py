"""Sentence and word segmentation with exact character offsets.

Rule-based on purpose: it is fast, deterministic and needs no model download. Offsets always
index the text given, so findings can point back into `Document.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
_BOUNDARY = re.compile(r"""[.!?…]+['"”’)\]]*(?=\s)""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*]\s)|\n")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


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
    """A sentence starts at the next non-space character if it is upper case, a digit or a quote."""
    m = re.compile(r"\s*").match(text, pos)
    nxt = m.end() if m else pos
    if nxt >= len(text):
        return True
    ch = text[nxt]
    return ch.isupper() or ch.isdigit() or ch in "\"“‘'([—-•*"


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


def word_matches(text: str) -> list[re.Match[str]]:
    """The regex matches of `split_words(text)`: text and offsets without building Spans."""
    return list(_WORD.finditer(text))


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
