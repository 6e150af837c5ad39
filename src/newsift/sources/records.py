"""What the source database gives back: a stored record (labels, rating, where it comes
from), the records that match one domain resolved into labels and rating, an import's summary."""

from __future__ import annotations

from dataclasses import dataclass

from newsift.findings import SourceInfo
from newsift.sources.importers import RATINGS_NOTICE, RATINGS_ORIGIN

TIER_USER, TIER_IMPORT, TIER_BUNDLED = 0, 1, 2


@dataclass(frozen=True)
class StoredRecord:
    key: str
    tier: int
    origin: str
    labels: list[str]
    reasons: list[str]
    notes: str | None
    updated: str
    file: str | None = None  # the imported file, for tier 1
    rating: float | None = None  # 0..1
    rating_source: str | None = None
    rating_reason: str | None = None

    @property
    def user_override(self) -> bool:
        return self.tier == TIER_USER

    def describe_origin(self) -> str:
        """Where the record comes from, in words."""
        if self.tier == TIER_USER:
            return f"your own entry (newsift sources set, {self.updated})"
        if self.tier == TIER_IMPORT:
            fmt = self.origin.split(":", 1)[-1]
            return f"imported file {self.file} (format {fmt}, {self.updated})"
        if self.origin == RATINGS_ORIGIN:
            return (
                "bundled domain quality ratings (Lin et al. 2023, PNAS Nexus; Burdisso et al. "
                f"2024, NAACL; see newsift/sources/data/{RATINGS_NOTICE})"
            )
        return (
            "bundled OpenSources list (opensources.co, 2017; GNU LGPL v3, "
            "see newsift/sources/data/OPENSOURCES-NOTICE.md)"
        )


@dataclass(frozen=True)
class Resolved:
    """What the database says about one domain: every matching record, the one that applies
    first, and which of them gives the labels and which the rating."""

    records: list[StoredRecord]
    labelled: StoredRecord | None  # the first record with labels
    rated: StoredRecord | None  # the first record with a rating

    @classmethod
    def of(cls, records: list[StoredRecord]) -> Resolved:
        labelled = next((r for r in records if r.labels), None)
        rated = next((r for r in records if r.rating is not None), None)
        return cls(records, labelled, rated)

    @property
    def primary(self) -> StoredRecord | None:
        """The record that names the domain and origin: the labelled one, else the rated one."""
        return self.labelled or self.rated

    @property
    def others(self) -> list[StoredRecord]:
        """The matching records but the primary one, the one that applies first first."""
        return [r for r in self.records if r is not self.primary]

    @property
    def user_override(self) -> bool:
        return any(r is not None and r.user_override for r in (self.labelled, self.rated))

    def to_info(self, domain: str | None) -> SourceInfo:
        best = self.primary
        if best is None:
            return SourceInfo(domain=domain, found=False)
        labelled, rated = self.labelled, self.rated
        return SourceInfo(
            domain=best.key,
            found=True,
            labels=list(labelled.labels) if labelled else [],
            reasons=list(labelled.reasons) if labelled else [],
            origin=best.origin,
            notes=best.notes,
            user_override=self.user_override,
            rating=rated.rating if rated else None,
            rating_reason=rated.rating_reason if rated else None,
        )


@dataclass(frozen=True)
class ImportSummary:
    batch: int
    replaced: bool  # the same file had been imported before and its rows were replaced
