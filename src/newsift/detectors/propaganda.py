"""Propaganda techniques at span level, trained on the PTC corpus (SemEval-2020 Task 11).

Highlights the exact words that manipulate and names one of the 14 SemEval techniques, with a
plain-words definition; also flags each sentence likely to contain propaganda. The model is a
set of linear weights run in numpy (see `newsift.propaganda.model`), loaded on first use.
"""

from __future__ import annotations

from pathlib import Path

from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.propaganda.features import tokenize
from newsift.propaganda.model import PropagandaModel
from newsift.propaganda.techniques import DEFINITIONS, READABLE_NAMES

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "propaganda.npz"
SENTENCE_THRESHOLD = 0.5


class PropagandaDetector(BaseDetector):
    name = "propaganda"
    category = "propaganda"
    version = "1"

    def __init__(self, model_path: Path | None = None) -> None:
        self._model_path = model_path or MODEL_PATH
        self._model: PropagandaModel | None = None

    @property
    def model(self) -> PropagandaModel:
        if self._model is None:
            self._model = PropagandaModel.load(self._model_path)
        return self._model

    def detect(self, doc: Document) -> list[Finding]:
        if not doc.text.strip():
            return []
        prediction = self.model.predict(tokenize(doc.text, doc.sentences))
        findings: list[Finding] = []
        for span in prediction.spans:
            technique = span.technique
            findings.append(
                self.finding(
                    technique,
                    f"{READABLE_NAMES[technique]}: {_lower_first(DEFINITIONS[technique])}",
                    score=round(span.score, 4),
                    start=span.start,
                    end=span.end,
                    level="span",
                    evidence={
                        "technique": READABLE_NAMES[technique],
                        "definition": DEFINITIONS[technique],
                        "text": doc.text[span.start : span.end],
                        "technique_probability": round(span.technique_score, 4),
                    },
                )
            )
        for sentence, prob in zip(prediction.sentences, prediction.sentence_probs):
            if prob >= SENTENCE_THRESHOLD:
                findings.append(
                    self.finding(
                        "propaganda_sentence",
                        "This sentence reads like propaganda "
                        f"(probability {prob:.0%} from a model trained on annotated news).",
                        score=round(float(prob), 4),
                        start=sentence.start,
                        end=sentence.end,
                        level="sentence",
                        evidence={"probability": round(float(prob), 4)},
                    )
                )
        return findings


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
