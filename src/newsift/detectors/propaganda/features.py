"""Hashed features for the propaganda models, computed the same way at training and at inference.

Every feature is a string hashed with CRC-32 (stable across runs and platforms, in the standard
library) and then mixed with a per-slot salt into a fixed-size index space, so a model is just a
weight vector: no vocabulary to store and no scikit-learn at analyze time. Token features are
built with numpy over whole articles: each word type is hashed once, and context features are
shifted copies of the per-token hash arrays.
"""

from __future__ import annotations

import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from newsift.text.segment import Span, WordTable, split_sentences, word_table

if TYPE_CHECKING:
    from newsift.detectors.propaganda.technique_features import SpanContext

SI_BITS = 20  # token tagger feature space
SENT_BITS = 18  # sentence classifier feature space
TC_BITS = 18  # technique classifier feature space

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_QUOTES = "\"“”‘’«»'"
_QUOTE_SET = frozenset(_QUOTES)


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


# Feature strings repeat across spans and articles ("u=the", "bias", "s=ing"): remembering their
# hashes halves the cost of the technique classifier's features.
_cached_crc = lru_cache(maxsize=1 << 17)(_crc)


@lru_cache(maxsize=256)
def _salt(name: str) -> np.uint64:
    return np.uint64(_crc("salt:" + name) * 2654435761 % (1 << 64))


@lru_cache(maxsize=16)
def _salt_row(names: tuple[str, ...]) -> np.ndarray:
    return np.array([_salt(name) for name in names], dtype=np.uint64)


def _mix(h: np.ndarray, salt: np.uint64 | np.ndarray, bits: int) -> np.ndarray:
    """Map uint64 hashes into [0, 2**bits) with a slot-specific salt (multiplicative hashing);
    a row of salts mixes each column of a 2-D `h` with its own."""
    # Integer arrays wrap around silently; only numpy scalars warn, and `h` is an array.
    x = (np.asarray(h) ^ salt) * _GOLDEN
    return (x >> np.uint64(64 - bits)).astype(np.int64)


def _pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(a) * np.uint64(1000003) + b  # wraps around silently, as in `_mix`


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper():
        return "X" if len(word) > 1 else "X1"
    if word[:1].isupper():
        return "Xx"
    if word.islower():
        return "x"
    return "mix"


def word_hashes(word: str) -> tuple[int, int, int, int, int]:
    """(lowercase word, 3-letter suffix, 3-letter prefix, shape, length class) hashes."""
    lower = word.lower()
    length = "s" if len(lower) <= 3 else "m" if len(lower) <= 7 else "l"
    return (
        _crc("w=" + lower),
        _cached_crc("s=" + lower[-3:]),
        _cached_crc("p=" + lower[:3]),
        _cached_crc("h=" + _shape(word)),
        _cached_crc("n=" + length),
    )


class _WordHashTable:
    """`row_of(word)` for every word seen, as rows of one array, so that an article's hashes
    are one dictionary lookup per token and one numpy gather: building an array from per-token
    tuples cost more than the rest of tokenising."""

    MAX_WORDS = 200_000  # then start afresh: bounded memory on endless streams of new words

    def __init__(self, row_of: Callable[[str], tuple[int, ...]], width: int) -> None:
        self.row_of = row_of
        self.width = width
        self.rows: dict[str, int] = {}
        self.table = np.zeros((1024, width), dtype=np.uint64)
        self.lock = threading.Lock()  # the API analyses in several threads at once

    def hashes(self, words: list[str]) -> np.ndarray:
        with self.lock:
            return self._hashes(words)

    def _hashes(self, words: list[str]) -> np.ndarray:
        if len(self.rows) + len(words) > self.MAX_WORDS:
            self.rows.clear()
        rows = self.rows
        new = [w for w in dict.fromkeys(words) if w not in rows]
        if new:
            first = len(rows)
            if first + len(new) > len(self.table):
                size = max(2 * len(self.table), first + len(new))
                grown = np.zeros((size, self.width), np.uint64)
                grown[:first] = self.table[:first]
                self.table = grown
            self.table[first : first + len(new)] = [self.row_of(w) for w in new]
            rows.update(zip(new, range(first, first + len(new)), strict=True))
        index = np.fromiter(map(rows.__getitem__, words), dtype=np.int64, count=len(words))
        return self.table[index]


_WORD_HASHES = _WordHashTable(word_hashes, 5)


@dataclass
class Tokens:
    """Word tokens of a text with their sentences; arrays are aligned by token."""

    text: str
    starts: np.ndarray  # int64 char offsets
    ends: np.ndarray
    words: list[str]
    sentence_of: np.ndarray  # index into `sentences` for each token
    sentences: list[Span]
    hashes: np.ndarray  # uint64 [n_tokens, 5], see `word_hashes`
    # Made by the technique classifier's features (technique_features) on first use.
    word_counts: Counter[str] | None = None  # lowercase word -> count
    span_context: SpanContext | None = None

    def __len__(self) -> int:
        return len(self.words)


def tokenize(
    text: str, sentences: list[Span] | None = None, table: WordTable | None = None
) -> Tokens:
    """`table`, the words of `text` as `segment.word_table` gives them, when at hand."""
    sentences = split_sentences(text) if sentences is None else sentences
    table = word_table(text) if table is None else table
    words, starts, ends = table.words, table.starts, table.ends
    sent_starts = np.array([s.start for s in sentences], dtype=np.int64)
    sentence_of = np.clip(np.searchsorted(sent_starts, starts, side="right") - 1, 0, None)
    hashes = _WORD_HASHES.hashes(words)
    return Tokens(text, starts, ends, words, sentence_of, sentences, hashes)


# ---------------------------------------------------------------------------------------------
# Token tagger (span identification)

_PAD = np.uint64(_crc("<pad>"))


_MAX_SHIFT = 6  # the widest context window of the token tagger


class _Shifter:
    """values[i + offset] within the same sentence, else a padding hash, for any offset up to
    `_MAX_SHIFT`: slices of padded copies, instead of index arrays built for every offset."""

    def __init__(self, sentence_of: np.ndarray) -> None:
        n = len(sentence_of)
        self.n = n
        self.padded_sentences = np.full(n + 2 * _MAX_SHIFT, -1, dtype=np.int64)
        self.padded_sentences[_MAX_SHIFT : _MAX_SHIFT + n] = sentence_of
        self.sentence_of = sentence_of

    def padded(self, values: np.ndarray) -> np.ndarray:
        out = np.full(self.n + 2 * _MAX_SHIFT, _PAD, dtype=np.uint64)
        out[_MAX_SHIFT : _MAX_SHIFT + self.n] = values
        return out

    def shift(self, padded_values: np.ndarray, offset: int) -> np.ndarray:
        window = slice(_MAX_SHIFT + offset, _MAX_SHIFT + offset + self.n)
        same = self.padded_sentences[window] == self.sentence_of
        return np.where(same, padded_values[window], _PAD)


_DOUBLE_QUOTE_CODES = np.array([ord(c) for c in '"“”'], dtype=np.uint32)
# Characters next to a word that carry meaning (quotes, punctuation); others are one class.
_CLASS_OF = {ord(c): ord('"') for c in _QUOTES} | {ord(c): ord(c) for c in ".,;:!?()-—"}
_CLASS_OF |= {ord(c): 32 for c in " \t\n\r\u00a0"}
_CLASS_KEYS = np.array(sorted(_CLASS_OF), dtype=np.uint32)
_CLASS_VALUES = np.array([_CLASS_OF[k] for k in sorted(_CLASS_OF)], dtype=np.uint64)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _char_classes(codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Class of the character at each position: a quote, a punctuation mark, space, other (1)
    or outside the text (0)."""
    out = np.zeros(len(positions), dtype=np.uint64)
    valid = (positions >= 0) & (positions < len(codes))
    cp = codes[positions[valid]]
    slot = np.clip(np.searchsorted(_CLASS_KEYS, cp), 0, len(_CLASS_KEYS) - 1)
    known = _CLASS_KEYS[slot] == cp
    out[valid] = np.where(known, _CLASS_VALUES[slot], np.uint64(1))
    return out


def _bucket(values: np.ndarray, edges: list[float]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges), values, side="right").astype(np.uint64)


def _article_counts(keys: np.ndarray) -> np.ndarray:
    """How often each key occurs in the whole array (per element)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return counts[inverse]


def token_features(tok: Tokens) -> np.ndarray:
    """Hashed feature indices [n_tokens, n_slots] in [0, 2**SI_BITS) for the token tagger."""
    if len(tok) == 0:
        return np.zeros((0, 0), dtype=np.int64)
    names, raw = zip(*token_feature_columns(tok), strict=True)
    return _mix(np.stack(raw, axis=1), _salt_row(names), SI_BITS)


def token_feature_columns(tok: Tokens) -> Iterator[tuple[str, np.ndarray]]:
    """(salt name, raw uint64 hashes per token) of each slot of `token_features`, one at a time:
    a caller that sums weights per slot never holds all ~40 columns (~320 bytes a token)."""
    n = len(tok)
    w, suf, pre, shape, length = (tok.hashes[:, k] for k in range(5))
    sid = tok.sentence_of
    yield from (("w0", w), ("s0", suf), ("p0", pre), ("h0", shape), ("hn0", _pair(shape, length)))
    shifter = _Shifter(sid)
    padded_w = shifter.padded(w)
    neighbours = {o: shifter.shift(padded_w, o) for o in (-3, -2, -1, 1, 2, 3)}
    for o, hw in neighbours.items():
        yield f"w{o}", hw
    padded_shape, padded_suf = shifter.padded(shape), shifter.padded(suf)
    for o in (-1, 1):
        yield f"h{o}", shifter.shift(padded_shape, o)
        yield f"s{o}", shifter.shift(padded_suf, o)
    del padded_shape, padded_suf
    # Unordered wider window: the words 4-6 places away on either side.
    for o in (-6, -5, -4, 4, 5, 6):
        yield "win", shifter.shift(padded_w, o)
    del padded_w
    yield "b-1", _pair(neighbours[-1], w)
    yield "b+1", _pair(w, neighbours[1])
    yield "t0", _pair(_pair(neighbours[-1], w), neighbours[1])

    # Position in the sentence and sentence-level cues.
    n_sent = max(len(tok.sentences), 1)
    sent_first = np.zeros(n_sent, dtype=np.int64)
    sent_len = np.bincount(sid, minlength=n_sent)
    first_idx = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
    sent_first[sid[first_idx]] = first_idx
    pos = np.arange(n) - sent_first[sid]
    slen = sent_len[sid]
    rel = pos / np.maximum(slen - 1, 1)
    yield "pos", _bucket(pos.astype(float), [1, 2, 4, 8, 16])
    yield "rpos", _bucket((slen - 1 - pos).astype(float), [1, 2, 4, 8])
    yield "rel", _bucket(rel, [0.25, 0.5, 0.75])
    yield "slen", _bucket(slen.astype(float), [5, 10, 20, 35, 60])
    del pos, slen, rel

    text = tok.text
    cues = np.zeros(n_sent, dtype=np.uint64)
    for i, s in enumerate(tok.sentences):
        t = s.text
        cues[i] = (
            ("!" in t) * 1
            + ("?" in t) * 2
            + (not _QUOTE_SET.isdisjoint(t)) * 4
            + (i == 0) * 8
            + (":" in t) * 16
        )
    cues_tok = cues[sid] if len(tok.sentences) else np.zeros(n, dtype=np.uint64)
    yield "cues", cues_tok
    yield "cuesw", _pair(cues_tok, w)
    del cues_tok

    codes = _code_points(text)
    yield "before", _char_classes(codes, tok.starts - 1)
    yield "after", _char_classes(codes, tok.ends)

    # Inside quotation marks: an odd number of double quotes since the sentence start.
    is_quote = (codes == _DOUBLE_QUOTE_CODES[0]) | (codes == _DOUBLE_QUOTE_CODES[1])
    quote_pos = np.flatnonzero(is_quote | (codes == _DOUBLE_QUOTE_CODES[2]))
    del codes, is_quote
    q_before = np.searchsorted(quote_pos, tok.starts)
    sent_start_chars = np.array([s.start for s in tok.sentences], dtype=np.int64)[sid]
    q_sent = np.searchsorted(quote_pos, sent_start_chars)
    inside = ((q_before - q_sent) % 2).astype(np.uint64)
    yield "inq", inside
    yield "inqw", _pair(inside, w)

    # Repetition across the article: the word and the bigram it starts.
    content = (tok.ends - tok.starts) >= 4
    wcount = np.where(content, _article_counts(w), 0)
    yield "rep", _bucket(wcount.astype(float), [1, 2, 3, 5, 10])
    bcount = _article_counts(_pair(w, neighbours[1]))
    yield "rep2", _bucket(bcount.astype(float), [2, 3])
    yield "bias", np.zeros(n, dtype=np.uint64)


# ---------------------------------------------------------------------------------------------
# Sentence classifier


@lru_cache(maxsize=256)
def _sentence_cue_hashes(
    exclamations: int, question: bool, quote: bool, first: bool, caps: int
) -> tuple[int, ...]:
    """Hashes of a sentence's cue features: few distinct values, so each is hashed once."""
    return tuple(
        _crc(x)
        for x in (
            f"excl={exclamations}",
            f"q={int(question)}",
            f"quote={int(quote)}",
            f"first={int(first)}",
            f"caps={caps}",
        )
    )


def sentence_features(tok: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Flat feature indices and per-sentence offsets (CSR-style) in [0, 2**SENT_BITS)."""
    b = SENT_BITS
    n_sent = len(tok.sentences)
    w = tok.hashes[:, 0] if len(tok) else np.zeros(0, dtype=np.uint64)
    sid = tok.sentence_of  # non-decreasing: tokens and sentences are both in text order
    uni = _mix(w, _salt("su"), b)
    same = np.r_[sid[1:] == sid[:-1], False] if len(w) else np.zeros(0, dtype=bool)
    nxt = np.r_[w[1:], _PAD] if len(w) else w
    bi = _mix(_pair(w, nxt), _salt("sb"), b)[same]
    extras = np.array(
        [
            _sentence_cue_hashes(
                min(t.count("!"), 2),
                "?" in t,
                not _QUOTE_SET.isdisjoint(t),
                i == 0,
                min(sum(1 for x in t.split() if len(x) > 2 and x.isupper()), 2),
            )
            for i, t in enumerate(s.text for s in tok.sentences)
        ],
        dtype=np.uint64,
    ).reshape(-1)
    n_words = np.bincount(sid, minlength=n_sent) if n_sent else np.zeros(0, dtype=np.int64)
    extras_idx = _mix(extras, _salt("sx"), b)
    len_idx = _mix(np.minimum(n_words // 5, 12).astype(np.uint64), _salt("slen"), b)
    idx = np.concatenate([uni, bi, extras_idx, len_idx])
    owner = np.concatenate(
        [sid, sid[same], np.repeat(np.arange(n_sent), 5), np.arange(n_sent)]
    ).astype(np.int64)
    order = np.argsort(owner, kind="stable")
    offsets = np.zeros(n_sent + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.bincount(owner, minlength=n_sent))
    return idx[order], offsets
