"""`newsift corpus summary`: the report's key figures as a few rich tables.

Corpus strings go in as `Text` (never parsed as rich markup) and through `terminal_safe` (their
control characters are shown, not obeyed by the terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsift.corpus.report.collect import CorpusFigures
from newsift.corpus.report.figures import BANDS
from newsift.text.safetext import terminal_safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

BAND_STYLES = {"reliable": "green", "mixed": "yellow", "unreliable": "red"}
OUTLETS_SHOWN = 10


def _text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(terminal_safe(str(value), one_line=True), style=style)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _stories(figures: CorpusFigures) -> str:
    stories = figures.stories
    if not stories.available:
        return "none yet (newsift stories CORPUS)"
    return f"{stories.total:,} ({stories.multi_outlet:,} told by two outlets or more)"


def print_summary(figures: CorpusFigures, console: Console) -> None:
    from rich.table import Table

    head = figures.headline
    overview = Table(title=_text(f"Corpus {figures.name}", "bold"), show_header=False)
    overview.add_column("figure", style="dim")
    overview.add_column("value")
    dates = f"{head.first_date} – {head.last_date}" if head.first_date else "no dates"
    for name, value in (
        ("Articles", f"{head.articles:,}"),
        ("Outlets", f"{head.outlets:,}"),
        ("Words", f"{head.words:,}"),
        ("Mean score", f"{_score(head.mean_score)} (points, 0-100)"),
        ("Dates", f"{dates} ({head.dated_articles:,} dated)"),
        ("Errors", f"{head.errors:,}"),
        ("Runs", f"{head.runs:,}"),
        ("Stories", _stories(figures)),
    ):
        overview.add_row(name, _text(value))
    console.print(overview)

    bands = Table(title="Score bands")
    bands.add_column("band")
    bands.add_column("articles", justify="right")
    bands.add_column("share", justify="right")
    for band in BANDS:
        share = f"{100 * head.band_share(band):.1f}%"
        bands.add_row(_text(band, BAND_STYLES[band]), f"{head.band_counts[band]:,}", share)
    console.print(bands)

    if figures.outlets:
        shown = figures.outlets[:OUTLETS_SHOWN]
        outlets = Table(title=f"Top {len(shown)} outlets by articles")
        for column, justify in (("outlet", "left"), ("articles", "right"), ("mean", "right")):
            outlets.add_column(column, justify=justify)  # type: ignore[arg-type]
        for band in BANDS:
            outlets.add_column(band, justify="right", style=BAND_STYLES[band])
        outlets.add_column("source record")
        for o in shown:
            outlets.add_row(
                _text(o.name),
                f"{o.articles:,}",
                _score(o.mean_score),
                *(f"{100 * o.band_share(band):.0f}%" for band in BANDS),
                _text(o.source.describe()),
            )
        console.print(outlets)

    if figures.techniques:
        techniques = Table(title="Top propaganda techniques (own voice)")
        techniques.add_column("technique")
        techniques.add_column("findings", justify="right")
        techniques.add_column("articles", justify="right")
        for t in figures.techniques:
            techniques.add_row(_text(t.technique), f"{t.findings:,}", f"{t.articles:,}")
        console.print(techniques)

    if figures.errors:
        errors = Table(title=f"Errors: {head.errors:,} records")
        errors.add_column("reason")
        errors.add_column("records", justify="right")
        for e in figures.errors[:5]:
            errors.add_row(_text(e.reason), f"{e.count:,}")
        console.print(errors)
    else:
        console.print("Errors: none")
