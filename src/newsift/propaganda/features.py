"""Hashed features for the propaganda models, computed the same way at training and at inference.

Every feature is a string hashed with CRC-32 (stable across runs and platforms, in the standard
library) and then mixed with a per-slot salt into a fixed-size index space, so a model is just a
weight vector: no vocabulary to store and no scikit-learn at analyze time. Token features are
built with numpy over whole articles: each word type is hashed once, and context features are
shifted copies of the per-token hash arrays.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsift.segment import Span, split_sentences

SI_BITS = 20  # token tagger feature space
SENT_BITS = 18  # sentence classifier feature space
TC_BITS = 18  # technique classifier feature space

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_QUOTES = "\"“”‘’«»'"


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def _salt(name: str) -> np.uint64:
    return np.uint64(_crc("salt:" + name) * 2654435761 % (1 << 64))


def _mix(h: np.ndarray, salt: np.uint64, bits: int) -> np.ndarray:
    """Map uint64 hashes into [0, 2**bits) with a slot-specific salt (multiplicative hashing)."""
    with np.errstate(over="ignore"):
        x = (h ^ salt) * _GOLDEN
    return (x >> np.uint64(64 - bits)).astype(np.int64)


def _pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return a * np.uint64(1000003) + b


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


@lru_cache(maxsize=200_000)
def word_hashes(word: str) -> tuple[int, int, int, int, int]:
    """(lowercase word, 3-letter suffix, 3-letter prefix, shape, length class) hashes."""
    lower = word.lower()
    length = "s" if len(lower) <= 3 else "m" if len(lower) <= 7 else "l"
    return (
        _crc("w=" + lower),
        _crc("s=" + lower[-3:]),
        _crc("p=" + lower[:3]),
        _crc("h=" + _shape(word)),
        _crc("n=" + length),
    )


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
    word_counts: Counter[str] | None = None  # lowercase word -> count, filled on first use

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str, sentences: list[Span] | None = None) -> Tokens:
    sentences = split_sentences(text) if sentences is None else sentences
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    starts = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
    ends = np.fromiter((m.end() for m in matches), dtype=np.int64, count=len(matches))
    sent_starts = np.array([s.start for s in sentences], dtype=np.int64)
    sentence_of = np.clip(np.searchsorted(sent_starts, starts, side="right") - 1, 0, None)
    hashes = np.array([word_hashes(w) for w in words], dtype=np.uint64).reshape(-1, 5)
    return Tokens(text, starts, ends, words, sentence_of, sentences, hashes)


# ---------------------------------------------------------------------------------------------
# Token tagger (span identification)

_PAD = np.uint64(_crc("<pad>"))


def _shift(values: np.ndarray, sentence_of: np.ndarray, offset: int) -> np.ndarray:
    """values[i + offset] within the same sentence, else a padding hash."""
    n = len(values)
    out = np.full(n, _PAD, dtype=np.uint64)
    if offset > 0:
        src = np.arange(offset, n)
        dst = src - offset
    else:
        dst = np.arange(-offset, n)
        src = dst + offset
    same = sentence_of[src] == sentence_of[dst]
    out[dst[same]] = values[src[same]]
    return out


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
    n = len(tok)
    if n == 0:
        return np.zeros((0, 0), dtype=np.int64)
    b = SI_BITS
    w, suf, pre, shape, length = (tok.hashes[:, k] for k in range(5))
    sid = tok.sentence_of
    cols: list[np.ndarray] = [
        _mix(w, _salt("w0"), b),
        _mix(suf, _salt("s0"), b),
        _mix(pre, _salt("p0"), b),
        _mix(shape, _salt("h0"), b),
        _mix(_pair(shape, length), _salt("hn0"), b),
    ]
    neighbours = {o: _shift(w, sid, o) for o in (-3, -2, -1, 1, 2, 3)}
    for o, hw in neighbours.items():
        cols.append(_mix(hw, _salt(f"w{o}"), b))
    for o in (-1, 1):
        cols.append(_mix(_shift(shape, sid, o), _salt(f"h{o}"), b))
        cols.append(_mix(_shift(suf, sid, o), _salt(f"s{o}"), b))
    # Unordered wider window: the words 4-6 places away on either side.
    for o in (-6, -5, -4, 4, 5, 6):
        cols.append(_mix(_shift(w, sid, o), _salt("win"), b))
    cols.append(_mix(_pair(neighbours[-1], w), _salt("b-1"), b))
    cols.append(_mix(_pair(w, neighbours[1]), _salt("b+1"), b))
    cols.append(_mix(_pair(_pair(neighbours[-1], w), neighbours[1]), _salt("t0"), b))

    # Position in the sentence and sentence-level cues.
    n_sent = max(len(tok.sentences), 1)
    sent_first = np.zeros(n_sent, dtype=np.int64)
    sent_len = np.bincount(sid, minlength=n_sent)
    first_idx = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
    sent_first[sid[first_idx]] = first_idx
    pos = np.arange(n) - sent_first[sid]
    slen = sent_len[sid]
    rel = pos / np.maximum(slen - 1, 1)
    pos_b = _bucket(pos.astype(float), [1, 2, 4, 8, 16])
    rev_b = _bucket((slen - 1 - pos).astype(float), [1, 2, 4, 8])
    cols.append(_mix(pos_b, _salt("pos"), b))
    cols.append(_mix(rev_b, _salt("rpos"), b))
    cols.append(_mix(_bucket(rel, [0.25, 0.5, 0.75]), _salt("rel"), b))
    cols.append(_mix(_bucket(slen.astype(float), [5, 10, 20, 35, 60]), _salt("slen"), b))

    text = tok.text
    cues = np.zeros(n_sent, dtype=np.uint64)
    for i, s in enumerate(tok.sentences):
        t = s.text
        cues[i] = (
            ("!" in t) * 1
            + ("?" in t) * 2
            + any(q in t for q in _QUOTES) * 4
            + (i == 0) * 8
            + (":" in t) * 16
        )
    cues_tok = cues[sid] if len(tok.sentences) else np.zeros(n, dtype=np.uint64)
    cols.append(_mix(cues_tok, _salt("cues"), b))
    cols.append(_mix(_pair(cues_tok, w), _salt("cuesw"), b))

    codes = _code_points(text)
    before = _char_classes(codes, tok.starts - 1)
    after = _char_classes(codes, tok.ends)
    cols.append(_mix(before, _salt("before"), b))
    cols.append(_mix(after, _salt("after"), b))

    # Inside quotation marks: an odd number of double quotes since the sentence start.
    quote_pos = np.flatnonzero(np.isin(codes, _DOUBLE_QUOTE_CODES))
    q_before = np.searchsorted(quote_pos, tok.starts)
    sent_start_chars = np.array([s.start for s in tok.sentences], dtype=np.int64)[sid]
    q_sent = np.searchsorted(quote_pos, sent_start_chars)
    inside = ((q_before - q_sent) % 2).astype(np.uint64)
    cols.append(_mix(inside, _salt("inq"), b))
    cols.append(_mix(_pair(inside, w), _salt("inqw"), b))

    # Repetition across the article: the word and the bigram it starts.
    content = (tok.ends - tok.starts) >= 4
    wcount = np.where(content, _article_counts(w), 0)
    cols.append(_mix(_bucket(wcount.astype(float), [1, 2, 3, 5, 10]), _salt("rep"), b))
    bigram = _pair(w, neighbours[1])
    bcount = _article_counts(bigram)
    cols.append(_mix(_bucket(bcount.astype(float), [2, 3]), _salt("rep2"), b))
    cols.append(np.full(n, _mix(np.array([0], dtype=np.uint64), _salt("bias"), b)[0]))
    return np.stack(cols, axis=1)


# ---------------------------------------------------------------------------------------------
# Sentence classifier


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
    extras: list[str] = []
    for i, sentence in enumerate(tok.sentences):
        t = sentence.text
        extras += [
            f"excl={min(t.count('!'), 2)}",
            f"q={int('?' in t)}",
            f"quote={int(any(q in t for q in _QUOTES))}",
            f"first={int(i == 0)}",
            f"caps={min(sum(1 for x in t.split() if len(x) > 2 and x.isupper()), 2)}",
        ]
    n_words = np.bincount(sid, minlength=n_sent) if n_sent else np.zeros(0, dtype=np.int64)
    extras_idx = _mix(np.array([_crc(x) for x in extras], dtype=np.uint64), _salt("sx"), b)
    len_idx = _mix(np.minimum(n_words // 5, 12).astype(np.uint64), _salt("slen"), b)
    idx = np.concatenate([uni, bi, extras_idx, len_idx])
    owner = np.concatenate(
        [sid, sid[same], np.repeat(np.arange(n_sent), 5), np.arange(n_sent)]
    ).astype(np.int64)
    order = np.argsort(owner, kind="stable")
    offsets = np.zeros(n_sent + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.bincount(owner, minlength=n_sent))
    return idx[order], offsets


# ---------------------------------------------------------------------------------------------
# Technique classifier


def _len_bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 12, 20, 35):
        if n <= edge:
            return str(edge)
    return "big"


def span_features(tok: Tokens, start: int, end: int) -> np.ndarray:
    """Hashed feature indices in [0, 2**TC_BITS) describing the span text[start:end]."""
    text = tok.text
    i0 = int(np.searchsorted(tok.ends, start, side="right"))
    i1 = int(np.searchsorted(tok.starts, end, side="left"))
    words = [x.lower() for x in tok.words[i0:i1]]
    raw = tok.words[i0:i1]
    feats: list[str] = ["bias", "len=" + _len_bucket(len(words))]
    feats += ["u=" + x for x in words]
    feats += ["sfx=" + x[-3:] for x in words if len(x) > 3]
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
    left = [x.lower() for x in tok.words[max(0, i0 - 3) : i0]]
    right = [x.lower() for x in tok.words[i1 : i1 + 3]]
    feats += ["L=" + x for x in left] + ["R=" + x for x in right]
    if left:
        feats.append("L1=" + left[-1])
    if right:
        feats.append("R1=" + right[0])
    span_text = text[start:end]
    feats.append(f"excl={int('!' in span_text)}")
    feats.append(f"qm={int('?' in span_text)}")
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    quoted = (before != "" and before in _QUOTES) or (after != "" and after in _QUOTES)
    feats.append(f"quoted={int(quoted)}")
    feats.append(f"cap={int(span_text[:1].isupper())}")

    # Sentence context: the words of the sentence(s) the span lies in, outside the span.
    if len(tok) and i1 > i0:
        s_first = int(tok.sentence_of[i0])
        s_last = int(tok.sentence_of[i1 - 1])
        sent = tok.sentences[s_first]
        feats += ["sw=" + x for x in _sentence_words_outside(tok, s_first, s_last, i0, i1)]
        cover = (end - start) / max(tok.sentences[s_last].end - sent.start, 1)
        feats.append(f"cover={min(int(cover * 4), 4)}")
        feats.append(f"multi={int(s_last > s_first)}")
        feats.append(f"sentfirst={int(s_first == 0)}")

    # Repetition: how often the span's text (and its content words) recur in the article.
    lowered = _lower_text(text)
    needle = span_text.lower().strip()
    if needle:
        count = lowered.count(needle)
        feats.append(f"rep={min(count, 4)}")
        if count > 1 and len(words) >= 2:
            feats.append("repphrase")
    content = [x for x in words if len(x) >= 4]
    if content:
        word_counts = _word_counts(tok)
        counts = [word_counts[x] for x in content]
        feats.append(f"wrep={min(max(counts), 6)}")
        feats.append(f"wrepmin={min(min(counts), 4)}")
    # Crude stems, word trigrams, the opening words, and whether the span echoes the title.
    feats += ["stem=" + x[:5] for x in words]
    feats += ["tri=" + "_".join(words[k : k + 3]) for k in range(min(len(words) - 2, 10))]
    if words:
        feats.append(f"lenfirst={_len_bucket(len(words))}_{words[0]}")
    if len(words) >= 2:
        feats.append(f"f2={words[0]}_{words[1]}")
    title = text.split("\n", 1)[0]
    in_title = end > len(title) and bool(needle) and needle in title.lower()
    feats.append(f"intitle={int(in_title)}")
    hashes = np.array([_crc(f) for f in feats], dtype=np.uint64)
    return _mix(hashes, _salt("tc"), TC_BITS)


def _sentence_words_outside(tok: Tokens, s_first: int, s_last: int, i0: int, i1: int) -> list[str]:
    lo = int(np.searchsorted(tok.sentence_of, s_first, side="left"))
    hi = int(np.searchsorted(tok.sentence_of, s_last, side="right"))
    return [tok.words[k].lower() for k in range(lo, hi) if not i0 <= k < i1]


@lru_cache(maxsize=64)
def _lower_text(text: str) -> str:
    return text.lower()


def _word_counts(tok: Tokens) -> Counter[str]:
    """Occurrences of each lowercase word in the article, computed once per Tokens."""
    if tok.word_counts is None:
        tok.word_counts = Counter(w.lower() for w in tok.words)
    return tok.word_counts
