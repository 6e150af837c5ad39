"""The Analyzer runs the registered detectors over Documents and assembles Reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsift import __version__, scoring
from newsift import detectors as _detectors
from newsift.document import Document
from newsift.findings import ArticleInfo, Finding, Report, Skipped
from newsift.ingest.language import name_of
from newsift.text import furniture, voice

METHODS = ("learned-v1", "rules-v0")
DEFAULT_METHOD = "learned-v1"


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
        language=doc.language,
        language_confidence=doc.language_confidence,
    )


def runs_on(detector: _detectors.Detector, language: str | None) -> bool:
    """Whether `detector` supports `language`. An unidentified language (None) runs every
    detector, as before languages were told apart: nothing shows the text is not English."""
    supported = getattr(detector, "languages", None)
    return supported is None or language is None or language in supported


def skip_reason(detector: _detectors.Detector, language: str) -> str:
    supported = sorted(detector.languages or ())  # type: ignore[attr-defined]
    if supported == ["en"]:
        trained = "trained on English text only"
    else:
        trained = "supports only " + ", ".join(f"{name_of(c)} ({c})" for c in supported)
    return f"{trained}; the article is in {name_of(language)} ({language})"


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Document-level findings first, then spans in reading order."""
    return sorted(findings, key=lambda f: (f.start is not None, f.start or 0, f.end or 0))


class Analyzer:
    """Runs detectors (all built-in ones by default) and scores the result.

    `detectors` mixes names (built-in or plug-in, see `newsift.detectors.base`) and detector
    instances, so a program can add its own detector without touching the registry; findings of
    a detector no scoring rule knows are listed at 0 points. One Analyzer can be reused for any
    number of documents; detectors load their models once.
    """

    def __init__(
        self,
        detectors: Sequence[str | _detectors.Detector] | None = None,
        method: str = DEFAULT_METHOD,
    ) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown reliability method {method!r}; known: {', '.join(METHODS)}")
        self.detectors = _detectors.load(detectors)
        self.method = method

    def score(self, findings: Sequence[Finding], doc: Document):
        """The reliability of `doc` by this analyzer's method (learned-v1 unless told)."""
        if self.method == "rules-v0":
            return scoring.score(findings, doc)
        from newsift.reliability.score import score as learned

        return learned(findings, doc)

    @property
    def versions(self) -> dict[str, str]:
        return {d.name: str(getattr(d, "version", "1")) for d in self.detectors}

    def analyze_document(self, doc: Document) -> Report:
        return self.analyze_documents([doc])[0]

    def analyze_documents(self, docs: Sequence[Document]) -> list[Report]:
        per_doc: list[list[Finding]] = [[] for _ in docs]
        skipped: list[list[Skipped]] = [[] for _ in docs]
        languages = [doc.language for doc in docs]
        for detector in self.detectors:
            # A detector only sees the documents in a language it supports; the rest list it
            # as skipped rather than get an English model's verdict on, say, Russian text.
            chosen = [i for i, lang in enumerate(languages) if runs_on(detector, lang)]
            chosen_set = set(chosen)
            for i in range(len(docs)):
                if i not in chosen_set:
                    reason = skip_reason(detector, languages[i])  # type: ignore[arg-type]
                    skipped[i].append(Skipped(detector.name, reason))
            if not chosen:
                continue
            batch = docs if len(chosen) == len(docs) else [docs[i] for i in chosen]
            for i, found in zip(chosen, detector.detect_batch(batch), strict=True):
                per_doc[i].extend(found)
        return [
            self._report(doc, found, skip)
            for doc, found, skip in zip(docs, per_doc, skipped, strict=True)
        ]

    def _report(self, doc: Document, found: list[Finding], skipped: list[Skipped]) -> Report:
        # Whose words each span finding is on: page furniture (a masthead, a credit, a
        # dateline) first, then quotations and reported speech; the outlet's own voice is
        # what is left unmarked. Order and count stay: contributions refer to indices.
        ordered = voice.mark_voice(doc, furniture.mark_furniture(doc, _ordered(found)))
        not_run = {s.detector for s in skipped}
        return Report(
            article=_article_info(doc),
            reliability=self.score(ordered, doc),
            findings=ordered,
            source=doc.source_record(),
            detectors={n: v for n, v in self.versions.items() if n not in not_run},
            newsift_version=__version__,
            skipped=skipped,
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
