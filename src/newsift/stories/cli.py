"""`newsift stories CORPUS`: group the corpus's articles into stories (same event, any outlet)."""

from __future__ import annotations

from pathlib import Path

import typer

from newsift.corpus.cli import CORPUS_HELP, _user_errors
from newsift.errors import InputError
from newsift.stories.defaults import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    MULTILINGUAL_THRESHOLD,
)
from newsift.text.safetext import terminal_safe

SHOWN = 20  # stories listed, largest first


def _check(window_days: int, threshold: float) -> None:
    if window_days < 0:
        raise InputError("--window-days", f"must be 0 or more, not {window_days}")
    if not 0.0 <= threshold <= 1.0:
        raise InputError("--threshold", f"must be between 0 and 1, not {threshold}")


@_user_errors
def stories(
    corpus: Path = typer.Argument(..., help=CORPUS_HELP.split(",")[0] + ".", show_default=False),
    window_days: int = typer.Option(
        DEFAULT_WINDOW_DAYS,
        "--window-days",
        help="An article joins stories seen this many days around its date.",
    ),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        help=f"Least similarity (0-1) to a story's centroid to join it (default "
        f"{DEFAULT_THRESHOLD}; {MULTILINGUAL_THRESHOLD} with --multilingual).",
        show_default=False,
    ),
    multilingual: bool = typer.Option(
        False,
        "--multilingual",
        help="Join articles across languages with a sentence encoder (the optional extra "
        "newsift[stories]); slower. Keep to one choice for a corpus.",
    ),
    claims: int = typer.Option(
        0,
        "--claims",
        help="Summarise the claims of this many of the largest stories: per claim, how many "
        "outlets support, dispute or are silent, and the claims that rest on one outlet alone.",
    ),
) -> None:
    """Group the corpus's articles into stories; a rerun assigns only the articles added since.

    Writes the tables `stories`, `story_articles` and `story_claims` (each check-worthy claim
    against each other outlet of its story: supports, disputes or silent) into the corpus's
    DuckDB file; with --claims N, summarises the claims of the N largest stories."""
    from newsift.stories.compare.summary import summary_lines
    from newsift.stories.run import assign_corpus

    if threshold is None:
        threshold = MULTILINGUAL_THRESHOLD if multilingual else DEFAULT_THRESHOLD
    _check(window_days, threshold)
    if claims < 0:
        raise InputError("--claims", f"must be 0 or more, not {claims}")
    outcome = assign_corpus(
        corpus,
        window_days=window_days,
        threshold=threshold,
        summaries=claims,
        multilingual=multilingual,
    )
    typer.echo(
        f"{terminal_safe(str(corpus), one_line=True)}: {outcome.assigned:,} articles assigned "
        f"({outcome.new_stories:,} new stories), {outcome.already:,} already in stories; "
        f"{len(outcome.stories):,} stories in all; {outcome.claim_rows:,} claim comparisons"
        + (
            f"; {outcome.missing:,} articles whose text could not be read again"
            if outcome.missing
            else ""
        )
    )
    for row in outcome.stories[:SHOWN]:
        score = "-" if row.mean_score is None else f"{row.mean_score:.1f}"
        dates = (
            " – ".join(d for d in dict.fromkeys((row.first_date, row.last_date)) if d) or "undated"
        )
        articles = "article " if row.articles == 1 else "articles"
        outlets = "outlet " if row.outlets == 1 else "outlets"
        typer.echo(
            f"  {row.articles:>4} {articles} {row.outlets:>3} {outlets}  score {score:>5}  "
            f"{dates:<23}  {terminal_safe(row.label, one_line=True)[:80]}"
        )
    for summary in outcome.summaries:
        if summary.claims:
            typer.echo("")
            typer.echo("\n".join(summary_lines(summary)))
