"""One function per rules-v0 signal: the findings of one group (and the document) in, the
signal's points, explanation and finding indices out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsift.document import Document
from newsift.findings import Finding
from newsift.scoring.points import (
    ANONYMOUS_CAP,
    ANONYMOUS_EACH,
    CAPS_CAP,
    CAPS_EACH,
    CLICKBAIT_WEIGHT,
    ENCODING_CAP,
    ENCODING_EACH,
    EXCLAMATION_CAP,
    EXCLAMATION_EACH,
    FUNDRAISING_CAP,
    FUNDRAISING_EACH,
    FUNDRAISING_FIRST,
    HYPERPARTISAN_WEIGHT,
    MISSING_BYLINE,
    NEUTRALITY_CAP,
    NEUTRALITY_EACH,
    NEUTRALITY_FIRST,
    POORLY_ATTRIBUTED,
    PROPAGANDA_SENTENCE_CAP,
    PROPAGANDA_SENTENCE_RATE,
    SOURCE_POINTS,
    SOURCE_RANGE,
    WELL_ATTRIBUTED,
    WORDING_CAP,
    WORDING_PER_100_WORDS,
)


@dataclass
class _Signal:
    name: str
    category: str
    points: float
    explanation: str
    findings: list[int]


Indexed = list[tuple[int, Finding]]


def _capped(n: int, first: float, each: float, cap: float) -> float:
    """first for one finding, `each` for every further one, never beyond `cap` (negative)."""
    return max(cap, first + each * (n - 1)) if n else 0.0


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


# -- one function per signal: (findings of the group, doc) -> _Signal | None ---------------------


def _source(group: Indexed, doc: Document) -> _Signal | None:
    labels: list[str] = []
    for _, f in group:
        labels.extend((f.evidence or {}).get("labels") or [f.label])
    weights = [SOURCE_POINTS[lab] for lab in dict.fromkeys(labels) if lab in SOURCE_POINTS]
    if not weights:
        return None
    worst, best = min([0.0, *weights]), max([0.0, *weights])
    points = min(SOURCE_RANGE[1], max(SOURCE_RANGE[0], worst + best))
    where = doc.domain or (group[0][1].evidence or {}).get("domain") or "the publisher"
    known = [lab for lab in dict.fromkeys(labels) if lab in SOURCE_POINTS]
    return _Signal(
        "source_record",
        "source",
        points,
        f"Reputation lists label {where} as {', '.join(known)}.",
        [i for i, _ in group],
    )


def _fundraising(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "fundraising_appeal",
        "fundraising",
        _capped(n, FUNDRAISING_FIRST, FUNDRAISING_EACH, FUNDRAISING_CAP),
        f"The article asks readers for money {_times(n)} inside the story, which news "
        "reports do not do.",
        [i for i, _ in group],
    )


def _neutrality(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "neutrality_boilerplate",
        "self_promotion",
        _capped(n, NEUTRALITY_FIRST, NEUTRALITY_EACH, NEUTRALITY_CAP),
        f"The outlet proclaims its own independence or lack of bias {_times(n)}; reliable "
        "reporting shows this through sourcing instead.",
        [i for i, _ in group],
    )


def distinct_spans(spans: Sequence[tuple[int, int]]) -> int:
    """Spans counted once however many detectors flag overlapping text."""
    count, last_end = 0, -1
    for start, end in sorted(spans):
        if start >= last_end:
            count += 1
            last_end = end
        else:
            last_end = max(last_end, end)
    return count


def _wording(group: Indexed, doc: Document) -> _Signal | None:
    n = distinct_spans([(f.start, f.end) for _, f in group if f.start is not None])
    if not n:
        return None
    words = max(doc.word_count, 1)
    density = 100.0 * n / words
    return _Signal(
        "manipulative_wording",
        "propaganda",
        max(WORDING_CAP, WORDING_PER_100_WORDS * density),
        f"{n} loaded, emotive or propaganda phrases in {words} words "
        f"({density:.1f} per 100 words).",
        [i for i, _ in group],
    )


def _propaganda_sentences(group: Indexed, doc: Document) -> _Signal | None:
    weight = sum(max(0.0, 2.0 * (f.score - 0.5)) for _, f in group)
    n_sentences = max(len(doc.sentences), 1)
    if weight <= 0:
        return None
    return _Signal(
        "propaganda_sentences",
        "propaganda",
        max(PROPAGANDA_SENTENCE_CAP, PROPAGANDA_SENTENCE_RATE * weight / n_sentences),
        f"{len(group)} of {n_sentences} sentences read like propaganda.",
        [i for i, _ in group],
    )


def _missing_byline(group: Indexed, doc: Document) -> _Signal:
    return _Signal(
        "missing_byline",
        "sourcing",
        MISSING_BYLINE,
        "No author is named, so nobody is accountable for the story.",
        [i for i, _ in group],
    )


def _attribution(group: Indexed, doc: Document) -> _Signal | None:
    i, f = group[0]
    ev = f.evidence or {}
    detail = (
        f" ({ev['attributed']} of {ev['factual']} factual sentences)"
        if "attributed" in ev and "factual" in ev
        else ""
    )
    if f.label == "well_attributed":
        return _Signal(
            "attribution",
            "sourcing",
            WELL_ATTRIBUTED,
            f"Most factual statements name their source{detail}.",
            [i],
        )
    return _Signal(
        "attribution",
        "sourcing",
        POORLY_ATTRIBUTED,
        f"Few factual statements say where they come from{detail}.",
        [i],
    )


def _anonymous(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "anonymous_sources",
        "sourcing",
        max(ANONYMOUS_CAP, ANONYMOUS_EACH * n),
        f"Claims rest on unnamed sources {_times(n)} (e.g. “sources say”).",
        [i for i, _ in group],
    )


def _clickbait(group: Indexed, doc: Document) -> _Signal:
    p = max(f.score for _, f in group)
    return _Signal(
        "clickbait_headline",
        "headline",
        CLICKBAIT_WEIGHT * p,
        f"The headline reads like clickbait (probability {p:.2f}).",
        [i for i, _ in group],
    )


def _hyperpartisan(group: Indexed, doc: Document) -> _Signal | None:
    p = max(f.score for _, f in group)
    if p <= 0.5:
        return None
    return _Signal(
        "hyperpartisan_tone",
        "tone",
        HYPERPARTISAN_WEIGHT * 2.0 * (p - 0.5),
        f"The article reads as hyperpartisan (probability {p:.2f}).",
        [i for i, _ in group],
    )


def _per_finding(
    name: str, category: str, each: float, cap: float, what: str
) -> Callable[[Indexed, Document], _Signal]:
    def rule(group: Indexed, doc: Document) -> _Signal:
        n = len(group)
        return _Signal(name, category, max(cap, each * n), what.format(n=n), [i for i, _ in group])

    return rule


_encoding = _per_finding(
    "encoding_damage",
    "text_quality",
    ENCODING_EACH,
    ENCODING_CAP,
    "The text had {n} passage(s) of garbled characters, a sign of careless publishing.",
)
_caps = _per_finding(
    "shouting_capitals",
    "text_quality",
    CAPS_EACH,
    CAPS_CAP,
    "{n} passage(s) shout in capital letters.",
)
_exclamations = _per_finding(
    "exclamations",
    "text_quality",
    EXCLAMATION_EACH,
    EXCLAMATION_CAP,
    "Exclamation marks are overused ({n} finding(s)).",
)
