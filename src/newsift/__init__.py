"""newsift: how far to trust a news article, and why. Offline.

>>> from newsift import analyze
>>> report = analyze(text_or_html, url="https://example.org/story")
>>> report.reliability.score
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsift.analyzer import Analyzer
    from newsift.findings import Report

_default: Analyzer | None = None


def analyze(
    text_or_html: str,
    *,
    url: str | None = None,
    title: str | None = None,
    claim: str | None = None,
) -> Report:
    """Analyse one article given as plain text or HTML with the default detectors."""
    global _default
    if _default is None:
        from newsift.analyzer import Analyzer

        _default = Analyzer()
    return _default.analyze(text_or_html, url=url, title=title, claim=claim)


def __getattr__(name: str):  # lazy public names keep `import newsift` fast
    if name == "Analyzer":
        from newsift.analyzer import Analyzer

        return Analyzer
    if name in {"Report", "Finding", "Reliability"}:
        from newsift import findings

        return getattr(findings, name)
    if name == "Document":
        from newsift.document import Document

        return Document
    raise AttributeError(name)


__all__ = ["Analyzer", "Document", "Finding", "Reliability", "Report", "analyze", "__version__"]
