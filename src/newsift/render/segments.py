"""Cut an article into runs of text that share the same covering findings, for highlighting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsift.findings import Finding

# Categories with a fixed colour; any other category gets FALLBACK_COLOUR, so new detectors
# show up without a change here.
CATEGORY_COLOURS: dict[str, str] = {
    "propaganda": "#f4a259",
    "fundraising": "#e76f51",
    "self_promotion": "#b5838d",
    "sourcing": "#8ecae6",
    "headline": "#ffb703",
    "text_quality": "#adb5bd",
    "claims": "#90be6d",
    "stance": "#4d908e",
    "tone": "#c77dff",
    "source": "#577590",
}
FALLBACK_COLOUR = "#ffd6a5"


def colour_of(category: str) -> str:
    return CATEGORY_COLOURS.get(category, FALLBACK_COLOUR)


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    findings: tuple[int, ...]  # indices into the findings list, span findings first


def span_findings(findings: Sequence[Finding]) -> list[int]:
    """Indices of findings that point at text (span or sentence level)."""
    return [i for i, f in enumerate(findings) if f.start is not None and f.end != f.start]


def highlight_segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """Split `text` at every finding boundary; each piece lists the findings covering it.

    Span-level findings come before sentence-level ones in each piece, shortest first, so the
    most specific finding decides the colour.
    """
    located = span_findings(findings)
    cuts = {0, len(text)}
    for i in located:
        f = findings[i]
        cuts.update((max(0, min(f.start, len(text))), max(0, min(f.end, len(text)))))  # type: ignore[arg-type]
    segments: list[Segment] = []
    for a, b in pairwise(sorted(cuts)):
        covering = [i for i in located if findings[i].start <= a and findings[i].end >= b]  # type: ignore[operator]
        covering.sort(
            key=lambda i: (findings[i].level != "span", findings[i].end - findings[i].start)
        )  # type: ignore[operator]
        segments.append(Segment(a, b, tuple(covering)))
    return segments
