"""The publisher's record in the source reputation database, as one source-level finding."""

from __future__ import annotations

from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.sources import EFFECT, lookup, most_severe


class SourceDetector(BaseDetector):
    """One finding when the publisher is in the database, labelled with its most severe label.

    score = how strongly that label bears on reliability (abs of sources.EFFECT);
    evidence["effect"] keeps the sign (negative lowers trust).
    """

    name = "source"
    category = "source"
    languages = None  # a domain lookup: any language
    version = "1"

    def detect(self, doc: Document) -> list[Finding]:
        # The URL, when known, also matches records for a host or a section of a site
        # ("sjlendman.blogspot.com", "newyorker.com/humor") that the bare domain cannot.
        info = lookup(doc.url or doc.domain)
        label = most_severe(info.labels) if info.found else None
        if label is None:
            return []
        reason = info.reasons[info.labels.index(label)]
        if info.user_override:
            reason = f"your own entry labels it '{label}': {reason}"
        explanation = f"{info.domain} — {reason}"
        if not explanation.endswith((".", "!", "?")):
            explanation += "."
        return [
            self.finding(
                label,
                explanation,
                score=abs(EFFECT[label]),
                level="source",
                evidence={
                    "labels": list(info.labels),
                    "reasons": list(info.reasons),
                    "origin": info.origin,
                    "user_override": info.user_override,
                    "domain": info.domain,
                    "effect": EFFECT[label],
                },
            )
        ]
