"""One story's claims against its other outlets: rows of `story_claims`. Pure: texts in, rows
out, so it is tested without a corpus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.stories.compare.matching import Sentence, SentenceIndex, is_statement, sentences_of
from newsift.stories.compare.verdict import judge, stances


@dataclass(frozen=True)
class StoryText:
    article_id: str
    outlet: str
    text: str


@dataclass(frozen=True)
class Claim:
    article_id: str
    outlet: str
    text: str


@dataclass(frozen=True)
class ClaimRow:
    """One claim of one article, against one other outlet of its story."""

    story_id: int
    article_id: str
    outlet: str
    claim: str
    other_outlet: str
    verdict: str  # supports | disputes | silent
    evidence: str | None  # the other outlet's best-matching sentence
    similarity: float
    conflict: str | None  # figures that disagree
    note: str | None  # why silent or disputed, when the figures do not say it


def compare_story(
    story_id: int, texts: Sequence[StoryText], claims: Sequence[Claim]
) -> list[ClaimRow]:
    """Every claim against the best sentence of each other outlet that has a text."""
    index = SentenceIndex([s for t in texts for s in sentences_of(t.article_id, t.outlet, t.text)])
    outlets = list(dict.fromkeys(t.outlet for t in texts))
    outlet_texts = {o: "\n".join(t.text for t in texts if t.outlet == o) for o in outlets}
    pending = []
    for claim in dict.fromkeys(claims):  # a claim found twice in one article counts once
        if not is_statement(claim.text):  # a signature line ("— President Donald Trump")
            continue
        others = [o for o in outlets if o != claim.outlet]
        pending += [(claim, m) for m in index.best_per_outlet(claim.text, others)]
    found = stances([c.text for c, _ in pending], [m for _, m in pending])
    rows = []
    for (claim, match), stance in zip(pending, found, strict=True):
        verdict = judge(claim.text, match, stance, outlet_texts[match.outlet])
        rows.append(
            ClaimRow(
                story_id=story_id,
                article_id=claim.article_id,
                outlet=claim.outlet,
                claim=claim.text,
                other_outlet=match.outlet,
                verdict=verdict.verdict,
                evidence=_evidence(verdict.evidence or match.sentence),
                similarity=match.similarity,
                conflict=verdict.conflict,
                note=verdict.note,
            )
        )
    return rows


def _evidence(sentence: Sentence | None) -> str | None:
    return sentence.text if sentence else None
