"""Records -> table rows through the Analyzer. Pure apart from the analysis itself, so the local
and the Ray engine produce the same rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.analyzer import Analyzer
from newsift.corpus.records import BadRecord, Record
from newsift.corpus.schema import count_column
from newsift.document import Document
from newsift.errors import InputError
from newsift.findings import CATEGORIES, Report
from newsift.ingest.files import MAX_BYTES, human_size
from newsift.ingest.formats import from_bytes, from_decoded, override_fields
from newsift.text.domains import registered_domain

NOT_OWN_VOICE = frozenset({"quoted", "furniture"})


@dataclass
class Rows:
    """The rows of one chunk of records, per table."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: Rows) -> None:
        self.articles += other.articles
        self.findings += other.findings
        self.errors += other.errors


def error_row(bad: BadRecord, run_id: str) -> dict[str, Any]:
    return {
        "input": bad.input,
        "position": bad.position,
        "id": bad.id,
        "reason": bad.reason,
        "run_id": run_id,
    }


def _size(record: Record) -> int:
    if record.raw is not None:
        return len(record.raw)
    return len((record.text or record.html or "").encode("utf-8", "surrogatepass"))


def to_document(record: Record) -> Document:
    """The Document of one record, read the way `newsift analyze` reads the same input."""
    name = f"{record.input} ({record.position})"
    if _size(record) > MAX_BYTES:
        raise InputError(name, f"larger than {human_size(MAX_BYTES)}")
    if record.raw is not None:
        doc = from_bytes(record.raw, source_name=name, content_type=record.content_type)
    elif record.html is not None:
        doc = from_decoded(record.html, kind="html", source_name=name)
    else:
        doc = from_decoded(record.text or "", kind="text", source_name=name)
    doc = override_fields(doc, url=record.url, title=record.title)
    if record.date:
        doc.date = record.date
    if not doc.domain and record.source and "." in record.source:
        # A corpus that names outlets by domain: their record applies without a URL.
        doc.domain = registered_domain(record.source)
    return doc


def _voice(evidence: dict[str, Any] | None) -> str:
    return (evidence or {}).get("voice") or "own"


def article_rows(record: Record, report: Report, run_id: str) -> Rows:
    """One `articles` row and its `findings` rows."""
    art, rel, src = report.article, report.reliability, report.source
    counts = Counter(f.category for f in report.findings if _voice(f.evidence) not in NOT_OWN_VOICE)
    article = {
        "id": record.id,
        "input": record.input,
        "position": record.position,
        "url": art.url,
        "domain": art.domain,
        "source": record.source or art.domain,
        "title": art.title,
        "byline": art.byline,
        "date": art.date,
        "language": art.language,
        "words": art.word_count,
        "score": rel.score,
        "band": rel.band,
        "confidence": rel.confidence,
        "method": rel.method,
        **{count_column(c): counts.get(c, 0) for c in CATEGORIES},
        "source_found": src.found,
        "source_labels": ",".join(src.labels),
        "source_rating": src.rating,
        "contributions": json.dumps(report.to_dict()["reliability"]["contributions"]),
        "newsift_version": report.newsift_version,
        "run_id": run_id,
    }
    findings = [
        {
            "article_id": record.id,
            "detector": f.detector,
            "category": f.category,
            "label": f.label,
            "start": f.start,
            "end": f.end,
            "score": f.score,
            "quoted": _voice(f.evidence) == "quoted",
            "voice": _voice(f.evidence),
            "text": art.text[f.start : f.end] if f.start is not None else None,
            "explanation": f.explanation,
        }
        for f in report.findings
    ]
    return Rows([article], findings, [])


def analyse(analyzer: Analyzer, records: Sequence[Record | BadRecord], run_id: str) -> Rows:
    """Rows for a chunk of records. A record that cannot be read or analysed becomes an
    `errors` row; the others are analysed together (the detectors batch their models)."""
    out = Rows()
    docs: list[Document] = []
    good: list[Record] = []
    for record in records:
        if isinstance(record, BadRecord):
            out.errors.append(error_row(record, run_id))
            continue
        try:
            docs.append(to_document(record))
            good.append(record)
        except InputError as exc:
            out.errors.append(error_row(_bad(record, exc.reason), run_id))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop a corpus
            out.errors.append(error_row(_bad(record, f"unreadable: {exc}"), run_id))
    if not docs:
        return out
    try:
        reports = analyzer.analyze_documents(docs)
    except Exception:  # noqa: BLE001 - find the record that fails, keep the rest
        reports = None
    if reports is not None:
        for record, report in zip(good, reports, strict=True):
            out.extend(article_rows(record, report, run_id))
        return out
    for record, doc in zip(good, docs, strict=True):
        try:
            out.extend(article_rows(record, analyzer.analyze_document(doc), run_id))
        except Exception as exc:  # noqa: BLE001
            out.errors.append(error_row(_bad(record, f"analysis failed: {exc}"), run_id))
    return out


def _bad(record: Record, reason: str) -> BadRecord:
    return BadRecord(record.input, record.position, " ".join(str(reason).split()), record.id)


def ids_of(records: Iterable[Record | BadRecord]) -> list[str]:
    return [r.id for r in records if isinstance(r, Record)]
