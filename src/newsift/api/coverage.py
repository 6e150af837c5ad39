"""Coverage for `newsift serve --corpus FILE`: the story of the corpus an analysed article
belongs to (see `newsift.stories.coverage`), added to the report the API returns.

The corpus is opened read-only for each analysis (DuckDB lets several readers share a file), so
the server sees stories that `newsift stories` adds while it runs. A corpus that cannot be read
at that moment (a writer holds it, it was moved) gives a coverage with a note, never a failed
analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsift.errors import InputError


def _locked(reason: str) -> bool:
    return "lock" in reason.lower()


def check_corpus(path: Path) -> str | None:
    """Raise InputError when `path` is not a corpus file; a warning when it exists but cannot be
    checked now (another process is writing it), since it may be readable by the first request.
    """
    from newsift.stories.coverage import check_corpus as check

    if path.is_dir():
        raise InputError(
            str(path), "a directory, not a corpus file (write one with `newsift batch`)"
        )
    try:
        check(path)
    except InputError as exc:
        if not _locked(exc.reason):
            raise
        return f"{path}: another process is writing it; coverage will say so until it can be read"
    return None


def unreadable(corpus: Path, reason: str) -> dict[str, Any]:
    """The coverage of an article when the corpus could not be read for it."""
    reason = " ".join(reason.split())
    if _locked(reason):  # `newsift stories` or `newsift batch` is writing it right now
        reason = f"another process is writing it, try again when it is done ({reason})"
    note = f"the corpus could not be read for this analysis: {reason}"
    return {"corpus": str(corpus), "note": note, "story": None, "articles": [], "claims": []}


def coverage_of(corpus: Path, doc: Any, report: Any) -> dict[str, Any]:
    """`report`'s coverage in `corpus` as JSON-ready data (the contract of `Coverage.to_dict`)."""
    import duckdb

    from newsift.stories.coverage import find_coverage  # the stories code loads on first use

    try:
        return find_coverage(corpus, doc, report).to_dict()
    except InputError as exc:
        return unreadable(corpus, exc.reason)
    except (duckdb.Error, OSError) as exc:  # e.g. a lock taken between opening and reading
        return unreadable(corpus, str(exc) or type(exc).__name__)
