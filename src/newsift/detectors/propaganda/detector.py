"""Propaganda techniques at span level, trained on the PTC corpus (SemEval-2020 Task 11).

Highlights the exact words that manipulate and names one of the 14 SemEval techniques, with a
plain-words definition; also flags each sentence likely to contain propaganda. Two sources feed
it: the trained model, linear weights run in numpy (see `model.py` here), loaded on first use;
and a curated lexicon of insults and emotive words (`lexicon.py` here), which adds short exact
spans the model leaves out.

The model's spans are shown at its stored operating point, chosen for precision at training
time (`span_threshold` in the model file's header: about half of each shown span's characters are
annotated propaganda in cross-validation), after the fragment filter
(`fragments.py` here), which trims spans to words that stand on their own and drops
lone common words; `PropagandaModel.predict` applies both.
"""

from __future__ import annotations

from pathlib import Path

from newsift.detectors.base import BaseDetector
from newsift.detectors.propaganda.features import Tokens, tokenize
from newsift.detectors.propaganda.lexicon import find_loaded_phrases
from newsift.detectors.propaganda.model import PropagandaModel
from newsift.detectors.propaganda.techniques import DEFINITIONS, READABLE_NAMES
from newsift.document import Document
from newsift.findings import Finding

MODEL_PATH = Path(__file__).resolve().parent / "propaganda.npz"
SENTENCE_THRESHOLD = 0.5
LEXICON_SCORE = 0.6  # a lexicon hit is certain about the words, not about their intent
_LEXICON_EXPLANATIONS = {
    "Name_Calling,Labeling": "“{text}” labels its target with an insult instead of describing "
    "what they did.",
    "Loaded_Language": "“{text}” is an emotionally charged word chosen to sway the reader.",
}


class PropagandaDetector(BaseDetector):
    name = "propaganda"
    category = "propaganda"
    languages = frozenset({"en"})  # English training data and lexicon
    version = "3"  # 3: precision operating point and fragment filter

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
        tokens = tokenize(doc.text, doc.sentences, doc.word_table)
        prediction = self.model.predict(tokens)
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
        findings.extend(self._lexicon_findings(doc, findings, tokens))
        for sentence, prob in zip(prediction.sentences, prediction.sentence_probs, strict=False):
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

    def _lexicon_findings(
        self, doc: Document, model_spans: list[Finding], tokens: Tokens
    ) -> list[Finding]:
        seen = {(f.start, f.end, f.label) for f in model_spans}
        findings = []
        for hit in find_loaded_phrases(doc.text, tok=tokens):
            if (hit.start, hit.end, hit.label) in seen:
                continue
            text = doc.text[hit.start : hit.end]
            findings.append(
                self.finding(
                    hit.label,
                    f"{READABLE_NAMES[hit.label]}: "
                    + _LEXICON_EXPLANATIONS[hit.label].format(text=text),
                    score=LEXICON_SCORE,
                    start=hit.start,
                    end=hit.end,
                    level="span",
                    evidence={
                        "technique": READABLE_NAMES[hit.label],
                        "definition": DEFINITIONS[hit.label],
                        "text": text,
                        "lexicon": hit.phrase,
                    },
                )
            )
        return findings


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
