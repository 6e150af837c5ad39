"""Check-worthy claims: which sentences state facts worth checking, ranked, with what to check.

Sentence-level probabilities come from a TF-IDF + logistic regression model trained on
ClaimBuster (`newsift train claims`; `claims.npz` in this folder, numpy inference). Each check-
worthy sentence becomes one Finding; its evidence lists the numbers, dates and names that make
it checkable."""

from __future__ import annotations

from pathlib import Path

from newsift.detectors.base import BaseDetector, load_model
from newsift.detectors.claims.checkable import describe, find_checkables
from newsift.document import Document
from newsift.findings import Finding
from newsift.inference.linear import LinearTextModel
from newsift.text.segment import Span

MODEL_PATH = Path(__file__).resolve().parent / "claims.npz"
THRESHOLD = 0.5
MAX_FINDINGS = 15  # the most check-worthy first; a reader will not check more in one sitting
MIN_WORDS = 4  # shorter "sentences" are headings, captions or fragments
_BATCH = 2000  # sentences scored at once
MAX_CHARS = 1000  # longer ones are unsplit blocks; scoring them as one sentence would mislead


class ClaimsDetector(BaseDetector):
    name = "claims"
    category = "claims"
    languages = frozenset({"en"})  # trained on English claims
    version = "1"

    def __init__(self, model_path: Path = MODEL_PATH, threshold: float = THRESHOLD) -> None:
        self._model_path = Path(model_path)
        self._model: LinearTextModel | None = None
        self.threshold = threshold

    @property
    def model(self) -> LinearTextModel:
        if self._model is None:  # loaded on first use: keeps cold start cheap
            self._model = load_model(self._model_path, LinearTextModel.load, "claims")
        return self._model

    def score_sentences(self, doc: Document) -> list[tuple[Span, float]]:
        """Every candidate sentence of `doc` with its check-worthiness probability."""
        candidates = [
            s
            for s in doc.sentences
            if len(s.text.split()) >= MIN_WORDS and len(s.text) <= MAX_CHARS
        ]
        if not candidates:
            return []
        # In batches: the model's feature matrix of a whole 10 MB article took ~170 MB a MB.
        scored: list[tuple[Span, float]] = []
        for i in range(0, len(candidates), _BATCH):
            batch = candidates[i : i + _BATCH]
            probs = self.model.positive_proba([s.text for s in batch])
            scored += [(s, float(p)) for s, p in zip(batch, probs, strict=True)]
        return scored

    def detect(self, doc: Document) -> list[Finding]:
        scored = [(s, p) for s, p in self.score_sentences(doc) if p >= self.threshold]
        scored.sort(key=lambda sp: (-sp[1], sp[0].start))
        return [
            self._finding(span, p, rank) for rank, (span, p) in enumerate(scored[:MAX_FINDINGS], 1)
        ]

    def _finding(self, span: Span, p: float, rank: int) -> Finding:
        found = find_checkables(span.text)
        what = describe(found)
        explanation = (
            f"Check-worthy claim #{rank} (probability {p:.2f}): it states {what} that can be "
            "looked up."
            if what
            else f"Check-worthy claim #{rank} (probability {p:.2f}): it asserts a fact that can "
            "be verified."
        )
        return self.finding(
            "check_worthy",
            explanation,
            score=min(1.0, max(0.0, p)),
            start=span.start,
            end=span.end,
            level="sentence",
            evidence={"rank": rank, "probability": round(p, 4), **found.to_dict()},
        )
