"""The rules-v0 Reliability from its signals: the sum clipped to 0..100 and scaled to fit, points
rounded to hundredths that add up exactly, the band and the confidence."""

from __future__ import annotations

import math
from collections.abc import Sequence

from newsift.document import Document
from newsift.findings import Band, Contribution, Finding, Reliability
from newsift.scoring.points import (
    BASELINE,
    INFORMATIONAL_LABELS,
    METHOD,
    RELIABLE_AT,
    UNRELIABLE_BELOW,
)
from newsift.scoring.rules import _signals


def _to_hundredths(values: Sequence[float], target: int) -> list[int]:
    """Round `values` (in points) to integer hundredths that sum exactly to `target`.

    Largest-remainder rounding: floor everything, then hand the missing hundredths to the
    values with the largest fractional parts.
    """
    scaled = [v * 100.0 for v in values]
    floors = [_floor(s) for s in scaled]
    missing = target - sum(floors)
    order = sorted(range(len(values)), key=lambda k: -(scaled[k] - floors[k]))
    for k in order[: max(missing, 0)]:
        floors[k] += 1
    for k in reversed(order[len(order) + min(missing, 0) :]):  # float noise the other way
        floors[k] -= 1
    return floors


def _floor(x: float) -> int:
    return math.floor(x + 1e-9)  # tolerate 0.1 + 0.2-style float noise


def _band(score: float) -> Band:
    if score >= RELIABLE_AT:
        return "reliable"
    if score < UNRELIABLE_BELOW:
        return "unreliable"
    return "mixed"


def _confidence(findings: Sequence[Finding], doc: Document, n_signals: int) -> float:
    """0..1: more text, a publisher on record and more independent signals mean more evidence."""
    length = min(doc.word_count / 400.0, 1.0)
    source_known = any(
        f.category == "source" and (f.category, f.label) not in INFORMATIONAL_LABELS
        for f in findings
    )
    value = 0.15 + 0.35 * length + 0.25 * source_known + 0.25 * min(n_signals / 5.0, 1.0)
    return round(min(value, 1.0), 2)


def score(findings: Sequence[Finding], doc: Document) -> Reliability:
    """Reliability of `doc` from its findings (indices in contributions index `findings`)."""
    signals = _signals(findings, doc)
    raw_delta = sum(s.points for s in signals)
    raw = BASELINE + raw_delta
    final = min(100.0, max(0.0, raw))
    factor = (final - BASELINE) / raw_delta if raw_delta and final != raw else 1.0

    target = round((final - BASELINE) * 100)
    hundredths = _to_hundredths([s.points * factor for s in signals], target)
    contributions = [
        Contribution(
            signal=s.name,
            category=s.category,
            points=h / 100.0,
            explanation=s.explanation,
            findings=s.findings,
        )
        for s, h in zip(signals, hundredths, strict=True)
    ]
    contributions.sort(key=lambda c: (-abs(c.points), c.signal))
    total = (round(BASELINE * 100) + sum(hundredths)) / 100.0
    return Reliability(
        score=total,
        band=_band(total),
        confidence=_confidence(findings, doc, len([s for s in signals if s.points])),
        baseline=BASELINE,
        contributions=contributions,
        method=METHOD,
    )
