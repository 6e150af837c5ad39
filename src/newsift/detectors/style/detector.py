"""Reporting style: does the wording read like that of well-rated or of poorly rated outlets?

One article-level finding (category "tone", label "reporting_style") with the style model's
estimate of the domain-quality rating (0..1) of an outlet that writes like this, and the words
that pushed it most. It is one of the learned score's features (newsift.detectors.style.train says
how the model is kept off any one outlet's house style); on its own it proves nothing about
any claim, which is why the explanation names the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsift.detectors.base import BaseDetector, load_model
from newsift.detectors.stance.features import STOP_WORDS
from newsift.document import Document
from newsift.findings import Finding
from newsift.inference.linear import LinearTextModel
from newsift.reliability.datasets import RELIABLE_PC1, UNRELIABLE_PC1

MODEL_PATH = Path(__file__).resolve().parent / "style.npz"
MIN_WORDS = 50  # shorter texts give the style model too little to read
# The model's output is SCALE x (estimated rating - CENTER) (newsift.detectors.style.train).
# Poorly rated outlets are below UNRELIABLE_PC1 (0.4), well-rated ones from RELIABLE_PC1 (0.7).
CENTER = round((UNRELIABLE_PC1 + RELIABLE_PC1) / 2, 4)  # 0.55, not 0.5499999999999999
SCALE = 10.0


def _telling(term: str) -> bool:
    """A cue worth showing a reader: whole words, at least one of them not a function word
    ("the", "to" carry weight in the model but tell a reader nothing)."""
    words = term.split()
    return all(len(w) > 1 or w.isdigit() for w in words) and any(w not in STOP_WORDS for w in words)


def model_text(title: str | None, text: str) -> str:
    """Title and body, the way the training articles were read."""
    return f"{title}\n\n{text}" if title else text


def reading(rating: float) -> str:
    if rating >= RELIABLE_PC1:
        return "reads like the reporting of well-rated outlets"
    if rating >= CENTER:
        return "leans toward the style of well-rated outlets"
    if rating >= UNRELIABLE_PC1:
        return "leans toward the style of poorly rated outlets"
    return "reads like the writing of poorly rated outlets"


def rating_of(output: float) -> float:
    """The estimated rating (0..1) behind one model output."""
    return min(1.0, max(0.0, output / SCALE + CENTER))


class StyleDetector(BaseDetector):
    name = "style"
    category = "tone"
    languages = frozenset({"en"})  # trained on English articles
    version = "2"

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self._model_path = Path(model_path)
        self._model: LinearTextModel | None = None

    @property
    def model(self) -> LinearTextModel:
        if self._model is None:  # loaded on first use: keeps cold start cheap
            self._model = load_model(self._model_path, LinearTextModel.load, "reliability")
        return self._model

    def detect(self, doc: Document) -> list[Finding]:
        return self.detect_batch([doc])[0]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in docs]
        scored = [i for i, d in enumerate(docs) if d.word_count >= MIN_WORDS]
        if not scored:
            return out
        texts = [model_text(docs[i].title, docs[i].text) for i in scored]
        features = self.model.transform_batch(texts)
        logits = self.model.decision_function(texts, features)[:, 0]
        for index, (i, text, z) in enumerate(zip(scored, texts, logits, strict=True)):
            cues = self.model.cues(
                text, k=5, features=features, index=index, readable=_telling, toward_last=z >= 0
            )
            out[i].append(self._finding(float(z), [c.term for c in cues]))
        return out

    def _finding(self, output: float, cues: list[str]) -> Finding:
        rating = rating_of(output)
        explanation = (
            f"The wording {reading(rating)} (like that of an outlet rated about {rating:.2f} of 1)"
        )
        if cues:
            explanation += "; words that pushed it that way: " + ", ".join(f"“{c}”" for c in cues)
        return self.finding(
            "reporting_style",
            explanation + ".",
            score=rating,
            level="article",
            # "logit": the output on its logit-like scale, the combiner's feature
            evidence={"rating": round(rating, 4), "logit": round(output, 4), "cues": cues},
        )
