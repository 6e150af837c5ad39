"""The data of a report's `coverage` section: the article's story in a corpus, the same story's
articles from other outlets, and how those outlets treat each of its check-worthy claims.

Plain frozen dataclasses whose fields are the JSON keys, so `to_dict()` is exactly the JSON and
the report's JSON schema (built from the dataclasses) describes it. Kept apart from the code
that finds the coverage, so `newsift.findings` can import it without DuckDB or the models.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Verdict = Literal["supports", "disputes", "silent"]


@dataclass(frozen=True)
class CoverageStory:
    """The story the article belongs to (or is most like)."""

    id: int
    label: str
    first_date: str | None
    last_date: str | None
    articles: int
    outlets: int
    similarity: float  # the article's similarity to the story when it joined or was matched
    in_corpus: bool  # the article itself is one of the corpus's articles (same id or URL)


@dataclass(frozen=True)
class CoverageSource:
    """An outlet's record in the reputation database, as the corpus recorded it."""

    found: bool
    labels: list[str] = field(default_factory=list)
    rating: float | None = None  # 0 lowest .. 1 highest; None: not rated
    description: str = "no source record"  # one line for a reader


@dataclass(frozen=True)
class CoverageArticle:
    """One article of the story from another outlet."""

    article_id: str
    title: str
    outlet: str
    url: str | None
    date: str | None
    score: float | None
    band: str | None
    source: CoverageSource


@dataclass(frozen=True)
class OutletVerdict:
    """What one other outlet of the story says of one claim."""

    outlet: str
    verdict: Verdict
    evidence: str | None  # its sentence that reports the claim, if any
    conflict: str | None  # figures that disagree, described
    note: str | None  # why silent or disputed, when the figures do not say it


@dataclass(frozen=True)
class CoverageClaim:
    """One check-worthy claim of the article against each other outlet of its story."""

    claim: str
    supports: int
    disputes: int
    silent: int
    lone: bool  # no other outlet supports it: it rests on this outlet alone
    outlets: list[OutletVerdict] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    """The `coverage` section of a report, from `find_coverage`."""

    corpus: str  # the corpus path as given
    note: str | None = None  # why there is no story, or how it was matched
    story: CoverageStory | None = None
    articles: list[CoverageArticle] = field(default_factory=list)  # best first
    claims: list[CoverageClaim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
