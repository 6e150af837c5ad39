"""Clickbait headline detector: TF-IDF word + character n-grams and logistic regression.

The model is trained by `newsift train clickbait` (newsift.detectors.clickbait.train) and
shipped as `clickbait.npz` in this folder: vocabularies, idf weights and coefficients as plain
arrays in the library's model format. Inference is the library's numpy linear text model
(`newsift.inference`), so `newsift analyze` never imports scikit-learn; tests check it matches
scikit-learn's `predict_proba` to 1e-6."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsift.detectors.base import BaseDetector, load_model
from newsift.document import Document
from newsift.findings import Finding
from newsift.inference.linear import Cue, LinearTextModel, SparseRows

MODEL_PATH = Path(__file__).resolve().parent / "clickbait.npz"
THRESHOLD = 0.5
# An explainer's or a fact-check's question headline asks what the article answers ("What we
# know about the outbreak", "Fact check: did the minister really say that?"): its question form
# is not bait. The model, trained on BuzzFeed-style bait against agency news, reads such forms
# as bait, so such a headline is flagged only when the model is sure on other grounds: when
# the headline without its explainer wording still scores EXPLAINER_THRESHOLD.
EXPLAINER_THRESHOLD = 0.9
_LABELS = (
    r"fact[ -]?check(?:ing|ed)?|reality[ -]check|explained|explainer|factbox|fact[ -]?file|"
    r"q\s?&\s?a|analysis|timeline|verified"
)
# Each pattern matches the explainer wording, which `without_explainer_cue` removes.
_EXPLAINER_CUES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # "Fact check: ...", "Explained: why ...": the label, and the question word it asks with
        rf"^\W*(?:{_LABELS})\s*[:|\-–—]\s*(?:(?:why|how|what|who|where|when)\b\s*)?",
        rf"\s*[,:|\-–—]\s*(?:{_LABELS}|what we know(?: so far)?)\W*$",  # "The deal, explained"
        r"^\W*what happened (?=(?:when|to|in|at|on|after|during)\b)",  # "What happened when ..."
        r"^\W*(?:here'?s )?what (?:we|you) (?:know|need to know)(?: so far)?"
        r"(?: (?:about|on|of)\b|\s*(?:[:|\-–—]|$))\s*",  # "What we know about ..."
        r"^\W*is it (?:really )?true(?: that)?\b\s*",  # "Is it true that ...?"
    )
]
# "Did X really say Y?" (not "Did you ...?", which asks the reader): the auxiliary, the
# "really" and the question mark are the cue.
_REALLY_QUESTION = re.compile(
    r"^\W*(?P<aux>did|does|do|is|was|were|are|has|have|can|will)\s+"
    r"(?!you\b|your\b|u\b|this (?:guy|girl|woman|man|kid)\b)"
    r"(?P<subject>[^?]{2,80}?)\s+(?P<really>really|actually|truly)\b(?P<rest>[^?]*)\?\W*$",
    re.IGNORECASE,
)


def without_explainer_cue(title: str) -> str | None:
    """The headline without the wording that makes it an explainer's or a fact-check's
    ("What happened when ...", "Did X really say Y?", "Is it true that ...", "Fact check: ...",
    "What we know about ...", "Explained: ...", "The deal, explained"); None when it is not
    one. "Did you ...?" is not one: it asks the reader."""
    title = title.strip()
    m = _REALLY_QUESTION.match(title)
    if m is not None:
        return f"{m['subject']}{m['rest']}".strip()
    for pattern in _EXPLAINER_CUES:
        m = pattern.search(title)
        if m is not None:
            return (title[: m.start()] + " " + title[m.end() :]).strip().rstrip("?").strip()
    return None


def is_explainer(title: str) -> bool:
    return without_explainer_cue(title) is not None


def _readable(term: str) -> bool:
    """Leave out fragments such as the "t" of "won't" when naming cues to a reader."""
    return all(len(tok) > 1 or tok.isdigit() or tok in {"i", "a"} for tok in term.split())


@dataclass
class ClickbaitModel:
    """The library's linear text model (word + character TF-IDF, logistic regression), with the
    explainer rule and readable cues of the clickbait detector."""

    linear: LinearTextModel

    @property
    def meta(self) -> dict[str, Any]:
        return self.linear.meta

    def transform_batch(self, texts: Sequence[str]) -> list[SparseRows]:
        return self.linear.transform_batch(texts)

    def predict_proba(
        self, texts: Sequence[str], features: list[SparseRows] | None = None
    ) -> np.ndarray:
        """Probability of clickbait for each text (like sklearn's `predict_proba[:, 1]`)."""
        return self.linear.positive_proba(texts, features)

    def flags(self, texts: Sequence[str], proba: Sequence[float] | np.ndarray) -> list[bool]:
        """Whether each headline, with the model's probability `proba`, reads as clickbait:
        p >= THRESHOLD, and for an explainer's or a fact-check's headline also the headline
        without its explainer wording >= EXPLAINER_THRESHOLD (confident on other grounds)."""
        out = [float(p) >= THRESHOLD for p in proba]
        stripped = {
            i: rest
            for i, text in enumerate(texts)
            if out[i] and (rest := without_explainer_cue(text)) is not None
        }
        if stripped:
            again = self.predict_proba(list(stripped.values()))
            for i, p in zip(stripped, again, strict=True):
                out[i] = float(p) >= EXPLAINER_THRESHOLD
        return out

    def cues(
        self, text: str, k: int = 4, features: list[SparseRows] | None = None, index: int = 0
    ) -> list[Cue]:
        """The word n-grams that pushed `text` most towards clickbait (readable evidence)."""
        if self.linear.blocks[0].analyzer != "word":
            return []
        return self.linear.cues(text, k, features=features, index=index, readable=_readable)

    def save(self, path: Path) -> None:
        self.linear.save(path)

    @classmethod
    def load(cls, path: Path) -> ClickbaitModel:
        return cls(LinearTextModel.load(path))


class ClickbaitDetector(BaseDetector):
    """Flags a headline that reads like clickbait (article-level, score = probability)."""

    name = "clickbait"
    category = "headline"
    languages = frozenset({"en"})  # trained on English headlines
    version = "1"

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self._model_path = model_path
        self._model: ClickbaitModel | None = None

    @property
    def model(self) -> ClickbaitModel:
        if self._model is None:  # loaded on first use: keeps cold start cheap
            self._model = load_model(self._model_path, ClickbaitModel.load, "clickbait")
        return self._model

    def detect(self, doc: Document) -> list[Finding]:
        return self.detect_batch([doc])[0]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]:
        titled = [(i, d.title.strip()) for i, d in enumerate(docs) if d.title and d.title.strip()]
        out: list[list[Finding]] = [[] for _ in docs]
        if not titled:
            return out
        titles = [t for _, t in titled]
        features = self.model.transform_batch(titles)
        probs = self.model.predict_proba(titles, features)
        flagged = self.model.flags(titles, probs)
        for index, ((i, title), p) in enumerate(zip(titled, probs, strict=True)):
            if flagged[index]:
                cues = self.model.cues(title, features=features, index=index)
                out[i].append(self._finding(title, float(p), cues))
        return out

    def _finding(self, title: str, p: float, cues: list[Cue]) -> Finding:
        cue_text = ", ".join(f"“{c.term}”" for c in cues)
        explanation = f"The headline reads like clickbait (probability {p:.2f})" + (
            f"; cues: {cue_text}." if cues else "."
        )
        return self.finding(
            "clickbait",
            explanation,
            score=min(1.0, max(0.0, p)),
            level="article",
            evidence={
                "probability": round(p, 4),
                "title": title,
                "cues": [c.term for c in cues],
            },
        )
