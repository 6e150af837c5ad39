"""Detectors: each turns a Document into a list of Findings. See `base.REGISTRY`."""

from newsift.detectors.base import REGISTRY, BaseDetector, Detector, available, get, load

__all__ = ["REGISTRY", "BaseDetector", "Detector", "available", "get", "load"]
