"""Stance of the article toward the user's claim (`newsift analyze ARTICLE --claim "..."`).

Runs only when `Document.claim` is set. One article-level finding carries the verdict; one
sentence-level finding marks each body sentence most related to the claim, which drive it.
"""

from __future__ import annotations

from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.text.safetext import scrub_surrogates

_VERDICT = {
    "agree": "The article appears to support the claim",
    "disagree": "The article appears to dispute the claim",
    "discuss": "The article reports on the claim without taking a side",
    "unrelated": "The article does not appear to be about the claim",
}


class StanceDetector(BaseDetector):
    name = "stance"
    category = "stance"
    languages = frozenset({"en"})  # trained on English article/claim pairs
    version = "1"

    def detect(self, doc: Document) -> list[Finding]:
        claim = scrub_surrogates(doc.claim or "").strip()  # echoed in the report's evidence
        if not claim or not doc.text.strip():
            return []
        from newsift.detectors.stance import predict_stance  # loads the model on first use only

        result = predict_stance(claim, doc.text)
        probabilities = {k: round(v, 4) for k, v in result.probabilities.items()}
        # An unrelated article has no sentences that drive a stance.
        spans = [] if result.label == "unrelated" else result.evidence
        findings = [
            self.finding(
                result.label,
                f"{_VERDICT[result.label]} (p={result.score:.2f}).",
                score=min(max(result.score, 0.0), 1.0),
                level="article",
                evidence={
                    "claim": claim,
                    "probabilities": probabilities,
                    "sentences": [[s, e] for s, e in spans],
                },
            )
        ]
        for rank, ((start, end), related) in enumerate(
            zip(result.evidence, result.relatedness, strict=True), start=1
        ):
            if result.label == "unrelated":
                break
            findings.append(
                self.finding(
                    "stance_evidence",
                    f"One of the sentences closest to the claim (rank {rank}), "
                    f"on which the {result.label} verdict rests.",
                    score=min(max(related, 0.0), 1.0),
                    start=start,
                    end=end,
                    level="sentence",
                    evidence={"claim": claim, "rank": rank, "relatedness": round(related, 4)},
                )
            )
        return findings
