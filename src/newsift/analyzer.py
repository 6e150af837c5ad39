"""The Analyzer runs the registered detectors over Documents and assembles Reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsift import __version__, detectors, scoring, sources
from newsift.document import Document
from newsift.findings import ArticleInfo, Finding, Report


def _article_info(doc: Document) -> ArticleInfo:
    return ArticleInfo(
        text=doc.text,
        title=doc.title,
        byline=doc.byline,
        date=doc.date,
        url=doc.url,
        domain=doc.domain,
        source_name=doc.source_name,
        input_format=doc.input_format,
        word_count=doc.word_count,
        sentences=[(s.start, s.end) for s in doc.sentences],
        repairs=[r.to_dict() for r in doc.repairs],
    )


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Document-level findings first, then spans in reading order."""
    return sorted(findings, key=lambda f: (f.start is not None, f.start or 0, f.end or 0))


class Analyzer:
    """Runs detectors (all registered ones by default) and scores the result.

    One Analyzer can be reused for any number of documents; detectors load their models once.
    """

    def __init__(self, detector_names: Sequence[str] | None = None) -> None:
        self.detectors = detectors.load(detector_names)

    @property
    def versions(self) -> dict[str, str]:
        return {d.name: d.version for d in self.detectors}

    def analyze_document(self, doc: Document) -> Report:
        return self.analyze_documents([doc])[0]

    def analyze_documents(self, docs: Sequence[Document]) -> list[Report]:
        per_doc: list[list[Finding]] = [[] for _ in docs]
        for detector in self.detectors:
            for i, found in enumerate(detector.detect_batch(docs)):
                per_doc[i].extend(found)
        return [self._report(doc, found) for doc, found in zip(docs, per_doc, strict=True)]

    def _report(self, doc: Document, found: list[Finding]) -> Report:
        ordered = _ordered(found)
        return Report(
            article=_article_info(doc),
            reliability=scoring.score(ordered, doc),
            findings=ordered,
            source=sources.lookup(doc.url or doc.domain),
            detectors=self.versions,
            newsift_version=__version__,
        )

    def analyze(
        self,
        text_or_html: str,
        *,
        url: str | None = None,
        title: str | None = None,
        claim: str | None = None,
    ) -> Report:
        """Analyse a string of plain text or HTML (sniffed)."""
        from newsift.ingest import from_string

        doc = from_string(text_or_html, url=url, title=title)
        doc.claim = claim
        return self.analyze_document(doc)
