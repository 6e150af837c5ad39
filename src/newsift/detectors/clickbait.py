"""Clickbait headline detector: TF-IDF word + character n-grams and logistic regression.

The model is trained by `newsift train clickbait` (newsift.train.clickbait) and shipped as
`models/clickbait.npz`: vocabularies, idf weights and coefficients as plain arrays. Inference
uses the numpy TfidfVectorizer transform of `newsift.textmodels` so `newsift analyze` never imports
scikit-learn; tests check it matches scikit-learn's `predict_proba` to 1e-6.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.errors import ModelError
from newsift.findings import Finding
from newsift.textmodels.linear import Cue
from newsift.textmodels.tfidf import TfidfSpec

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "clickbait.npz"
THRESHOLD = 0.5


def _readable(term: str) -> bool:
    """Leave out fragments such as the "t" of "won't" when naming cues to a reader."""
    return all(len(tok) > 1 or tok.isdigit() or tok in {"i", "a"} for tok in term.split())


@dataclass
class ClickbaitModel:
    """Numpy logistic regression over concatenated TF-IDF blocks."""

    blocks: list[TfidfSpec]
    coef: np.ndarray
    intercept: float
    meta: dict[str, Any] = field(default_factory=dict)

    def _rows(self, text: str) -> list[tuple[int, float, str]]:
        """(global column, value, term) for every non-zero feature of `text`."""
        out: list[tuple[int, float, str]] = []
        offset = 0
        for block in self.blocks:
            for i, v in block.transform(text).items():
                out.append((offset + i, v, block.terms[i]))
            offset += len(block.terms)
        return out

    def decision(self, text: str) -> float:
        rows = self._rows(text)
        if not rows:
            return self.intercept
        cols = np.fromiter((c for c, _, _ in rows), dtype=np.int64, count=len(rows))
        vals = np.fromiter((v for _, v, _ in rows), dtype=np.float64, count=len(rows))
        return float(vals @ self.coef[cols]) + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probability of clickbait for each text (like sklearn's `predict_proba[:, 1]`)."""
        z = np.array([self.decision(t) for t in texts], dtype=np.float64)
        return 1.0 / (1.0 + np.exp(-z))

    def cues(self, text: str, k: int = 4) -> list[Cue]:
        """The word n-grams that pushed `text` most towards clickbait (readable evidence)."""
        word_cols = len(self.blocks[0].terms) if self.blocks[0].analyzer == "word" else 0
        scored = [
            Cue(term, v * float(self.coef[c]))
            for c, v, term in self._rows(text)
            if c < word_cols and self.coef[c] > 0 and _readable(term)
        ]
        scored.sort(key=lambda cue: -cue.weight)
        return scored[:k]

    # -- serialisation (npz of plain arrays: loads with allow_pickle=False) --------------------

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "coef": np.asarray(self.coef, dtype=np.float64),
            "intercept": np.asarray(self.intercept, dtype=np.float64),
        }
        specs = []
        for k, b in enumerate(self.blocks):
            arrays[f"terms{k}"] = np.array(b.terms, dtype=np.str_)
            arrays[f"idf{k}"] = np.asarray(b.idf, dtype=np.float64)
            specs.append(
                {
                    "analyzer": b.analyzer,
                    "ngram_range": list(b.ngram_range),
                    "token_pattern": b.token_pattern,
                    "lowercase": b.lowercase,
                    "sublinear_tf": b.sublinear_tf,
                    "norm": b.norm,
                }
            )
        arrays["meta"] = np.array(json.dumps({**self.meta, "blocks": specs}), dtype=np.str_)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)

    @classmethod
    def load(cls, path: Path) -> ClickbaitModel:
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                blocks = [
                    TfidfSpec(
                        analyzer=s["analyzer"],
                        ngram_range=(int(s["ngram_range"][0]), int(s["ngram_range"][1])),
                        terms=z[f"terms{k}"].tolist(),
                        idf=z[f"idf{k}"],
                        token_pattern=s["token_pattern"],
                        lowercase=s["lowercase"],
                        sublinear_tf=s["sublinear_tf"],
                        norm=s["norm"],
                    )
                    for k, s in enumerate(meta.pop("blocks"))
                ]
                coef, intercept = z["coef"], float(z["intercept"])
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"{path}: cannot load clickbait model ({exc})") from exc
        if coef.shape[0] != sum(len(b.terms) for b in blocks):
            raise ModelError(f"{path}: coefficient count does not match the vocabularies")
        return cls(blocks=blocks, coef=coef, intercept=intercept, meta=meta)


class ClickbaitDetector(BaseDetector):
    """Flags a headline that reads like clickbait (article-level, score = probability)."""

    name = "clickbait"
    category = "headline"
    version = "1"

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self._model_path = model_path
        self._model: ClickbaitModel | None = None

    @property
    def model(self) -> ClickbaitModel:
        if self._model is None:  # loaded on first use: keeps cold start cheap
            if not self._model_path.exists():
                raise ModelError(
                    f"{self._model_path} is missing; run `newsift train clickbait --data DIR`"
                )
            self._model = ClickbaitModel.load(self._model_path)
        return self._model

    def detect(self, doc: Document) -> list[Finding]:
        return self.detect_batch([doc])[0]

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]:
        titled = [(i, d.title.strip()) for i, d in enumerate(docs) if d.title and d.title.strip()]
        out: list[list[Finding]] = [[] for _ in docs]
        if not titled:
            return out
        probs = self.model.predict_proba([t for _, t in titled])
        for (i, title), p in zip(titled, probs, strict=True):
            if p >= THRESHOLD:
                out[i].append(self._finding(title, float(p)))
        return out

    def _finding(self, title: str, p: float) -> Finding:
        cues = self.model.cues(title)
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
