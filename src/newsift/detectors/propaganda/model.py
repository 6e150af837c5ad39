"""The propaganda model at inference time: plain numpy over exported linear weights.

Three linear models share the hashed features of `features.py`:
- a sentence classifier (probability that a sentence contains a propaganda span),
- a token tagger (probability that a word lies inside a span; it also reads the sentence
  classifier's logit), decoded into spans with two thresholds (hysteresis),
- a technique classifier over a span's words, context and repetition in the article.
Decoded spans pass the fragment filter (`fragments.trim_fragment`) and the operating threshold
on their score (`select_spans`), both chosen for precision at training time.
Weights are stored in the library's model file (`newsift.inference.store`, kind
"propaganda_hashed"): float16 arrays, with the thresholds and the operating points in its header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsift.detectors.propaganda.features import (
    SENT_BITS,
    SI_BITS,
    TC_BITS,
    Tokens,
    _mix,
    _salt,
    sentence_features,
    token_feature_columns,
)
from newsift.detectors.propaganda.fragments import trim_fragment
from newsift.detectors.propaganda.technique_features import span_feature_batch
from newsift.detectors.propaganda.techniques import TECHNIQUES
from newsift.errors import ModelError
from newsift.inference.activations import sigmoid, softmax
from newsift.inference.store import ModelFile, describe, load_model, save_model
from newsift.text.segment import Span

KIND = "propaganda_hashed"
_BITS = {"si": SI_BITS, "sent": SENT_BITS, "tc": TC_BITS}  # hashed feature space sizes
_WEIGHTS = ("si_weights", "sent_weights", "tc_weights", "tc_bias")


@dataclass(frozen=True)
class SpanPrediction:
    start: int
    end: int
    score: float  # mean token probability of the span
    technique: str
    technique_score: float  # classifier probability of that technique


@dataclass(frozen=True)
class ArticlePrediction:
    spans: list[SpanPrediction]
    sentences: list[Span]
    sentence_probs: np.ndarray


def _mean(values: np.ndarray) -> float:
    """`float(values.mean())`, computed as numpy does it, without its per-call overhead (it
    showed in articles with many spans)."""
    return float(values.dtype.type(values.sum() / len(values)))


def decode_spans(
    tok: Tokens,
    probs: np.ndarray,
    high: float,
    low: float,
    sentence_probs: np.ndarray | None = None,
    sentence_fill: float = 2.0,
) -> list[tuple[int, int, float]]:
    """Runs of tokens with p >= low inside one sentence that hold at least one p >= high.

    A sentence whose probability reaches `sentence_fill` is returned whole instead (the
    official SI metric gives partial credit, so a likely sentence is worth marking entirely).
    Returns (start char, end char, mean token probability) for each span, in text order.
    """
    if len(probs) == 0:
        return []
    filled: set[int] = set()
    if sentence_probs is not None and len(sentence_probs):
        filled = {int(i) for i in np.flatnonzero(sentence_probs >= sentence_fill)}
    on = probs >= low
    # A run breaks where the mask changes or a new sentence begins.
    new_run = np.r_[True, (on[1:] != on[:-1]) | (tok.sentence_of[1:] != tok.sentence_of[:-1])]
    spans: list[tuple[int, int, float]] = []
    for i in sorted(filled):
        in_sentence = probs[tok.sentence_of == i]
        if len(in_sentence):
            sent = tok.sentences[i]
            spans.append((sent.start, sent.end, _mean(in_sentence)))
    starts = np.flatnonzero(new_run)
    ends = np.r_[starts[1:], len(probs)]
    # Runs above `low` holding a token above `high`, outside filled sentences: chosen in numpy,
    # as an article has hundreds of runs and few spans.
    keep = on[starts] & (np.maximum.reduceat(probs, starts) >= high)
    if filled:
        keep &= ~np.isin(tok.sentence_of[starts], list(filled))
    for a, b in zip(starts[keep].tolist(), ends[keep].tolist(), strict=True):
        spans.append((int(tok.starts[a]), int(tok.ends[b - 1]), _mean(probs[a:b])))
    return sorted(spans)


def select_spans(
    tok: Tokens,
    probs: np.ndarray,
    high: float,
    low: float,
    sentence_probs: np.ndarray | None = None,
    sentence_fill: float = 2.0,
    threshold: float = 0.0,
) -> list[tuple[int, int, float]]:
    """The spans shown: `decode_spans`, each trimmed by the fragment filter (dropped when nothing
    stands on its own), rescored as the mean probability of the words left, and kept when that
    score reaches `threshold` (the operating point; 0 keeps every span)."""
    out: list[tuple[int, int, float]] = []
    for start, end, score in decode_spans(tok, probs, high, low, sentence_probs, sentence_fill):
        kept = trim_fragment(tok.text, start, end)
        if kept is None:
            continue
        if kept != (start, end):
            a = int(np.searchsorted(tok.starts, kept[0], side="left"))
            b = int(np.searchsorted(tok.ends, kept[1], side="right"))
            if b > a:
                score = _mean(probs[a:b])
        if score >= threshold:
            out.append((kept[0], kept[1], score))
    return out


_SPAN_BATCH = 1000  # spans whose technique features are made at once


@dataclass
class PropagandaModel:
    si_weights: np.ndarray  # [2**SI_BITS]
    si_dense_weights: np.ndarray  # weights of the sentence logit and the article's mean logit
    si_bias: float
    sent_weights: np.ndarray  # [2**SENT_BITS]
    sent_bias: float
    tc_weights: np.ndarray  # [2**TC_BITS, n_techniques]
    tc_bias: np.ndarray  # [n_techniques]
    threshold_high: float = 0.5
    threshold_low: float = 0.35
    sentence_fill: float = 2.0  # sentence probability above which a sentence is marked whole
    # The operating point: a span is shown when its score (mean word probability) reaches it.
    span_threshold: float = 0.0
    techniques: tuple[str, ...] = TECHNIQUES
    meta: dict[str, Any] = field(default_factory=dict)

    # -- the three models -------------------------------------------------------------------

    def sentence_logits(self, tok: Tokens) -> np.ndarray:
        idx, offsets = sentence_features(tok)
        if len(offsets) <= 1:
            return np.zeros(0, dtype=np.float32)
        n_sent = len(offsets) - 1
        owner = np.repeat(np.arange(n_sent), np.diff(offsets))
        sums = np.bincount(owner, weights=self.sent_weights[idx], minlength=n_sent)
        return (sums + self.sent_bias).astype(np.float32)

    def token_probs(self, tok: Tokens, sent_logits: np.ndarray) -> np.ndarray:
        if len(tok) == 0:
            return np.zeros(0, dtype=np.float32)
        # Slot by slot: the [n_tokens, ~40] index matrix and its weights cost ~600 bytes a
        # token at once (a 10 MB article took GBs); one slot's columns cost ~24.
        logits = np.full(len(tok), self.si_bias, dtype=np.float64)
        for name, column in token_feature_columns(tok):
            logits += self.si_weights[_mix(column, _salt(name), SI_BITS)]
        logits += self.si_dense_weights[0] * sent_logits[tok.sentence_of]
        logits += self.si_dense_weights[1] * float(sent_logits.mean())
        return sigmoid(logits)

    def technique_probs(self, tok: Tokens, spans: list[tuple[int, int]]) -> np.ndarray:
        if not spans:
            return np.zeros((0, len(self.techniques)), dtype=np.float32)
        # One numpy pass per batch of spans: per-span numpy calls cost more than the work in
        # them, and all spans of a 10 MB article at once took ~100 MB of features a MB.
        probs = []
        for i in range(0, len(spans), _SPAN_BATCH):
            features, owner = span_feature_batch(tok, spans[i : i + _SPAN_BATCH])
            starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])  # all have "bias"
            rows = np.add.reduceat(self.tc_weights[features], starts, axis=0)
            probs.append(softmax(rows + self.tc_bias))
        return np.concatenate(probs)

    # -- whole-article prediction ------------------------------------------------------------

    def predict(self, tok: Tokens) -> ArticlePrediction:
        sent_logits = self.sentence_logits(tok)
        probs = self.token_probs(tok, sent_logits)
        sent_probs = sigmoid(sent_logits)
        raw = select_spans(
            tok,
            probs,
            self.threshold_high,
            self.threshold_low,
            sent_probs,
            self.sentence_fill,
            self.span_threshold,
        )
        tech = self.technique_probs(tok, [(s, e) for s, e, _ in raw])
        spans = [
            SpanPrediction(s, e, p, self.techniques[int(t.argmax())], float(t.max()))
            for (s, e, p), t in zip(raw, tech, strict=False)
        ]
        return ArticlePrediction(spans, tok.sentences, sent_probs)

    # -- persistence: one model file of kind "propaganda_hashed" -----------------------------

    def to_file(self) -> ModelFile:
        config = {
            "bits": _BITS,
            "techniques": list(self.techniques),
            "si_dense_weights": [float(x) for x in self.si_dense_weights],
            "si_bias": self.si_bias,
            "sent_bias": self.sent_bias,
            "threshold_high": self.threshold_high,
            "threshold_low": self.threshold_low,
            "sentence_fill": self.sentence_fill,
            "span_threshold": self.span_threshold,
        }
        arrays = {
            "si_weights": self.si_weights.astype(np.float16),
            "sent_weights": self.sent_weights.astype(np.float16),
            "tc_weights": self.tc_weights.astype(np.float16),
            "tc_bias": self.tc_bias.astype(np.float32),
        }
        meta = {k: v for k, v in self.meta.items() if k not in config}
        return describe(KIND, arrays, config, meta)

    def save(self, path: Path) -> None:
        save_model(path, self.to_file())

    @classmethod
    def load(cls, path: Path) -> PropagandaModel:
        file = load_model(path, KIND)
        config = file.config
        if config.get("bits") != _BITS:
            raise ModelError(f"{path}: propaganda model feature sizes do not match this newsift")
        try:
            arrays = {k: file.array(k).astype(np.float32) for k in _WEIGHTS}
            return cls(
                si_weights=arrays["si_weights"],
                si_dense_weights=np.array(config["si_dense_weights"], dtype=np.float32),
                si_bias=float(config["si_bias"]),
                sent_weights=arrays["sent_weights"],
                sent_bias=float(config["sent_bias"]),
                tc_weights=arrays["tc_weights"],
                tc_bias=arrays["tc_bias"],
                threshold_high=float(config["threshold_high"]),
                threshold_low=float(config["threshold_low"]),
                sentence_fill=float(config["sentence_fill"]),
                span_threshold=float(config["span_threshold"]),
                techniques=tuple(config["techniques"]),
                meta=file.meta,
            )
        except (KeyError, ValueError, TypeError, ModelError) as exc:
            raise ModelError(f"{path}: malformed propaganda model ({exc})") from None
