"""The corpus report: one self-contained HTML page (inline CSS and SVG; nothing to fetch).

Every string from the corpus (titles, outlets, explanations, error reasons, URLs) goes through
`_t` (html.escape); a link is made only of an http(s) URL.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsift import __version__
from newsift.corpus.report import charts
from newsift.corpus.report.collect import CorpusFigures
from newsift.corpus.report.figures import BANDS, Outlet, Run
from newsift.corpus.report.lowest import LowArticle
from newsift.corpus.report.stories_page import stories_section
from newsift.corpus.report.style import CSS
from newsift.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MINUS = "\u2212"


def _t(text: object) -> str:
    """Untrusted text as HTML text (control characters dropped)."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _band_of(score: float | None) -> str:
    from newsift.scoring.points import RELIABLE_AT, UNRELIABLE_BELOW

    if score is None:
        return "none"
    return (
        "reliable"
        if score >= RELIABLE_AT
        else "unreliable"
        if score < UNRELIABLE_BELOW
        else "mixed"
    )


def _points(value: float) -> str:
    return f"{MINUS if value < 0 else '+'}{abs(value):.1f}"


def _band_bar(counts: dict[str, int], total: int, wide: bool = False) -> str:
    """Band shares as one stacked bar, with the percentages under it (named when `wide`)."""
    if not total:
        return '<span class="muted">–</span>'
    parts = "".join(
        f'<span class="seg {band}" style="width:{100 * counts.get(band, 0) / total:.2f}%"></span>'
        for band in BANDS
    )
    words = " · ".join(f"{_pct(counts.get(band, 0) / total)} {band}" for band in BANDS)
    short = " · ".join(_pct(counts.get(band, 0) / total) for band in BANDS)
    shown = words if wide else short
    return f'<div class="bandbar" title="{words}">{parts}</div><div class="tiny">{shown}</div>'


def _tile(label: str, value: str, note: str = "", cls: str = "") -> str:
    note_html = f'<div class="tile-note">{note}</div>' if note else ""
    return (
        f'<div class="tile {cls}"><div class="tile-label">{label}</div>'
        f'<div class="tile-value">{value}</div>{note_html}</div>'
    )


def _headline(figures: CorpusFigures) -> str:
    head = figures.headline
    dates = (
        f"{_t(head.first_date)} – {_t(head.last_date)}"
        if head.first_date
        else '<span class="muted">no dates</span>'
    )
    reasons = "; ".join(f"{_t(reason)} ({count:,})" for reason, count in head.error_reasons)
    tiles = [
        _tile("Articles", f"{head.articles:,}", f"{head.words:,} words"),
        _tile("Outlets", f"{head.outlets:,}"),
        _tile(
            "Mean score",
            _score(head.mean_score),
            "points, 0–100",
            f"band-{_band_of(head.mean_score)}",
        ),
        *(
            _tile(
                band.capitalize(),
                _pct(head.band_share(band)),
                f"{head.band_counts.get(band, 0):,} articles",
                f"band-{band}",
            )
            for band in BANDS
        ),
        _tile("Dates", dates, f"{head.dated_articles:,} dated articles", "wide"),
        _tile("Errors", f"{head.errors:,}", reasons or "records that could not be read", "wide"),
    ]
    bar = _band_bar(head.band_counts, head.articles, wide=True)
    return (
        f'<section class="tiles">{"".join(tiles)}</section>'
        f'<section class="card"><h2>Articles by band</h2>{bar}</section>'
    )


def _chart_card(title: str, svg: str | None, note: str, caption: str = "") -> str:
    """A card holding one chart (which carries its own title), or the note saying why not."""
    body = svg if svg else f'<h2>{title}</h2><p class="note">{note}</p>'
    cap = f'<p class="caption">{caption}</p>' if caption else ""
    return f'<section class="card chart-card" aria-label="{title}">{body}{cap}</section>'


def _charts(figures: CorpusFigures) -> str:
    head, timeline = figures.headline, figures.timeline
    scored = sum(figures.score_bins)
    histogram = charts.score_histogram(figures.score_bins, head.mean_score) if scored else None
    over_time = charts.score_timeline(timeline) if not timeline.empty else None
    undated = f"{timeline.undated:,} articles without a usable date are left out."
    return (
        '<div class="two">'
        + _chart_card("Score distribution", histogram, "The corpus has no scored articles yet.")
        + _chart_card(
            "Scores over time",
            over_time,
            "No article has a date (YYYY-MM-DD), so there is no chart over time.",
            undated if over_time and timeline.undated else "",
        )
        + "</div>"
    )


def _techniques(items: list[tuple[str, int]]) -> str:
    if not items:
        return '<span class="muted">none</span>'
    return ", ".join(f"{_t(name)} <span class='muted'>({n:,})</span>" for name, n in items)


def _outlet_row(outlet: Outlet) -> str:
    band = _band_of(outlet.mean_score)
    record = outlet.source.describe()
    muted = "" if outlet.source.found else ' class="muted"'
    return (
        f'<tr><td class="name">{_t(outlet.name)}</td><td class="num">{outlet.articles:,}</td>'
        f'<td class="num"><span class="chip {band}">{_score(outlet.mean_score)}</span></td>'
        f"<td>{_band_bar(outlet.band_counts, outlet.articles)}</td>"
        f"<td{muted}>{_t(record)}</td><td>{_techniques(outlet.techniques)}</td></tr>"
    )


def _outlets(figures: CorpusFigures) -> str:
    if not figures.outlets:
        return ""
    shown = len(figures.outlets)
    more = figures.headline.outlets - shown
    note = f" ({more:,} more with fewer articles not shown)" if more > 0 else ""
    rows = "".join(map(_outlet_row, figures.outlets))
    return (
        f'<section class="card"><h2>Outlets — the {shown:,} with the most articles{note}</h2>'
        '<table class="outlets"><thead><tr><th>Outlet</th><th class="num">Articles</th>'
        '<th class="num">Mean score</th><th>Bands: reliable · mixed · unreliable</th>'
        "<th>Source record</th>"
        "<th>Most frequent techniques (own voice, findings)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _heatmap(figures: CorpusFigures) -> str:
    matrix = figures.matrix
    svg = charts.technique_heatmap(matrix) if not matrix.empty else None
    return _chart_card(
        "Propaganda techniques by outlet",
        svg,
        "No propaganda technique was found in the outlets' own voice.",
        "Each cell: findings of the technique in the outlet's own voice (quotes left out) per "
        "1,000 words of its articles; up to the 20 outlets with the most articles.",
    )


def _article_cell(article: LowArticle) -> str:
    title = article.title.strip() if article.title and article.title.strip() else None
    shown = _t(title) if title else f'<span class="muted">{_t(article.id)}</span>'
    url = article.url or ""
    if urlsplit(url).scheme.lower() in ("http", "https"):
        shown = f'<a href="{_t(url)}" rel="noopener noreferrer" target="_blank">{shown}</a>'
    return shown + (f'<div class="tiny muted">{_t(article.id)}</div>' if title else "")


def _lowest_row(rank: int, article: LowArticle) -> str:
    items = "".join(
        f'<li><span class="pts">{_points(c.points)}</span> {_t(c.explanation or c.signal)}</li>'
        for c in article.contributions
    )
    reasons = f'<ul class="contribs">{items}</ul>' if items else '<span class="muted">–</span>'
    band = _band_of(article.score)
    return (
        f'<tr><td class="num muted">{rank}</td>'
        f'<td class="num"><span class="chip {band}">{_score(article.score)}</span></td>'
        f'<td class="title">{_article_cell(article)}</td><td>{_t(article.outlet)}</td>'
        f"<td>{reasons}</td></tr>"
    )


def _lowest(figures: CorpusFigures) -> str:
    if not figures.lowest:
        return ""
    rows = "".join(_lowest_row(i, a) for i, a in enumerate(figures.lowest, 1))
    return (
        f'<section class="card"><h2>The {len(figures.lowest)} lowest-scored articles</h2>'
        '<table class="lowest"><thead><tr><th class="num">#</th><th class="num">Score</th>'
        "<th>Article</th><th>Outlet</th><th>Main contributions (points)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _errors(figures: CorpusFigures) -> str:
    head = figures.headline
    if not head.errors:
        body = '<p class="note">No record failed.</p>'
    else:
        rows = "".join(
            f'<tr><td>{_t(e.reason)}</td><td class="num">{e.count:,}</td>'
            f'<td class="muted">{_t(e.example)}</td></tr>'
            for e in figures.errors
        )
        body = (
            '<table><thead><tr><th>Reason</th><th class="num">Records</th><th>For example</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    return f'<section class="card"><h2>Errors — {head.errors:,} records</h2>{body}</section>'


_ISO_MINUTE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")


def _when(stamp: str | None, missing: str) -> str:
    """An ISO 8601 time as 'YYYY-MM-DD HH:MM' (the full value on hover)."""
    if not stamp:
        return f'<span class="muted">{missing}</span>'
    match = _ISO_MINUTE.match(stamp)
    shown = f"{match.group(1)} {match.group(2)}" if match else stamp
    return f'<span title="{_t(stamp)}">{_t(shown)}</span>'


def _run_row(run: Run) -> str:
    cells = [
        f'<td class="when">{_when(run.started, "–")}</td>',
        f'<td class="when">{_when(run.ended, "unfinished")}</td>',
        f"<td>{_t(run.engine or '–')}</td>",
        f'<td class="num">{run.workers or "–"}</td>',
        *(f'<td class="num">{n:,}</td>' for n in (run.articles, run.errors, run.skipped)),
        f"<td>{_t(run.version or '–')}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _runs(figures: CorpusFigures) -> str:
    head = figures.headline
    if not figures.runs:
        body = '<p class="note">No run recorded.</p>'
    else:
        heads = "".join(
            f'<th class="num">{h}</th>' if h in ("Workers", "Articles", "Errors", "Skipped")
            else f"<th>{h}</th>"
            for h in ("Started (UTC)", "Ended", "Engine", "Workers", "Articles", "Errors",
                      "Skipped", "Version")
        )  # fmt: skip
        rows = "".join(map(_run_row, figures.runs))
        body = f"<table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
    latest = f" (the latest {len(figures.runs)})" if head.runs > len(figures.runs) else ""
    return f'<section class="card"><h2>Runs — {head.runs:,}{latest}</h2>{body}</section>'


def render_page(figures: CorpusFigures) -> str:
    """The whole report as one HTML string."""
    name = _t(figures.name)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsift corpus report — {name}</title><style>{CSS}</style></head><body>"
        '<header class="topbar"><div class="brand"><span class="logo" aria-hidden="true">◎</span>'
        '<span class="name">newsift</span><span class="tagline">Corpus report</span></div>'
        f'<div class="topbar-right"><span class="corpus">{name}</span>'
        f'<span class="version">newsift {_t(__version__)}</span></div></header><main>'
        + _headline(figures)
        + _charts(figures)
        + _outlets(figures)
        + _heatmap(figures)
        + _lowest(figures)
        + stories_section(figures.stories)
        + _errors(figures)
        + _runs(figures)
        + "</main>"
        '<footer class="muted small">Scores are 0–100 points; outlets are named by their '
        "registered domain, else by the corpus's source field. Made offline by newsift.</footer>"
        "</body></html>\n"
    )


def write_page(figures: CorpusFigures, output: Path) -> None:
    """Write the report to `output`; InputError (naming it) if it cannot be written."""
    page = render_page(figures)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(output), f"cannot write the report: {exc.strerror or exc}") from None
