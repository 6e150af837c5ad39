"""The report's Coverage section (`analyze --corpus`), for the terminal and for the HTML page:
the story, the other outlets' articles best first, and per claim who supports, disputes or is
silent on it. Everything shown comes from the corpus and the article: untrusted text, made
terminal-safe (and never rich markup) or HTML-escaped."""

from __future__ import annotations

from html import escape

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from newsift.stories.coverage_model import (
    Coverage,
    CoverageArticle,
    CoverageClaim,
    CoverageStory,
)
from newsift.text.safetext import terminal_safe

TERMINAL_ARTICLES = 10  # the rest are in the JSON
HTML_ARTICLES = 100
LINE_CHARS = 100
CLAIM_CHARS = 400  # a claim is shown whole unless it is a run-on
VERDICT_STYLES = {"supports": "green", "disputes": "bold red", "silent": "dim"}
LONE = "rests on this outlet alone"


def _safe(text: str, width: int = LINE_CHARS) -> str:
    text = terminal_safe(text, one_line=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def _dates(story: CoverageStory) -> str:
    return " – ".join(d for d in dict.fromkeys((story.first_date, story.last_date)) if d) or (
        "undated"
    )


def _story_line(story: CoverageStory) -> str:
    how = "this article is in the corpus" if story.in_corpus else "matched by similarity"
    return (
        f"story {story.id}: {story.label or '(untitled)'} · {_dates(story)} · "
        f"{story.articles} articles, {story.outlets} outlets · similarity "
        f"{story.similarity:.2f} ({how})"
    )


def _score(article: CoverageArticle) -> str:
    return "  -" if article.score is None else f"{article.score:3.0f}"


def _counts(supports: int, disputes: int, silent: int) -> str:
    return f"supported by {supports}, disputed by {disputes}, silent {silent}"


def _indented(text: Text, indent: int) -> Padding:
    """`text` indented, its wrapped lines too."""
    return Padding(text, (0, 0, 0, indent), expand=False)


def _articles_grid(coverage: Coverage) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)  # the score
    grid.add_column(no_wrap=True)  # the band
    grid.add_column(no_wrap=True)  # the outlet
    grid.add_column()  # the title, date and source record
    for a in coverage.articles[:TERMINAL_ARTICLES]:
        detail = Text(_safe(a.title or "(untitled)", 90))
        line = " · ".join(x for x in (a.date, a.source.description) if x)
        detail.append(f"\n{_safe(line, 120)}", style="dim")
        grid.add_row(
            Text(_score(a).strip()),
            Text(a.band or "-", style=_band_style(a.band)),
            Text(_safe(a.outlet, 30), style="bold"),
            detail,
        )
    return grid


def _verdicts_grid(claim: CoverageClaim) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)  # the outlet
    grid.add_column(no_wrap=True)  # the verdict
    grid.add_column()  # why
    for v in claim.outlets:
        why = v.conflict or v.note or ""
        grid.add_row(
            Text(_safe(v.outlet, 30)),
            Text(v.verdict, style=VERDICT_STYLES.get(v.verdict, "")),
            Text(_safe(why, 200), style="dim"),
        )
    return grid


def coverage_text(coverage: Coverage) -> Group:
    """The Coverage section for the terminal report."""
    head = Text("Coverage", style="bold")
    head.append(f"  {_safe(coverage.corpus, 60)}", style="dim")
    parts: list[RenderableType] = [head]
    if coverage.note:
        parts.append(_indented(Text(_safe(coverage.note, 300), style="yellow"), 2))
    story = coverage.story
    if story is None:
        return Group(*parts)
    parts.append(_indented(Text(_safe(_story_line(story), 300)), 2))
    parts.append(_indented(Text("Other outlets, best first", style="bold"), 2))
    if coverage.articles:
        parts.append(_indented(_articles_grid(coverage), 4))  # type: ignore[arg-type]
    else:
        parts.append(_indented(Text("none: only this outlet reports the story", style="dim"), 4))
    hidden = len(coverage.articles) - TERMINAL_ARTICLES
    if hidden > 0:
        parts.append(_indented(Text(f"… and {hidden} more (see the JSON report)", "dim"), 4))
    if coverage.claims:
        parts.append(_indented(Text("Claims against the other outlets", style="bold"), 2))
    for c in coverage.claims:
        parts.append(_indented(Text(f"“{_safe(c.claim, CLAIM_CHARS)}”", style="italic"), 4))
        counts = Text(_counts(c.supports, c.disputes, c.silent))
        if c.lone:
            counts.append(f" — {LONE}", style="bold yellow")
        parts.append(_indented(counts, 6))
        if c.outlets:
            parts.append(_indented(_verdicts_grid(c), 8))  # type: ignore[arg-type]
    return Group(*parts)


def _band_style(band: str | None) -> str:
    return {"reliable": "green", "mixed": "yellow", "unreliable": "red"}.get(band or "", "dim")


CSS = """
.cov td.verdict-supports{color:#2b9348}.cov td.verdict-disputes{color:#c1121f;font-weight:600}
.cov td.verdict-silent{color:#5c6670}
.cov .lone{display:inline-block;margin-left:6px;padding:0 6px;border-radius:4px;font-size:.8rem;
background:#fff8e1;color:#8a5a00;border:1px solid #e09f3e}
.cov .claim{margin:14px 0 4px;font-style:italic}
"""


def _link(article: CoverageArticle) -> str:
    title = escape(article.title or "(untitled)")
    url = article.url or ""
    if url.startswith(("http://", "https://")):  # no javascript: or data: links from a corpus
        return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{title}</a>'
    return title


def _articles_html(coverage: Coverage) -> str:
    if not coverage.articles:
        return '<p class="meta">No other outlet of the corpus reports this story.</p>'
    rows = [
        "<table><tr><th>score</th><th>band</th><th>outlet</th><th>article</th>"
        "<th>source record</th></tr>"
    ]
    for a in coverage.articles[:HTML_ARTICLES]:
        score = "-" if a.score is None else f"{a.score:.0f}"
        rows.append(
            f'<tr><td class="pts">{score}</td><td>{escape(a.band or "-")}</td>'
            f'<td class="label">{escape(a.outlet)}</td><td>{_link(a)}'
            f'<br><span class="meta">{escape(a.date or "undated")}</span></td>'
            f"<td>{escape(a.source.description)}</td></tr>"
        )
    rows.append("</table>")
    hidden = len(coverage.articles) - HTML_ARTICLES
    if hidden > 0:
        rows.append(f'<p class="meta">… and {hidden} more (see the JSON report).</p>')
    return "".join(rows)


def _claims_html(coverage: Coverage) -> str:
    parts = []
    for c in coverage.claims:
        lone = f'<span class="lone">{LONE}</span>' if c.lone else ""
        parts.append(
            f'<p class="claim">“{escape(c.claim)}”</p>'
            f"<p>{_counts(c.supports, c.disputes, c.silent)}{lone}</p>"
        )
        if c.outlets:
            rows = "".join(
                f'<tr><td class="label">{escape(v.outlet)}</td>'
                f'<td class="verdict-{escape(v.verdict)}">{escape(v.verdict)}</td>'
                f'<td><span class="snip">{escape(v.evidence or "")}</span>'
                f"<br>{escape(v.conflict or v.note or '')}</td></tr>"
                for v in c.outlets
            )
            parts.append(f"<table>{rows}</table>")
    return "".join(parts)


def coverage_html(coverage: Coverage) -> str:
    """The Coverage section of the HTML page: one card, every text escaped."""
    head = f'<p class="meta">corpus {escape(coverage.corpus)}</p>'
    note = f'<p class="skipped">{escape(coverage.note)}</p>' if coverage.note else ""
    story = coverage.story
    if story is None:
        return f'<section class="card cov"><h2>Coverage</h2>{head}{note}</section>'
    return (
        f'<section class="card cov"><h2>Coverage</h2>{head}{note}'
        f"<p><b>{escape(story.label or '(untitled)')}</b></p>"
        f'<p class="meta">{escape(_story_line(story))}</p>'
        f"<h3>Other outlets, best first</h3>{_articles_html(coverage)}"
        + (
            f"<h3>Claims against the other outlets</h3>{_claims_html(coverage)}"
            if coverage.claims
            else ""
        )
        + "</section>"
    )
