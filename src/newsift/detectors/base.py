"""Detector protocol and registry.

Adding a detector is one module (or one folder, for a trained one) plus one line in `REGISTRY`.
Modules are imported lazily, by name, so that a cold `newsift analyze` loads only what runs and
models load on first use.

Detectors from outside the package come two ways, neither editing `REGISTRY`:
- an instance handed to `Analyzer(detectors=[...])`, beside names;
- a plug-in: an installed distribution that declares an entry point in the group
  `newsift.detectors` (name = detector name, value = "module:Class"), the way spaCy registers
  factories. `get(name)` finds it after the built-in names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar, Protocol, TypeVar, runtime_checkable

from newsift.document import Document
from newsift.errors import ModelError
from newsift.findings import Finding

M = TypeVar("M")


def load_model(path: Path, loader: Callable[[Path], M], task: str) -> M:
    """A shipped model read by `loader`, or a ModelError naming the command that rebuilds it."""
    if not path.exists():
        raise ModelError(f"{path} is missing; run `newsift train {task} --data DIR`")
    return loader(path)


@runtime_checkable
class Detector(Protocol):
    name: str
    category: str
    version: str
    languages: frozenset[str] | None  # ISO 639-1 codes it supports; None: any language

    def detect(self, doc: Document) -> list[Finding]: ...

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]: ...


class BaseDetector:
    """Convenience base: subclasses set the class attributes and implement `detect`.

    Detectors are stateless after construction (models load in `__init__` or lazily), so one
    instance serves every document and every thread.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    version: ClassVar[str] = "1"
    # The languages the detector was built for (ISO 639-1); None: language-independent. The
    # Analyzer skips it, and says so, on an article in any other language.
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def detect(self, doc: Document) -> list[Finding]:
        raise NotImplementedError

    def detect_batch(self, docs: Sequence[Document]) -> list[list[Finding]]:
        return [self.detect(d) for d in docs]

    def finding(self, label: str, explanation: str, **kwargs) -> Finding:
        """A Finding stamped with this detector's name and category."""
        kwargs.setdefault("category", self.category)
        return Finding(detector=self.name, label=label, explanation=explanation, **kwargs)


# name -> "module:Class". Order is the order detectors run and appear in reports.
REGISTRY: dict[str, str] = {
    "source": "newsift.detectors.source:SourceDetector",
    "text_quality": "newsift.detectors.text_quality:TextQualityDetector",
    "fundraising": "newsift.detectors.fundraising:FundraisingDetector",
    "neutrality_claim": "newsift.detectors.neutrality:NeutralityClaimDetector",
    "attribution": "newsift.detectors.attribution:AttributionDetector",
    "clickbait": "newsift.detectors.clickbait.detector:ClickbaitDetector",
    "propaganda": "newsift.detectors.propaganda.detector:PropagandaDetector",
    "stance": "newsift.detectors.stance.detector:StanceDetector",
    "claims": "newsift.detectors.claims.detector:ClaimsDetector",
    "hyperpartisan": "newsift.detectors.hyperpartisan.detector:HyperpartisanDetector",
    "style": "newsift.detectors.style.detector:StyleDetector",
}

ENTRY_POINT_GROUP = "newsift.detectors"

_instances: dict[str, Detector] = {}


def plugins() -> dict[str, str]:
    """Detector name -> "module:Class" of every installed plug-in (entry-point group
    `newsift.detectors`); a built-in name cannot be taken over."""
    from importlib.metadata import entry_points

    found = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {name: value for name, value in found.items() if name not in REGISTRY}


def available() -> list[str]:
    """Built-in detectors in their run order, then installed plug-ins."""
    return [*REGISTRY, *plugins()]


def get(name: str) -> Detector:
    """The shared instance of detector `name` (built-in or plug-in), created on first use."""
    if name not in _instances:
        target = REGISTRY.get(name) or plugins().get(name)
        if target is None:
            raise KeyError(f"unknown detector {name!r}; known: {', '.join(available())}")
        module_name, _, class_name = target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        _instances[name] = cls()
    return _instances[name]


def load(detectors: Iterable[str | Detector] | None = None) -> list[Detector]:
    """Instances for `detectors` (the built-in ones when None): a name is looked up, an instance
    (a BaseDetector subclass, or anything with `name` and `detect_batch`) is used as given."""
    if detectors is None:
        return [get(n) for n in REGISTRY]
    out: list[Detector] = []
    for d in detectors:
        if isinstance(d, str):
            out.append(get(d))
        elif hasattr(d, "name") and callable(getattr(d, "detect_batch", None)):
            out.append(d)
        else:
            raise TypeError(f"not a detector name or instance: {d!r}")
    return out
