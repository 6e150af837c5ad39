"""The report data model: Finding (the one currency), Reliability, Report and its JSON schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any, Literal

from newsift.stories.coverage_model import Coverage

# 1.1: article.language, article.language_confidence, skipped
# 1.2: source.rating (0..1 domain quality, or null) and source.rating_reason (its source and
#      citation); a source may be found with a rating and no labels
# 1.3: coverage (optional: the article's story in a corpus, with `analyze --corpus`)
SCHEMA_VERSION = "1.3"

_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """A copy of a JSON-like value, as `dataclasses.asdict` copies field values (lists, tuples
    and dicts rebuilt, anything else deep-copied) but without its per-value dataclass checks:
    serialising a report is on the hot path of the API."""
    cls = type(value)
    if cls in _ATOMS:
        return value
    if cls is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if cls is list:
        return [_plain(v) for v in value]
    if cls is tuple:
        return tuple(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return copy.deepcopy(value)


Level = Literal["span", "sentence", "article", "source"]
Band = Literal["reliable", "mixed", "unreliable"]

# Categories group findings for the score breakdown, the colour legend and filtering.
CATEGORIES: dict[str, str] = {
    "propaganda": "Propaganda techniques and loaded or emotive wording",
    "fundraising": "Requests for money inside the article",
    "self_promotion": "Claims of the outlet's own neutrality or independence",
    "sourcing": "Byline, attribution of facts, anonymous sources",
    "headline": "Clickbait headline",
    "text_quality": "Encoding damage, shouting capitals, excessive exclamation marks",
    "claims": "Check-worthy factual claims",
    "stance": "The article's stance toward a given claim",
    "tone": "Hyperpartisan tone",
    "source": "The publisher's record in the reputation database",
}


@dataclass(frozen=True)
class Finding:
    """One observation a detector makes, pointing at evidence in the text.

    `start`/`end` are character offsets into `Document.text` (end exclusive); a document-level
    finding has neither. `explanation` is one sentence a reader understands.
    """

    detector: str
    category: str
    label: str
    explanation: str
    score: float = 1.0
    start: int | None = None
    end: int | None = None
    level: Level = "span"
    evidence: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError("a Finding has both start and end, or neither")
        if self.start is not None and not 0 <= self.start <= self.end:  # type: ignore[operator]
            raise ValueError(f"bad span {self.start}..{self.end}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} outside 0..1")

    def to_dict(self) -> dict[str, Any]:
        """As `dataclasses.asdict(self)`, written out because reports hold many findings."""
        return {
            "detector": self.detector,
            "category": self.category,
            "label": self.label,
            "explanation": self.explanation,
            "score": self.score,
            "start": self.start,
            "end": self.end,
            "level": self.level,
            "evidence": _plain(self.evidence),
        }


@dataclass(frozen=True)
class Contribution:
    """Points one signal adds to (or removes from) the neutral starting score."""

    signal: str
    category: str
    points: float
    explanation: str
    findings: list[int] = field(default_factory=list)  # indices into Report.findings


@dataclass(frozen=True)
class Reliability:
    score: float  # 0-100, higher = more trustworthy
    band: Band
    confidence: float  # 0-1: how much evidence the score rests on
    baseline: float  # the neutral starting point; baseline + sum(points) == score (before clipping)
    contributions: list[Contribution]
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band,
            "confidence": self.confidence,
            "baseline": self.baseline,
            "contributions": [
                {
                    "signal": c.signal,
                    "category": c.category,
                    "points": c.points,
                    "explanation": c.explanation,
                    "findings": _plain(c.findings),
                }
                for c in self.contributions
            ],
            "method": self.method,
        }


@dataclass(frozen=True)
class ArticleInfo:
    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    domain: str | None = None
    source_name: str = "<text>"
    input_format: str = "text"
    word_count: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    repairs: list[dict[str, Any]] = field(default_factory=list)
    language: str | None = None  # ISO 639-1; None when the text is too short or ambiguous
    language_confidence: float | None = None  # 0-1

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "url": self.url,
            "domain": self.domain,
            "source_name": self.source_name,
            "input_format": self.input_format,
            "word_count": self.word_count,
            "sentences": _plain(self.sentences),
            "repairs": _plain(self.repairs),
            "language": self.language,
            "language_confidence": self.language_confidence,
        }


@dataclass(frozen=True)
class SourceInfo:
    """The publisher's record. `found` is False when the domain is in no list.

    A record has labels (with one reason each), a quality rating, or both. `origin` and
    `domain` are those of the record giving the labels, else of the one giving the rating;
    `user_override` is set when either comes from the user's own entry.
    """

    domain: str | None
    found: bool = False
    labels: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    origin: str | None = None  # "bundled:opensources", "bundled:ratings", "user", "import:mbfc"...
    notes: str | None = None
    user_override: bool = False
    rating: float | None = None  # domain quality, 0 lowest .. 1 highest; None: not rated
    rating_reason: str | None = None  # where the rating comes from, with its citation

    def to_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "found": self.found,
            "labels": _plain(self.labels),
            "reasons": _plain(self.reasons),
            "origin": self.origin,
            "notes": self.notes,
            "user_override": self.user_override,
            "rating": self.rating,
            "rating_reason": self.rating_reason,
        }


@dataclass(frozen=True)
class Skipped:
    """A detector that did not run on this article, and why (e.g. the article's language)."""

    detector: str
    reason: str


@dataclass(frozen=True)
class Report:
    article: ArticleInfo
    reliability: Reliability
    findings: list[Finding]
    source: SourceInfo
    detectors: dict[str, str]  # name -> version of every detector that ran
    schema_version: str = SCHEMA_VERSION
    newsift_version: str = ""
    skipped: list[Skipped] = field(default_factory=list)  # detectors that did not run, and why
    # The article's story in a corpus (`analyze --corpus`); absent from the JSON when None.
    coverage: Coverage | None = None

    def __post_init__(self) -> None:
        # Unset, the field reads the class default (None) but is not in the instance's
        # __dict__, which is what orjson writes (the API): such a report's JSON stays as it was.
        if self.coverage is None:
            self.__dict__.pop("coverage", None)

    def to_dict(self) -> dict[str, Any]:
        """As `dataclasses.asdict(self)`, several times faster; "coverage" only when set."""
        out = {
            "article": self.article.to_dict(),
            "reliability": self.reliability.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "source": self.source.to_dict(),
            "detectors": _plain(self.detectors),
            "schema_version": self.schema_version,
            "newsift_version": self.newsift_version,
            "skipped": [{"detector": s.detector, "reason": s.reason} for s in self.skipped],
        }
        if self.coverage is not None:
            out["coverage"] = self.coverage.to_dict()
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return "".join(self.iter_json(indent))

    def iter_json(self, indent: int | None = 2) -> Iterator[str]:
        """`to_json()` in pieces, each one safe to write: the report of a 10 MB article, built
        as one string, was held several times over (copies for the encoder, the surrogate
        scrub, the terminal guard and the UTF-8 encoding)."""
        from newsift.render.pieces import join_in_pieces
        from newsift.text.safetext import scrub_surrogates  # a lone surrogate cannot be written

        encoder = json.JSONEncoder(ensure_ascii=False, indent=indent)
        # A string value is one token of iterencode, so no surrogate pair is cut in two.
        return map(scrub_surrogates, join_in_pieces(encoder.iterencode(self.to_dict())))


def report_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a serialised Report, versioned by SCHEMA_VERSION."""
    from pydantic import TypeAdapter  # imported lazily: only `newsift schema` and the API need it

    schema = TypeAdapter(Report).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsift.invalid/schema/report-{SCHEMA_VERSION}.json"
    schema["title"] = "newsift Report"
    return schema
