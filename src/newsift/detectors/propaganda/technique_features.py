"""Hashed features of a span for the technique classifier, the same at training and inference.

Features of single words (the span's words, their suffixes and stems, the words around it and
the rest of its sentence) are per-token hash columns gathered for all spans of an article at
once; the others (bigrams, trigrams, repetition, position) are strings made per span and hashed
as `newsift.detectors.propaganda.features` hashes every feature.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

import numpy as np

from newsift.detectors.propaganda.features import (
    _QUOTES,
    TC_BITS,
    Tokens,
    _cached_crc,
    _mix,
    _salt,
    _shape,
    _WordHashTable,
)


def _len_bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 12, 20, 35):
        if n <= edge:
            return str(edge)
    return "big"


# Columns of `_technique_word_hashes`: one per-word feature of the technique classifier each.
_U, _SFX, _L, _R, _L1, _R1, _SW, _STEM = range(8)
_NO_SUFFIX = 1 << 40  # not a CRC-32: marks words too short for a suffix feature


def _technique_word_hashes(word: str) -> tuple[int, ...]:
    """Hashes of the technique classifier's features of one word, in the `_U`... columns."""
    x = word.lower()
    return (
        _cached_crc("u=" + x),
        _cached_crc("sfx=" + x[-3:]) if len(x) > 3 else _NO_SUFFIX,
        _cached_crc("L=" + x),
        _cached_crc("R=" + x),
        _cached_crc("L1=" + x),
        _cached_crc("R1=" + x),
        _cached_crc("sw=" + x),
        _cached_crc("stem=" + x[:5]),
    )


_TECHNIQUE_HASHES = _WordHashTable(_technique_word_hashes, 8)


@dataclass
class SpanContext:
    """What every span of one article reads, made once per article."""

    title: str  # the first line
    title_lower: str  # its first _TITLE_CHARS characters, lower-cased once, not per span
    repetition: _Repetition


# A first line longer than this is no title: `intitle` searches only its start, so that a huge
# one-line article does not cost a search of the whole line per span.
_TITLE_CHARS = 2000
# Characters `str.find` may scan for the `rep` counts of one article (~0.1 s): an ordinary
# article needs a fraction of it; past it, counts are estimated from the word counts, so that
# N spans of an N-sized article do not cost N full scans (quadratic).
_REPETITION_BUDGET = 200_000_000


class _Repetition:
    """How often span texts occur in one lower-cased article, counted up to `cap`."""

    def __init__(self, lower: str, budget: int = _REPETITION_BUDGET) -> None:
        self.lower = lower
        self.budget = budget
        self.memo: dict[str, int] = {}

    def count(self, needle: str, estimate: Callable[[], int], cap: int = 5) -> int:
        """Occurrences of `needle`, up to `cap`: exact while the scan budget lasts (the same
        needle is counted once), else `estimate()`."""
        known = self.memo.get(needle)
        if known is not None:
            return known
        if self.budget <= 0:
            return estimate()
        found, pos, lower = 0, 0, self.lower
        while found < cap:
            hit = lower.find(needle, pos)
            if hit < 0:
                self.budget -= len(lower) - pos
                break
            self.budget -= hit + len(needle) - pos
            found, pos = found + 1, hit + len(needle)
        self.memo[needle] = found
        return found


def _span_context(tok: Tokens) -> SpanContext:
    if tok.span_context is None:
        tok.span_context = SpanContext(
            title=(title := tok.text.split("\n", 1)[0]),
            title_lower=title[:_TITLE_CHARS].lower(),
            repetition=_Repetition(tok.text.lower()),
        )
    return tok.span_context


def _ranges(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every np.arange(start, stop) joined, and the position of its pair for each element."""
    lengths = np.maximum(stops - starts, 0)
    owner = np.repeat(np.arange(len(starts)), lengths)
    first = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.arange(int(lengths.sum())) + first, owner


def _span_strings(
    tok: Tokens, ctx: SpanContext, start: int, end: int, i0: int, i1: int, s_first: int,
    s_last: int
) -> list[str]:  # fmt: skip
    """The features of one span that are strings (the rest are per-word hash columns)."""
    text = tok.text
    raw = tok.words[i0:i1]
    words = [x.lower() for x in raw]
    feats: list[str] = ["bias", "len=" + _len_bucket(len(words))]
    feats += ["bi=" + a + "_" + b for a, b in zip(words, words[1:], strict=False)]
    if words:
        feats += ["first=" + words[0], "last=" + words[-1]]
        feats.append("shape1=" + _shape(raw[0]))
        if len(words) == 1:
            feats.append("single=" + words[0])
        if len(words) <= 3:
            feats.append("short=" + "_".join(words))
        caps = sum(1 for x in raw if x.isupper() and len(x) > 1)
        feats.append(f"caps={min(caps, 2)}")
    span_text = text[start:end]
    feats.append(f"excl={int('!' in span_text)}")
    feats.append(f"qm={int('?' in span_text)}")
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    quoted = (before != "" and before in _QUOTES) or (after != "" and after in _QUOTES)
    feats.append(f"quoted={int(quoted)}")
    feats.append(f"cap={int(span_text[:1].isupper())}")
    if len(tok) and i1 > i0:
        sent = tok.sentences[s_first]
        cover = (end - start) / max(tok.sentences[s_last].end - sent.start, 1)
        feats.append(f"cover={min(int(cover * 4), 4)}")
        feats.append(f"multi={int(s_last > s_first)}")
        feats.append(f"sentfirst={int(s_first == 0)}")
    # Repetition: how often the span's text (and its content words) recur in the article.
    needle = span_text.lower().strip()
    if needle:
        # Non-overlapping occurrences, as str.count counts; only min(count, 4) is used.
        count = ctx.repetition.count(
            needle, lambda: min((_word_counts(tok)[x] for x in words), default=1)
        )
        feats.append(f"rep={min(count, 4)}")
        if count > 1 and len(words) >= 2:
            feats.append("repphrase")
    content = [x for x in words if len(x) >= 4]
    if content:
        word_counts = _word_counts(tok)
        counts = [word_counts[x] for x in content]
        feats.append(f"wrep={min(max(counts), 6)}")
        feats.append(f"wrepmin={min(min(counts), 4)}")
    # Word trigrams, the opening words, and whether the span echoes the title.
    feats += ["tri=" + "_".join(words[k : k + 3]) for k in range(min(len(words) - 2, 10))]
    if words:
        feats.append(f"lenfirst={_len_bucket(len(words))}_{words[0]}")
    if len(words) >= 2:
        feats.append(f"f2={words[0]}_{words[1]}")
    in_title = end > len(ctx.title) and bool(needle) and needle in ctx.title_lower
    feats.append(f"intitle={int(in_title)}")
    return feats


def span_feature_batch(tok: Tokens, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Feature indices in [0, 2**TC_BITS) of many spans (text[start:end]) and the span each
    belongs to, grouped by span.

    Features of single words (the span's words, their suffixes and stems, the words around it
    and the rest of its sentence) are per-token hash columns gathered for all spans at once; the
    rest are strings, made per span: per-span numpy calls cost more than the work in them.
    """
    ctx = _span_context(tok)
    n = len(tok)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    i0 = np.searchsorted(tok.ends, starts, side="right")
    i1 = np.searchsorted(tok.starts, ends, side="left")
    has_words = (i1 > i0) & (n > 0)
    s_first = tok.sentence_of[np.minimum(i0, max(n - 1, 0))] if n else np.zeros_like(i0)
    s_last = tok.sentence_of[np.clip(i1 - 1, 0, max(n - 1, 0))] if n else np.zeros_like(i0)
    lo = np.where(has_words, np.searchsorted(tok.sentence_of, s_first, side="left"), i0)
    hi = np.where(has_words, np.searchsorted(tok.sentence_of, s_last, side="right"), i1)
    hashes: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    slots = [
        (_ranges(first, stop), column)
        for first, stop, column in (
            (i0, i1, _U),
            (i0, i1, _SFX),
            (np.maximum(i0 - 3, 0), i0, _L),
            (i1, np.minimum(i1 + 3, n), _R),
            (np.maximum(i0 - 1, 0), i0, _L1),
            (i1, np.minimum(i1 + 1, n), _R1),
            (lo, i0, _SW),  # the rest of the sentence(s), before the span
            (i1, hi, _SW),  # and after it
            (i0, i1, _STEM),
        )
    ]
    # Hash rows of only the words these spans read, not of every word of the article (64
    # bytes a word, kept for the whole article, was a tenth of the peak memory on big input).
    needed = np.unique(np.concatenate([index for (index, _), _ in slots]))
    rows = (
        _TECHNIQUE_HASHES.hashes([tok.words[i] for i in needed.tolist()])
        if len(needed)
        else np.zeros((0, 8), dtype=np.uint64)
    )
    for (index, owner), column in slots:
        values = rows[np.searchsorted(needed, index), column]
        if column == _SFX:
            keep = values != _NO_SUFFIX
            values, owner = values[keep], owner[keep]
        hashes.append(values)
        owners.append(owner)
    strings = [
        _span_strings(tok, ctx, *args)
        for args in zip(
            starts.tolist(), ends.tolist(), i0.tolist(), i1.tolist(), s_first.tolist(),
            s_last.tolist(), strict=True
        )
    ]  # fmt: skip
    lengths = [len(f) for f in strings]
    hashes.append(np.fromiter(map(_cached_crc, chain.from_iterable(strings)), np.uint64))
    owners.append(np.repeat(np.arange(len(spans)), lengths))
    owner = np.concatenate(owners)
    order = np.argsort(owner, kind="stable")  # grouped by span, in the order above
    features = _mix(np.concatenate(hashes)[order], _salt("tc"), TC_BITS)
    return features, owner[order]


def span_features(tok: Tokens, start: int, end: int) -> np.ndarray:
    """Hashed feature indices in [0, 2**TC_BITS) describing the span text[start:end]."""
    return span_feature_batch(tok, [(start, end)])[0]


def _word_counts(tok: Tokens) -> Counter[str]:
    """Occurrences of each lowercase word in the article, computed once per Tokens."""
    if tok.word_counts is None:
        tok.word_counts = Counter(map(str.lower, tok.words))
    return tok.word_counts
