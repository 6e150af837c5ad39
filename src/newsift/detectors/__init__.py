"""Detectors: each turns a Document into a list of Findings. See `base.REGISTRY`."""

from newsift.detectors.base import (
    ENTRY_POINT_GROUP,
    REGISTRY,
    BaseDetector,
    Detector,
    available,
    get,
    load,
    plugins,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "REGISTRY",
    "BaseDetector",
    "Detector",
    "available",
    "get",
    "load",
    "plugins",
]
