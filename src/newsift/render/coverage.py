"""The report's Coverage section (`analyze --corpus`), for the terminal and for the HTML page:
the story, the other outlets' articles best first, and per claim who supports, disputes or is
silent on it. Everything shown comes from the corpus and the article: untrusted text, made
terminal-safe (and never rich markup) or HTML-escaped."""

from __future__ import annotations

from html import escape

from rich.text import Text

from newsift.stories.coverage_model import Coverage, CoverageArticle, CoverageStory
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


def coverage_text(coverage: Coverage) -> Text:
    """The Coverage section for the terminal report."""
    out = Text("Coverage", style="bold")
    out.append(f"  {_safe(coverage.corpus, 60)}", style="dim")
    if coverage.note:
        out.append(f"\n  {_safe(coverage.note, 200)}", style="yellow")
    story = coverage.story
    if story is None:
        return out
    out.append("\n  " + _safe(_story_line(story), 200))
    out.append("\n  Other outlets, best first", style="bold")
    if not coverage.articles:
        out.append("\n    none: only this outlet reports the story", style="dim")
    for a in coverage.articles[:TERMINAL_ARTICLES]:
        out.append(f"\n    {_score(a)} ")
        out.append(f"{(a.band or '-'):<10}", style=_band_style(a.band))
        out.append(f" {_safe(a.outlet, 30)}", style="bold")
        out.append(f"  {_safe(a.title or '(untitled)', 70)}")
        detail = " · ".join(x for x in (a.date, a.source.description) if x)
        out.append(f"\n          {_safe(detail, 100)}", style="dim")
    hidden = len(coverage.articles) - TERMINAL_ARTICLES
    if hidden > 0:
        out.append(f"\n    … and {hidden} more (see the JSON report)", style="dim")
    if coverage.claims:
        out.append("\n  Claims against the other outlets", style="bold")
    for c in coverage.claims:
        out.append(f"\n    “{_safe(c.claim, CLAIM_CHARS)}”", style="italic")
        out.append(f"\n      {_counts(c.supports, c.disputes, c.silent)}")
        if c.lone:
            out.append(f" — {LONE}", style="bold yellow")
        for v in c.outlets:
            out.append(f"\n        {_safe(v.outlet, 30)} ")
            out.append(v.verdict, style=VERDICT_STYLES.get(v.verdict, ""))
            why = v.conflict or v.note
            if why:
                out.append(f": {_safe(why, 160)}", style="dim")
    return out


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
