"""The publisher's record in the source reputation database, as one source-level finding."""

from __future__ import annotations

from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding, SourceInfo
from newsift.sources import EFFECT, effect_words, most_severe, rating_effect

RATED = "rated"  # the finding's label for a record with a rating and no labels


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


class SourceDetector(BaseDetector):
    """One finding when the publisher is in the database with labels or a rating.

    label = its most severe label, or "rated" when it has a rating and no labels.
    evidence["effect"] is signed: positive when the record raises trust, negative when it lowers
    it. It is the label's sources.EFFECT; for a record without labels, or whose labels are
    political lean only (effect 0), it is the rating's (2 x rating - 1). score = abs(effect).
    evidence also holds labels, reasons, origin, user_override, domain, rating (0..1 or None),
    rating_reason (its source and citation) and rating_effect.
    """

    name = "source"
    category = "source"
    languages = None  # a domain lookup: any language
    version = "2"

    def detect(self, doc: Document) -> list[Finding]:
        info = doc.source_record()
        if not info.found:
            return []
        label = most_severe(info.labels)
        rated = None if info.rating is None else rating_effect(info.rating)
        if label is None and rated is None:
            return []
        if label is not None:
            effect = EFFECT[label]
            if effect == 0.0 and rated is not None:
                effect = rated  # lean only: the rating says more about reliability
            reason = info.reasons[info.labels.index(label)]
            if info.user_override and info.origin == "user":
                reason = f"your own entry labels it '{label}': {reason}"
            explanation = f"{info.domain} — {_sentence(reason)}"
            if info.rating is not None:
                explanation += f" Rated {info.rating:.2f} of 1: {_sentence(self._why(info))}"
        else:
            label, effect = RATED, rated
            explanation = (
                f"{info.domain} — rated {info.rating:.2f} on a 0–1 quality scale, which "
                f"{effect_words(effect)}: {_sentence(self._why(info))}"
            )
        return [
            self.finding(
                label,
                explanation,
                score=abs(effect),
                level="source",
                evidence={
                    "labels": list(info.labels),
                    "reasons": list(info.reasons),
                    "origin": info.origin,
                    "user_override": info.user_override,
                    "domain": info.domain,
                    "effect": effect,
                    "rating": info.rating,
                    "rating_reason": info.rating_reason,
                    "rating_effect": rated,
                },
            )
        ]

    @staticmethod
    def _why(info: SourceInfo) -> str:
        return info.rating_reason or "no reason recorded"
