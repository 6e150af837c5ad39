"""The report's Stories section, gathered: the largest stories told by several outlets, their
outlets ranked by mean score, and per claim what each other outlet says of it (from
`story_claims`, written by `newsift stories`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsift.corpus.report import stories_sql as sql
from newsift.stories.compare.summary import SourceRecord

if TYPE_CHECKING:
    import duckdb

STORIES_SHOWN = 10
CLAIMS_SHOWN = 12  # rows of one story's matrix; the most disputed and the lone ones first

SUPPORTS, DISPUTES, SILENT = "supports", "disputes", "silent"
OWN = "own"  # the claim's own outlet
NOT_COMPARED = "none"  # an outlet whose text `newsift stories` could not read again


def band_of(score: float | None) -> str:
    from newsift.scoring.points import RELIABLE_AT, UNRELIABLE_BELOW

    if score is None:
        return "none"
    if score >= RELIABLE_AT:
        return "reliable"
    return "unreliable" if score < UNRELIABLE_BELOW else "mixed"


@dataclass(frozen=True)
class StoryOutlet:
    name: str
    articles: int  # in the story
    mean_score: float | None
    source: SourceRecord

    @property
    def band(self) -> str:
        return band_of(self.mean_score)


@dataclass(frozen=True)
class Cell:
    """What one other outlet says of a claim."""

    verdict: str  # supports | disputes | silent | own | none
    evidence: str | None = None  # that outlet's best-matching sentence
    conflict: str | None = None  # the figures that disagree
    note: str | None = None  # why silent or disputed, when the figures do not say it


@dataclass(frozen=True)
class ClaimLine:
    article_id: str
    outlet: str
    claim: str
    cells: dict[str, Cell] = field(default_factory=dict)  # other outlet -> its verdict

    def count(self, verdict: str) -> int:
        return sum(c.verdict == verdict for c in self.cells.values())

    @property
    def lone(self) -> bool:
        """Rests on its outlet alone: no other outlet supports it (as compare/summary.py)."""
        return self.count(SUPPORTS) == 0

    def cell(self, outlet: str) -> Cell:
        if outlet == self.outlet:
            return Cell(OWN)
        return self.cells.get(outlet, Cell(NOT_COMPARED))


@dataclass(frozen=True)
class StoryView:
    id: int
    label: str
    first_date: str | None
    last_date: str | None
    articles: int
    mean_score: float | None
    outlets: list[StoryOutlet]  # best mean score first: the matrix's columns
    claims: list[ClaimLine]  # shown: the most disputed, then the lone ones, then in text order
    claims_total: int
    lone_total: int
    disputed_total: int  # claims at least one other outlet disputes


@dataclass(frozen=True)
class StoriesFigures:
    available: bool  # the corpus has the stories tables
    compared: bool = False  # ... and `story_claims`
    total: int = 0
    multi_outlet: int = 0  # stories told by two outlets or more
    stories: list[StoryView] = field(default_factory=list)
    error: str | None = None  # why the tables could not be read


NO_STORIES = StoriesFigures(available=False)


def _claim_lines(rows: list[tuple]) -> dict[int, list[ClaimLine]]:
    """Claim rows grouped per story and claim, in first-written order."""
    lines: dict[int, dict[tuple[str, str], ClaimLine]] = defaultdict(dict)
    for sid, aid, outlet, claim, other, verdict, evidence, conflict, note in rows:
        key = (aid, claim)
        line = lines[sid].get(key)
        if line is None:
            line = lines[sid][key] = ClaimLine(aid, outlet, claim)
        line.cells.setdefault(other, Cell(verdict, evidence, conflict, note))
    return {sid: list(by_claim.values()) for sid, by_claim in lines.items()}


def _shown(claims: list[ClaimLine], limit: int) -> list[ClaimLine]:
    """The claims most worth a look: disputed by the most outlets, then resting on one alone."""
    order = sorted(
        range(len(claims)), key=lambda i: (-claims[i].count(DISPUTES), not claims[i].lone, i)
    )
    return [claims[i] for i in order[:limit]]


def story_figures(
    con: duckdb.DuckDBPyConnection,
    stories_shown: int = STORIES_SHOWN,
    claims_shown: int = CLAIMS_SHOWN,
) -> StoriesFigures:
    """The Stories section's figures; NO_STORIES when `newsift stories` never ran."""
    import duckdb

    tables = sql.find_tables(con)
    if tables is None:
        return NO_STORIES
    try:
        total, multi = sql.story_counts(con, tables)
        heads = sql.largest_stories(con, tables, stories_shown)
        ids = [row[0] for row in heads]
        outlets: dict[int, list[StoryOutlet]] = defaultdict(list)
        for sid, name, n, score, found, labels, rating in sql.story_outlets(con, tables, ids):
            outlets[sid].append(
                StoryOutlet(name, n, score, SourceRecord(found, labels or "", rating))
            )
        claims = _claim_lines(sql.claim_rows(con, tables, ids))
    except duckdb.Error as exc:  # a table of that name the report cannot read
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return StoriesFigures(available=True, error=reason)
    views = []
    for sid, label, first, last, articles, _, score in heads:
        lines = claims.get(sid, [])
        views.append(
            StoryView(
                id=sid,
                label=label or "",
                first_date=first,
                last_date=last,
                articles=articles,
                mean_score=score,
                outlets=outlets.get(sid, []),
                claims=_shown(lines, claims_shown),
                claims_total=len(lines),
                lone_total=sum(c.lone for c in lines),
                disputed_total=sum(c.count(DISPUTES) > 0 for c in lines),
            )
        )
    return StoriesFigures(
        available=True,
        compared=tables.claims is not None,
        total=total,
        multi_outlet=multi,
        stories=views,
    )


def stories_json(figures: StoriesFigures) -> dict[str, object] | None:
    """The counts for `newsift corpus summary --json`; None when the corpus has no stories."""
    if not figures.available:
        return None
    return {
        "stories": figures.total,
        "multi_outlet_stories": figures.multi_outlet,
        "largest": [
            {
                "label": s.label,
                "articles": s.articles,
                "outlets": len(s.outlets),
                "claims": s.claims_total,
                "disputed_claims": s.disputed_total,
                "lone_claims": s.lone_total,
            }
            for s in figures.stories
        ],
    }
