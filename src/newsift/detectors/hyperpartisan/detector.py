"""Hyperpartisan tone: how likely the article is one-sided, extreme political writing.

Article-level probability from a TF-IDF + logistic regression model trained on the SemEval-2019
Task 4 by-article set (`newsift train hyperpartisan`; `hyperpartisan.npz` in this folder, numpy
inference). Always one Finding, whatever the probability, so the scorer can weigh it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsift.detectors.base import BaseDetector, load_model
from newsift.document import Document
from newsift.findings import Finding
from newsift.inference.linear import Cue, LinearTextModel

MODEL_PATH = Path(__file__).resolve().parent / "hyperpartisan.npz"
THRESHOLD = 0.5
SHORT_TEXT = 50  # words; training articles average ~580, so a shorter text is a weak signal


def _band(p: float) -> str:
    if p >= 0.8:
        return "reads as strongly hyperpartisan"
    if p >= THRESHOLD:
        return "leans hyperpartisan"
    if p >= 0.3:
        return "shows some partisan tone but not enough to call it hyperpartisan"
    return "does not read as hyperpartisan"


class HyperpartisanDetector(BaseDetector):
    name = "hyperpartisan"
    category = "tone"
    languages = frozenset({"en"})  # trained on English articles
    version = "1"

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self._model_path = Path(model_path)
        self._model: LinearTextModel | None = None

    @property
    def model(self) -> LinearTextModel:
        if self._model is None:  # loaded on first use: keeps cold start cheap
            self._model = load_model(self._model_path, LinearTextModel.load, "hyperpartisan")
        return self._model

    @staticmethod
    def model_text(doc: Document) -> str:
        """Title and body, the way the training articles were read."""
        return f"{doc.title}\n\n{doc.text}" if doc.title else doc.text

    def detect(self, doc: Document) -> list[Finding]:
        return self.detect_batch([doc])[0]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in docs]
        scored = [i for i, d in enumerate(docs) if d.word_count > 0]
        if not scored:
            return out
        texts = [self.model_text(docs[i]) for i in scored]
        features = self.model.transform_batch(texts)
        probs = self.model.positive_proba(texts, features)
        for index, (i, text, p) in enumerate(zip(scored, texts, probs, strict=True)):
            cues = self.model.cues(text, k=5, features=features, index=index) if p >= 0.3 else []
            out[i].append(self._finding(float(p), cues, short=docs[i].word_count < SHORT_TEXT))
        return out

    def _finding(self, p: float, cues: list[Cue], short: bool = False) -> Finding:
        explanation = f"The article {_band(p)} (probability {p:.2f})"
        explanation += (
            "; words that pushed it that way: " + ", ".join(f"“{c.term}”" for c in cues) + "."
            if cues
            else "."
        )
        if short:
            explanation += " The text is short, so this is a weak signal."
        return self.finding(
            "hyperpartisan",
            explanation,
            score=min(1.0, max(0.0, p)),
            level="article",
            evidence={
                "probability": round(p, 4),
                "cues": [c.term for c in cues],
                "short_text": short,
            },
        )
