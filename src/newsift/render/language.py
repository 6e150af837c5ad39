"""The report's language and skipped detectors in words, shared by the terminal and HTML."""

from __future__ import annotations

from newsift.findings import ArticleInfo, Report
from newsift.ingest.language import name_of


def language_label(article: ArticleInfo) -> str:
    """E.g. "Russian (ru, confidence 0.93)", or "language not identified"."""
    if article.language is None:
        return "language not identified"
    label = f"{name_of(article.language)} ({article.language}"
    if article.language_confidence is not None:
        label += f", confidence {article.language_confidence:.2f}"
    return label + ")"


def skip_line(report: Report) -> str | None:
    """One line naming every skipped detector, grouped by reason; None when all ran.

    E.g. "Skipped (article in Russian): clickbait, propaganda — trained on English text only."
    """
    code = report.article.language
    # The Analyzer's reasons end with the article's language: say it once, up front.
    tail = f"; the article is in {name_of(code)} ({code})" if code else None
    by_reason: dict[str, list[str]] = {}
    for s in report.skipped:
        reason = s.reason.removesuffix(tail) if tail else s.reason
        by_reason.setdefault(reason, []).append(s.detector)
    if not by_reason:
        return None
    in_language = tail is not None and any(s.reason.endswith(tail) for s in report.skipped)
    head = f"Skipped (article in {name_of(code)})" if in_language else "Skipped"
    parts = [f"{', '.join(names)} — {reason}" for reason, names in by_reason.items()]
    return f"{head}: " + "; ".join(parts) + "."
