"""A fitted scikit-learn TfidfVectorizer as data, with its `transform` repeated in plain Python.

Only the settings the project uses are supported (word and char_wb analyzers, lowercase, l2 or no
norm, optional sublinear or binary tf); anything else raises ModelError instead of silently
diverging.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import Any

import numpy as np

from newsift.errors import ModelError

_WHITE_SPACES = re.compile(r"\s\s+")  # as sklearn's VectorizerMixin._white_spaces
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_WORD_CACHE_SIZE = 200_000  # distinct words remembered per vectoriser (char n-gram columns)


@dataclass(frozen=True)
class NgramKeys:
    """A word vocabulary's n-grams as integers, so that a text's n-grams are looked up in numpy.

    Every token of every term gets an id below `base`; an n-gram's key is its ids read as the
    digits of a number in base `base`. Joining and hashing each n-gram of a text in Python was
    the costliest step of the claims model, which scores every sentence of an article.
    """

    token_ids: dict[str, int]
    base: int
    by_size: dict[int, tuple[np.ndarray, np.ndarray]]  # n -> (sorted keys, their columns)

    @classmethod
    def build(cls, terms: list[str], max_n: int) -> NgramKeys | None:
        """None when the keys could overflow int64 (a huge vocabulary or long n-grams)."""
        # Built with dict and numpy bulk operations: this runs when a model is first used, so
        # it counts towards the cold start of `newsift analyze`.
        split = [t.split(" ") for t in terms]
        lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        flat = list(chain.from_iterable(split))
        token_ids = dict(zip(dict.fromkeys(flat), range(len(flat)), strict=False))
        base = max(len(token_ids), 1)
        if base**max_n >= 2**62:
            return None
        ids = np.fromiter(map(token_ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        offsets = np.cumsum(lengths) - lengths
        by_size = {}
        for n in np.unique(lengths).tolist():
            columns = np.flatnonzero(lengths == n)
            keys = np.zeros(len(columns), dtype=np.int64)
            for k in range(n):
                keys = keys * base + ids[offsets[columns] + k]
            order = np.argsort(keys, kind="stable")
            by_size[n] = (keys[order], columns[order])
        return cls(token_ids, base, by_size)

    def rows_and_columns(
        self, token_lists: list[list[str]], ngram_range: tuple[int, int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(text index, column) of every in-vocabulary n-gram of the tokenised texts, in
        order of n, then of position; n-grams never span two texts."""
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        total = int(lengths.sum())
        tokens = chain.from_iterable(token_lists)
        ids = np.fromiter(map(self.token_ids.get, tokens, repeat(-1)), np.int64, count=total)
        rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
        found_rows: list[np.ndarray] = []
        found_cols: list[np.ndarray] = []
        min_n, max_n = ngram_range
        for n in range(min_n, max_n + 1):
            starts = total - n + 1
            table = self.by_size.get(n)
            if starts <= 0 or table is None:
                continue
            key = ids[:starts].copy()
            known = key >= 0
            for k in range(1, n):
                following = ids[k : k + starts]
                known &= following >= 0
                key = key * self.base + following
            known &= rows[:starts] == rows[n - 1 : n - 1 + starts]  # within one text
            key, key_rows = key[known], rows[:starts][known]
            sorted_keys, columns = table
            pos = np.minimum(np.searchsorted(sorted_keys, key), len(sorted_keys) - 1)
            hit = sorted_keys[pos] == key
            found_rows.append(key_rows[hit])
            found_cols.append(columns[pos[hit]])
        if not found_rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(found_rows), np.concatenate(found_cols)


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
    binary: bool = False  # tf = 1 for every term present, whatever its count
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
        self._ngram_keys: NgramKeys | None | bool = False  # False: not built yet

    def analyze(self, text: str) -> list[str]:
        """The n-grams sklearn's `build_analyzer()` yields for `text`."""
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "word":
            return word_ngrams(self._token_re.findall(text), self.ngram_range)
        return char_wb_ngrams(text, self.ngram_range)

    def _keys(self) -> NgramKeys | None:
        if self._ngram_keys is False:
            usable = self.analyzer == "word" and self.token_pattern == DEFAULT_TOKEN_PATTERN
            self._ngram_keys = NgramKeys.build(self.terms, self.ngram_range[1]) if usable else None
        return self._ngram_keys  # type: ignore[return-value]

    def _rows_and_columns(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(text index, column) of every in-vocabulary n-gram of `texts`, repeats included."""
        keys = self._keys()
        if keys is not None:
            lower = self.lowercase
            token_lists = [self._token_re.findall(t.lower() if lower else t) for t in texts]
            return keys.rows_and_columns(token_lists, self.ngram_range)
        if self.analyzer == "word":  # the general path: any token pattern, any vocabulary size
            get = self.index.get
            lists = [[i for i in map(get, self.analyze(t)) if i is not None] for t in texts]
            lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
        else:
            flat, lengths = self._char_wb_columns(texts)
        return np.repeat(np.arange(len(texts), dtype=np.int64), lengths), flat

    def _char_wb_columns(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The char_wb columns of all `texts` concatenated, and how many each text has."""
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
            grams = word_char_ngrams(word, self.ngram_range)
            cached = np.array([i for i in map(self.index.get, grams) if i is not None], np.int64)
            if len(self._word_cache) >= _WORD_CACHE_SIZE:
                self._word_cache.clear()
            self._word_cache[word] = cached
        return cached

    def transform_batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """TF-IDF rows of many texts at once, as sparse triples (row, column, value).

        One numpy pass over all texts instead of one per text: the claims model scores every
        sentence of an article, and per-sentence numpy calls dominated its cost.
        """
        rows, flat = self._rows_and_columns(texts)
        width = len(self.terms)
        keys = rows * width + flat
        keys, counts = np.unique(keys, return_counts=True)
        rows, cols = np.divmod(keys, width)
        if self.binary:
            tf = np.ones(len(counts))
        elif self.sublinear_tf:
            tf = 1.0 + np.log(counts)
        else:
            tf = counts.astype(np.float64)
        vals = tf * self.idf[cols]
        if self.norm == "l2" and vals.size:
            norms = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=len(texts)))
            vals = vals / norms[rows]
        return rows, cols, vals

    # -- one text as a sparse dict: for many small pairwise cosines (stance), where a numpy
    # call per sentence costs more than the arithmetic --------------------------------------

    def term_counts(self, tokens: Sequence[str]) -> Counter[int]:
        """Column -> count of the in-vocabulary `tokens` (unigram vocabularies)."""
        index = self.index
        return Counter(index[t] for t in tokens if t in index)

    def sparse_tfidf(self, counts: Counter[int]) -> dict[int, float]:
        """The TF-IDF row of `term_counts` output as a dict, L2-normalised (raw or binary tf)."""
        idf = self.idf
        binary = self.binary
        return l2_normalised({i: (1 if binary else c) * float(idf[i]) for i, c in counts.items()})

    # -- storage -----------------------------------------------------------------------------

    def to_arrays(self, prefix: str, dtype: Any) -> dict[str, np.ndarray]:
        """Terms and idf weights (in `dtype`) as arrays named `prefix` + terms / idf."""
        return {
            prefix + "terms": np.array(self.terms, dtype=np.str_),
            prefix + "idf": np.asarray(self.idf, dtype=dtype),
        }

    @classmethod
    def from_arrays(
        cls, arrays: dict[str, np.ndarray], settings: dict[str, Any], dtype: Any = None
    ) -> TfidfSpec:
        """From `to_arrays` output (prefix removed) and `settings()`; idf cast to `dtype`
        when given, else kept as stored."""
        idf = arrays["idf"] if dtype is None else arrays["idf"].astype(dtype)
        return cls.from_settings(settings, arrays["terms"].tolist(), idf)

    def settings(self) -> dict[str, Any]:
        """The JSON-serialisable settings (everything but the arrays)."""
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "token_pattern": self.token_pattern,
            "lowercase": self.lowercase,
            "sublinear_tf": self.sublinear_tf,
            "binary": self.binary,
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
            binary=settings.get("binary", False),  # absent in models saved before it existed
            norm=settings["norm"],
        )


def l2_normalised(vec: dict[int, float]) -> dict[int, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {i: v / norm for i, v in vec.items()} if norm > 0 else {}


def word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    min_n, max_n = ngram_range
    grams: list[str] = []
    for n in range(min_n, min(max_n, len(tokens)) + 1):
        if n == 1:
            grams.extend(tokens)
        else:  # the n-grams in order, joined in C: zip of the list shifted by 0..n-1
            grams.extend(map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False)))
    return grams


def word_char_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """`char_wb_ngrams` of one word (no whitespace in it): the same n-grams, without the
    whitespace handling, which cost more than the n-grams for the new words of each article."""
    min_n, max_n = ngram_range
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        if size <= n:  # a word shorter than n is counted once, and ends the n-grams
            grams.append(padded)
            break
        grams += [padded[i : i + n] for i in range(size - n + 1)]
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
