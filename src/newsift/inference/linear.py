"""Logistic regression over concatenated TF-IDF blocks: the library's linear text model.

Binary models hold one row of coefficients (probability of `classes[1]` by a sigmoid, as
scikit-learn's `predict_proba[:, 1]`); multiclass models hold one row per class (softmax, as
scikit-learn's multinomial LogisticRegression).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from newsift.errors import ModelError
from newsift.inference.activations import sigmoid, softmax
from newsift.inference.store import ModelFile, describe, load_model, save_model
from newsift.inference.tfidf import TfidfSpec

SparseRows = tuple[np.ndarray, np.ndarray, np.ndarray]  # (row, column, value) of non-zeros


@dataclass(frozen=True)
class Cue:
    """A feature that pushed one text towards a class: its term and log-odds contribution."""

    term: str
    weight: float


def _readable(term: str) -> bool:
    """Leave out fragments such as the "t" of "won't" when naming cues to a reader."""
    return all(len(tok) > 1 or tok.isdigit() for tok in term.split())


@dataclass
class LinearTextModel:
    blocks: list[TfidfSpec]
    coef: np.ndarray  # (n_rows, n_features); n_rows = 1 for a binary model
    intercept: np.ndarray  # (n_rows,)
    classes: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    precision: str = "float32"  # dtype of the stored coefficients and idf weights

    def __post_init__(self) -> None:
        self.coef = np.atleast_2d(np.asarray(self.coef, dtype=np.float64))
        self.intercept = np.atleast_1d(np.asarray(self.intercept, dtype=np.float64))
        n_features = sum(len(b.terms) for b in self.blocks)
        if self.coef.shape[1] != n_features:
            raise ModelError("coefficient count does not match the vocabularies")
        expected_rows = 1 if len(self.classes) == 2 else len(self.classes)
        if self.coef.shape[0] != expected_rows or self.intercept.shape[0] != expected_rows:
            raise ModelError(f"{len(self.classes)} classes need {expected_rows} coefficient rows")

    @property
    def n_features(self) -> int:
        return int(self.coef.shape[1])

    def transform_batch(self, texts: Sequence[str]) -> list[SparseRows]:
        """The TF-IDF rows of `texts` in each block: the input of `decision_function` and
        `cues`, computed once when a caller needs both."""
        return [block.transform_batch(texts) for block in self.blocks]

    def decision_function(
        self, texts: Sequence[str], features: list[SparseRows] | None = None
    ) -> np.ndarray:
        """(n_texts, n_rows) raw scores, as scikit-learn's `decision_function`."""
        n = len(texts)
        features = self.transform_batch(texts) if features is None else features
        out = np.tile(self.intercept, (n, 1))
        offset = 0
        for block, (rows, cols, vals) in zip(self.blocks, features, strict=True):
            for r in range(self.coef.shape[0]):
                weights = self.coef[r, offset + cols] * vals
                out[:, r] += np.bincount(rows, weights=weights, minlength=n)
            offset += len(block.terms)
        return out

    def predict_proba(
        self, texts: Sequence[str], features: list[SparseRows] | None = None
    ) -> np.ndarray:
        """(n_texts, n_classes) probabilities in the order of `classes`."""
        z = self.decision_function(texts, features)
        if z.shape[1] == 1:
            p = sigmoid(z[:, 0])
            return np.column_stack([1.0 - p, p])
        return softmax(z)

    def positive_proba(
        self, texts: Sequence[str], features: list[SparseRows] | None = None
    ) -> np.ndarray:
        """Probability of the last class (the positive one in a binary model)."""
        return self.predict_proba(texts, features)[:, -1]

    def cues(
        self,
        text: str,
        k: int = 5,
        block: int = 0,
        features: list[SparseRows] | None = None,
        index: int = 0,
        readable: Callable[[str], bool] = _readable,
        toward_last: bool = True,
    ) -> list[Cue]:
        """The terms of `block` (word n-grams by default) that pushed `text` most towards the
        last class (away from it when `toward_last` is False): readable evidence for an
        explanation (terms `readable` accepts). `features` and `index` may give the text's row
        of an earlier `transform_batch`."""
        features = self.transform_batch([text]) if features is None else features
        rows, cols, vals = features[block]
        in_text = rows == index
        cols, vals = cols[in_text], vals[in_text]
        offset = sum(len(b.terms) for b in self.blocks[:block])
        row = self.coef[-1] if self.coef.shape[0] == 1 else self.coef[-1] - self.coef.mean(axis=0)
        row = row if toward_last else -row
        weights = vals * row[offset + cols]
        pushing = np.flatnonzero(row[offset + cols] > 0)
        order = pushing[np.argsort(-weights[pushing], kind="stable")]
        terms = self.blocks[block].terms
        found: list[Cue] = []
        for j in order.tolist():
            if len(found) == k:
                break
            term = terms[int(cols[j])]
            if readable(term):
                found.append(Cue(term, float(weights[j])))
        return found

    # -- serialisation: the model file format of newsift.inference.store ----------------------

    KIND: ClassVar[str] = "linear_text"

    def to_file(self) -> ModelFile:
        dtype = np.dtype(self.precision)
        arrays: dict[str, np.ndarray] = {
            "coef": self.coef.astype(dtype),
            "intercept": self.intercept.astype(np.float64),
        }
        for k, b in enumerate(self.blocks):
            arrays.update(b.to_arrays(f"tfidf{k}.", dtype))
        config = {
            "classes": self.classes,
            "blocks": [b.settings() for b in self.blocks],
            "precision": self.precision,
        }
        return describe(self.KIND, arrays, config, self.meta)

    def save(self, path: Path) -> None:
        save_model(path, self.to_file())

    @classmethod
    def from_file(cls, model: ModelFile) -> LinearTextModel:
        try:
            config = model.config
            blocks = [
                TfidfSpec.from_arrays(model.with_prefix(f"tfidf{k}."), s, np.float64)
                for k, s in enumerate(config["blocks"])
            ]
            return cls(
                blocks=blocks,
                coef=model.array("coef").astype(np.float64),
                intercept=model.array("intercept"),
                classes=[str(c) for c in config["classes"]],
                meta=model.meta,
                precision=str(config.get("precision", "float32")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ModelError(f"malformed linear text model ({exc})") from exc

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        model = load_model(path, cls.KIND)
        try:
            return cls.from_file(model)
        except ModelError as exc:
            raise ModelError(f"{path}: {exc}") from None
