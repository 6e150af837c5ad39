"""The analysed article's check-worthy claims against the other outlets of its story, by the same
comparison `newsift stories` writes to `story_claims` (stories.compare.story)."""

from __future__ import annotations

from collections.abc import Sequence

from newsift.findings import Report
from newsift.stories.compare.load import CLAIMS_CATEGORY
from newsift.stories.compare.story import Claim, StoryText, compare_story
from newsift.stories.coverage_model import CoverageClaim, OutletVerdict

THIS_ARTICLE = "this article"  # the outlet of an article with no domain, never another's


def claim_texts(report: Report) -> list[str]:
    """The article's check-worthy claims, in text order, each once: every finding of the claims
    detector with a span, as the corpus keeps them for `newsift stories`."""
    text = report.article.text
    spans = sorted(
        (f.start, f.end)
        for f in report.findings
        if f.category == CLAIMS_CATEGORY and f.start is not None and f.end is not None
    )
    claims = (" ".join(text[start:end].split()) for start, end in spans)
    return list(dict.fromkeys(c for c in claims if c))


def compare_claims(
    story_id: int, claims: Sequence[str], own_outlet: str, texts: Sequence[StoryText]
) -> list[CoverageClaim]:
    """Per claim, each other outlet's verdict and the counts; `texts` are the other outlets'."""
    rows = (
        compare_story(story_id, texts, [Claim("", own_outlet or THIS_ARTICLE, c) for c in claims])
        if claims and texts
        else []
    )
    per_claim: dict[str, list[OutletVerdict]] = {c: [] for c in claims}
    for row in rows:
        per_claim[row.claim].append(
            OutletVerdict(
                outlet=row.other_outlet,
                verdict=row.verdict,  # type: ignore[arg-type]
                evidence=row.evidence,
                conflict=row.conflict,
                note=row.note,
            )
        )
    out = []
    for claim, verdicts in per_claim.items():
        supports = sum(v.verdict == "supports" for v in verdicts)
        out.append(
            CoverageClaim(
                claim=claim,
                supports=supports,
                disputes=sum(v.verdict == "disputes" for v in verdicts),
                silent=sum(v.verdict == "silent" for v in verdicts),
                lone=supports == 0,
                outlets=verdicts,
            )
        )
    return out
