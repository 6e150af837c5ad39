"""A story's claims at a glance: per claim, how many other outlets support it, dispute it or are
silent, the figures that conflict, and the claims that rest on one outlet alone (no other outlet
supports them), with that outlet's source record."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from newsift.text.safetext import terminal_safe


@dataclass(frozen=True)
class SourceRecord:
    found: bool | None
    labels: str  # comma-separated
    rating: float | None

    def describe(self) -> str:
        if not self.found:
            return "no source record"
        parts = [f"rated {self.rating:.2f}"] if self.rating is not None else []
        if self.labels:
            parts.append("labelled " + self.labels.replace(",", ", "))
        return "source record: " + ("; ".join(parts) or "listed, unrated")


@dataclass(frozen=True)
class ClaimSummary:
    article_id: str
    outlet: str
    claim: str
    supports: int
    disputes: int
    silent: int
    conflicts: list[str] = field(default_factory=list)
    source: SourceRecord = SourceRecord(None, "", None)

    @property
    def lone(self) -> bool:
        """Rests on its outlet alone: no other outlet supports it."""
        return self.supports == 0


@dataclass(frozen=True)
class StorySummary:
    story_id: int
    label: str
    outlets: int
    claims: list[ClaimSummary]

    @property
    def lone_claims(self) -> list[ClaimSummary]:
        return [c for c in self.claims if c.lone]


def story_summary(con: duckdb.DuckDBPyConnection, story_id: int) -> StorySummary:
    """The summary of one story from `story_claims`, `stories` and `articles`."""
    head = con.execute("SELECT label, outlets FROM stories WHERE id = ?", [story_id]).fetchone()
    rows = con.execute(
        """
        SELECT c.article_id, c.outlet, c.claim,
               count(*) FILTER (WHERE c.verdict = 'supports'),
               count(*) FILTER (WHERE c.verdict = 'disputes'),
               count(*) FILTER (WHERE c.verdict = 'silent'),
               list(c.conflict ORDER BY c.other_outlet) FILTER (WHERE c.conflict IS NOT NULL),
               any_value(a.source_found), any_value(a.source_labels), any_value(a.source_rating),
               min(c.rowid)
        FROM story_claims c LEFT JOIN articles a ON a.id = c.article_id
        WHERE c.story_id = ?
        GROUP BY c.article_id, c.outlet, c.claim
        ORDER BY min(c.rowid)
        """,
        [story_id],
    ).fetchall()
    claims = [
        ClaimSummary(
            article_id=aid,
            outlet=outlet,
            claim=claim,
            supports=sup,
            disputes=dis,
            silent=sil,
            conflicts=list(conflict_list or []),
            source=SourceRecord(found, labels or "", rating),
        )
        for aid, outlet, claim, sup, dis, sil, conflict_list, found, labels, rating, _ in rows
    ]
    label, outlets = head if head else ("", 0)
    return StorySummary(story_id, label or "", outlets or 0, claims)


def _safe(text: str, width: int = 100) -> str:
    text = terminal_safe(text, one_line=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_lines(summary: StorySummary) -> list[str]:
    """The summary as lines of text for the terminal."""
    lines = [f"Story {summary.story_id}: {_safe(summary.label, 80)} ({summary.outlets} outlets)"]
    for c in summary.claims:
        lines.append(
            f"  [{_safe(c.outlet, 30)}] {_safe(c.claim)}\n"
            f"      supported by {c.supports}, disputed by {c.disputes}, silent {c.silent}"
        )
        lines += [f"      conflicting figures: {_safe(x, 160)}" for x in c.conflicts]
    lone = summary.lone_claims
    if lone:
        lines.append("  Resting on one outlet alone:")
        lines += [
            f"    [{_safe(c.outlet, 30)}, {c.source.describe()}] {_safe(c.claim)}" for c in lone
        ]
    return lines
