"""Stance of article bodies toward claims: features -> MLP -> stacked trees -> label + evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsift.detectors.stance import features as F
from newsift.detectors.stance.model import StanceModel, load

MODEL_PATH = Path(__file__).resolve().parent / "stance.npz"


@dataclass(frozen=True)
class StanceResult:
    """The stance of one body toward one claim."""

    label: str  # agree | disagree | discuss | unrelated
    probabilities: dict[str, float]
    evidence: list[tuple[int, int]] = field(default_factory=list)  # sentence spans in the body
    relatedness: list[float] = field(default_factory=list)  # claim similarity of each span

    @property
    def score(self) -> float:
        return self.probabilities[self.label]


@dataclass
class PairFeatures:
    """Features of a batch of (claim, body) pairs, with per-text work done once."""

    hand: np.ndarray  # (n_pairs, len(HAND_FEATURE_NAMES))
    claim_index: np.ndarray  # pair -> row of `claims`
    body_index: np.ndarray  # pair -> row of `bodies`
    claims: list[F.TextInfo]
    bodies: list[F.BodyInfo]
    evidence: list[list[int]]  # per pair: indices of the best-matching body sentences
    relatedness: list[list[float]]  # per pair: similarity of those sentences

    @property
    def cosine(self) -> np.ndarray:
        return self.hand[:, F.HAND_FEATURE_NAMES.index("cos_body")]


def pair_features(
    claims: Sequence[str], bodies: Sequence[str], vocab: F.Vocabulary
) -> PairFeatures:
    """Compute features for pairs (claims[i], bodies[i]); repeated texts are processed once."""
    if len(claims) != len(bodies):
        raise ValueError(f"{len(claims)} claims but {len(bodies)} bodies")
    claim_rows: dict[str, int] = {}
    body_rows: dict[str, int] = {}
    claim_infos: list[F.TextInfo] = []
    body_infos: list[F.BodyInfo] = []
    hand = np.zeros((len(claims), len(F.HAND_FEATURE_NAMES)), dtype=np.float32)
    c_idx = np.zeros(len(claims), dtype=np.int64)
    b_idx = np.zeros(len(claims), dtype=np.int64)
    evidence: list[list[int]] = []
    relatedness: list[list[float]] = []
    for i, (claim, body) in enumerate(zip(claims, bodies, strict=True)):
        if claim not in claim_rows:
            claim_rows[claim] = len(claim_infos)
            claim_infos.append(F.text_info(claim, vocab))
        if body not in body_rows:
            body_rows[body] = len(body_infos)
            body_infos.append(F.body_info(body, vocab))
        c_idx[i], b_idx[i] = claim_rows[claim], body_rows[body]
        c_info, b_info = claim_infos[c_idx[i]], body_infos[b_idx[i]]
        hand[i] = F.hand_features(claim, c_info, b_info, vocab)
        related = F.sentence_relatedness(c_info, b_info)
        top = F.top_sentences(related)
        evidence.append(top)
        relatedness.append([related[j] for j in top])
    return PairFeatures(hand, c_idx, b_idx, claim_infos, body_infos, evidence, relatedness)


def mlp_probabilities(model: StanceModel, feats: PairFeatures) -> np.ndarray:
    mlp = model.mlp
    claim_parts = np.stack([mlp.project(c.tf, 0) for c in feats.claims])
    body_parts = np.stack([mlp.project(b.whole.tf, 1) for b in feats.bodies])
    return mlp.predict_proba(
        claim_parts[feats.claim_index], body_parts[feats.body_index], feats.cosine
    )


def stacked_inputs(hand: np.ndarray, mlp_proba: np.ndarray) -> np.ndarray:
    """The trees' input: hand features followed by the MLP's class probabilities."""
    return np.hstack([hand, mlp_proba]).astype(np.float64)


def decide(proba: np.ndarray, rule: str) -> np.ndarray:
    """Label index per row. "fnc_expected" picks the label with the highest expected FNC score:
    unrelated earns 0.25 * p(unrelated); a related label y earns 0.25 * p(related) + 0.75 * p(y).
    """
    if rule == "argmax":
        return proba.argmax(axis=1)
    if rule != "fnc_expected":
        raise ValueError(f"unknown decision rule {rule!r}")
    related = 1.0 - proba[:, 3:4]
    gain = np.hstack([0.25 * related + 0.75 * proba[:, :3], 0.25 * proba[:, 3:4]])
    return gain.argmax(axis=1)


def predict_pairs(
    model: StanceModel, claims: Sequence[str], bodies: Sequence[str]
) -> list[StanceResult]:
    """Stance of each body toward the claim beside it."""
    if not claims:
        return []
    feats = pair_features(claims, bodies, model.vocab)
    proba = model.trees.predict_proba(stacked_inputs(feats.hand, mlp_probabilities(model, feats)))
    chosen = decide(proba, model.meta.get("decision", "argmax"))
    results = []
    for i in range(len(claims)):
        body = feats.bodies[feats.body_index[i]]
        spans = [(body.sentences[j].start, body.sentences[j].end) for j in feats.evidence[i]]
        results.append(
            StanceResult(
                label=model.labels[chosen[i]],
                probabilities=dict(zip(model.labels, map(float, proba[i]), strict=True)),
                evidence=spans,
                relatedness=[float(r) for r in feats.relatedness[i]],
            )
        )
    return results


@lru_cache(maxsize=1)
def default_model() -> StanceModel:
    """The shipped model, loaded once on first use."""
    return load(MODEL_PATH)


def predict_stance(claim: str, body: str, model: StanceModel | None = None) -> StanceResult:
    """The stance of `body` (an article's text) toward `claim` (a claim or headline)."""
    return predict_pairs(model or default_model(), [claim], [body])[0]
