"""A fitted scikit-learn TfidfVectorizer as data, with its `transform` repeated in plain Python.

Only the settings the project uses are supported (word and char_wb analyzers, lowercase, l2 or no
norm, optional sublinear tf); anything else raises ModelError instead of silently diverging.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np

from newsift.errors import ModelError

_WHITE_SPACES = re.compile(r"\s\s+")  # as sklearn's VectorizerMixin._white_spaces
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_WORD_CACHE_SIZE = 200_000  # distinct words remembered per vectoriser (char n-gram columns)


@dataclass
class TfidfSpec:
    """One fitted TfidfVectorizer: enough to repeat its `transform` exactly."""

    analyzer: str  # "word" | "char_wb"
    ngram_range: tuple[int, int]
    terms: list[str]
    idf: np.ndarray
    token_pattern: str = DEFAULT_TOKEN_PATTERN
    lowercase: bool = True
    sublinear_tf: bool = False
    norm: str | None = "l2"
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.analyzer not in ("word", "char_wb"):
            raise ModelError(f"unsupported analyzer {self.analyzer!r}")
        if self.norm not in (None, "l2"):
            raise ModelError(f"unsupported norm {self.norm!r}")
        self.index = {t: i for i, t in enumerate(self.terms)}
        self._token_re = re.compile(self.token_pattern)
        self._word_cache: dict[str, np.ndarray] = {}
        self._heads: dict[int, frozenset[str]] = {}

    def analyze(self, text: str) -> list[str]:
        """The n-grams sklearn's `build_analyzer()` yields for `text`."""
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "word":
            return word_ngrams(self._token_re.findall(text), self.ngram_range)
        return char_wb_ngrams(text, self.ngram_range)

    def columns(self, text: str) -> list[int]:
        """Column indices of the in-vocabulary n-grams of `text`, with repeats."""
        if self.analyzer == "word":
            return self._word_ngram_columns(text)
        return self._column_array([text])[0].tolist()

    def _word_ngram_columns(self, text: str) -> list[int]:
        """`columns` of a word analyzer, in the same order, joining only the n-grams that can be
        in the vocabulary: most tokens start no vocabulary bigram or trigram."""
        if self.token_pattern != DEFAULT_TOKEN_PATTERN:  # tokens might hold spaces: no shortcut
            return [i for i in map(self.index.get, self.analyze(text)) if i is not None]
        tokens = self._token_re.findall(text.lower() if self.lowercase else text)
        get = self.index.get
        min_n, max_n = self.ngram_range
        cols: list[int] = []
        for n in range(min_n, min(max_n, len(tokens)) + 1):
            if n == 1:
                cols.extend(i for i in map(get, tokens) if i is not None)
                continue
            heads = self._ngram_heads(n)
            shifted = zip(*(tokens[k:] for k in range(n)), strict=False)
            grams = [" ".join(g) for g in shifted if g[0] in heads]
            cols.extend(i for i in map(get, grams) if i is not None)
        return cols

    def _ngram_heads(self, n: int) -> frozenset[str]:
        """First tokens of the vocabulary's n-grams (terms are tokens joined by one space)."""
        heads = self._heads.get(n)
        if heads is None:
            heads = frozenset(t.split(" ", 1)[0] for t in self.terms if t.count(" ") == n - 1)
            self._heads[n] = heads
        return heads

    def _column_array(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The columns of all `texts` concatenated in one array, and how many each text has."""
        if self.analyzer == "word":
            lists = [self.columns(t) for t in texts]
            lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
            return flat, lengths
        # Per-word arrays joined by one np.concatenate: converting tens of thousands of Python
        # ints to numpy, one by one, cost more than finding them.
        cached = self._word_cache.get
        parts: list[np.ndarray] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for k, text in enumerate(texts):
            if self.lowercase:
                text = text.lower()
            first = len(parts)
            # str.split() splits on the same whitespace runs sklearn first collapses with a regex
            for word in text.split():
                found = cached(word)
                parts.append(self._word_columns(word) if found is None else found)
            lengths[k] = sum(map(len, parts[first:]))
        flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return flat, lengths

    def _word_columns(self, word: str) -> np.ndarray:
        # Character n-grams never cross words, so each distinct word is analysed once and its
        # columns remembered: articles repeat words, and this is the hot path of the claims model.
        cached = self._word_cache.get(word)
        if cached is None:
            grams = char_wb_ngrams(word, self.ngram_range)
            cached = np.array([i for g in grams if (i := self.index.get(g)) is not None], np.int64)
            if len(self._word_cache) >= _WORD_CACHE_SIZE:
                self._word_cache.clear()
            self._word_cache[word] = cached
        return cached

    def transform_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sparse TF-IDF row of `text` as (sorted column indices, values), computed in numpy."""
        cols, counts = np.unique(self._column_array([text])[0], return_counts=True)
        tf = 1.0 + np.log(counts) if self.sublinear_tf else counts.astype(np.float64)
        vals = tf * self.idf[cols]
        if self.norm == "l2" and vals.size:
            vals = vals / np.sqrt(np.dot(vals, vals))
        return cols, vals

    def transform_batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """TF-IDF rows of many texts at once, as sparse triples (row, column, value).

        One numpy pass over all texts instead of one per text: the claims model scores every
        sentence of an article, and per-sentence numpy calls dominated its cost.
        """
        flat, lengths = self._column_array(texts)
        width = len(self.terms)
        keys = np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * width + flat
        keys, counts = np.unique(keys, return_counts=True)
        rows, cols = np.divmod(keys, width)
        tf = 1.0 + np.log(counts) if self.sublinear_tf else counts.astype(np.float64)
        vals = tf * self.idf[cols]
        if self.norm == "l2" and vals.size:
            norms = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=len(texts)))
            vals = vals / norms[rows]
        return rows, cols, vals

    def transform(self, text: str) -> dict[int, float]:
        """Sparse TF-IDF row of `text`: column index -> value."""
        cols, vals = self.transform_arrays(text)
        return dict(zip(cols.tolist(), vals.tolist(), strict=True))

    def settings(self) -> dict[str, Any]:
        """The JSON-serialisable settings (everything but the arrays)."""
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "token_pattern": self.token_pattern,
            "lowercase": self.lowercase,
            "sublinear_tf": self.sublinear_tf,
            "norm": self.norm,
        }

    @classmethod
    def from_settings(cls, settings: dict[str, Any], terms: list[str], idf: np.ndarray):
        lo, hi = settings["ngram_range"]
        return cls(
            analyzer=settings["analyzer"],
            ngram_range=(int(lo), int(hi)),
            terms=terms,
            idf=idf,
            token_pattern=settings["token_pattern"],
            lowercase=settings["lowercase"],
            sublinear_tf=settings["sublinear_tf"],
            norm=settings["norm"],
        )


def word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    min_n, max_n = ngram_range
    grams: list[str] = []
    for n in range(min_n, min(max_n, len(tokens)) + 1):
        if n == 1:
            grams.extend(tokens)
        else:  # the n-grams in order, joined in C: zip of the list shifted by 0..n-1
            grams.extend(map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False)))
    return grams


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    min_n, max_n = ngram_range
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(min_n, max_n + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # a word shorter than n is counted once, as sklearn does
                break
    return grams
