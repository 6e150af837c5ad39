"""The one model file format, and the one place that reads numpy files.

A model file is an `.npz` of plain arrays plus a JSON header stored as the string array
`header`:

    {"format": "newsift.model", "format_version": 2, "kind": "linear_text",
     "hyperparameters": {...}, "training": {"data": ..., "date": ..., "command": ...},
     "config": {...}}

`kind` names the model family (the class that reads the arrays); `config` holds what that class
needs besides arrays (labels, thresholds, TF-IDF settings); `hyperparameters` and `training`
are for people and cards. Files are read with `allow_pickle=False`: a model file is data, never
code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from newsift.errors import ModelError

FORMAT = "newsift.model"
FORMAT_VERSION = 2
_HEADER = "header"


@dataclass(frozen=True)
class ModelFile:
    """A model file's header and arrays, as stored."""

    kind: str
    arrays: dict[str, np.ndarray]
    config: dict[str, Any] = field(default_factory=dict)
    hyperparameters: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)

    @property
    def meta(self) -> dict[str, Any]:
        """Hyperparameters and training record as one dict (as a trainer wrote them)."""
        return {**self.hyperparameters, **self.training}

    def array(self, name: str) -> np.ndarray:
        try:
            return self.arrays[name]
        except KeyError:
            raise ModelError(f"{self.kind} model file has no array {name!r}") from None

    def with_prefix(self, prefix: str) -> dict[str, np.ndarray]:
        """The arrays named `prefix` + name, keyed by name (one component of a composite)."""
        return {k[len(prefix) :]: v for k, v in self.arrays.items() if k.startswith(prefix)}


# Keys of a trainer's metadata that describe the training run; the rest are hyperparameters.
TRAINING_KEYS = frozenset(
    {
        "task",
        "data",
        "trained",
        "date",
        "trained_on",
        "n_train",
        "n_test",
        "dropped_overlap",
        "positive",
        "seed",
        "command",
    }
)


def describe(
    kind: str, arrays: dict[str, np.ndarray], config: dict[str, Any], meta: dict[str, Any]
) -> ModelFile:
    """A ModelFile whose header splits a trainer's `meta` into training record and
    hyperparameters."""
    training = {k: v for k, v in meta.items() if k in TRAINING_KEYS}
    hyper = {k: v for k, v in meta.items() if k not in TRAINING_KEYS}
    return ModelFile(kind, arrays, config, hyper, training)


def save_model(path: Path, model: ModelFile, compress: bool = True) -> None:
    """Write `model` to `path` (parents created), arrays in the dtypes they have."""
    if _HEADER in model.arrays:
        raise ModelError(f"array name {_HEADER!r} is reserved for the header")
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": model.kind,
        "hyperparameters": model.hyperparameters,
        "training": model.training,
        "config": model.config,
    }
    arrays = dict(model.arrays)
    arrays[_HEADER] = np.array(json.dumps(header, sort_keys=True), dtype=np.str_)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        (np.savez_compressed if compress else np.savez)(fh, **arrays)


def load_model(path: Path, kind: str) -> ModelFile:
    """The model file at `path`, which must be of `kind`; ModelError (naming the file) when it
    cannot be read, is another format or version, or holds another kind of model."""
    try:
        arrays = load_arrays(path)
        header = json.loads(str(arrays.pop(_HEADER)))
    except KeyError:
        raise ModelError(f"{path}: not a newsift model file (no header)") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the model ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelError(f"{path}: not a newsift model file")
    if header.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format version {header.get('format_version')}, this newsift reads "
            f"{FORMAT_VERSION}; retrain it or install the matching newsift"
        )
    if header.get("kind") != kind:
        raise ModelError(f"{path}: a {header.get('kind')!r} model, expected {kind!r}")
    return ModelFile(
        kind=kind,
        arrays=arrays,
        config=dict(header.get("config") or {}),
        hyperparameters=dict(header.get("hyperparameters") or {}),
        training=dict(header.get("training") or {}),
    )


def _read_numpy(source: Path | IO[bytes], mmap: bool = False) -> Any:
    return np.load(source, mmap_mode="r" if mmap else None, allow_pickle=False)


def load_arrays(source: Path | IO[bytes]) -> dict[str, np.ndarray]:
    """Every array of an `.npz` (a path or an open binary file), read into memory."""
    with _read_numpy(source) as data:
        return {name: data[name] for name in data.files}


def load_array(path: Path, mmap: bool = False) -> np.ndarray:
    """One `.npy` array; memory-mapped read-only when `mmap`, so processes share its pages."""
    return _read_numpy(path, mmap=mmap)


def save_array(path: Path, array: np.ndarray) -> None:
    np.save(path, array, allow_pickle=False)
