"""Terminal report with rich: score, contributions, source card, findings, highlighted article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import chain

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsift.findings import Report
from newsift.render.language import language_label, skip_line
from newsift.render.segments import colour_of, highlight_segments, reading_order, voice_mark
from newsift.text.safetext import terminal_safe as _safe

# Everything shown from the input (article, file name, source list, repairs) goes through
# _safe: an ESC, BEL or CSI in it is shown as a sign, never obeyed by the terminal. Input goes
# into rich as Text, never as markup, so "[bold]" in an article is printed as written.

BAND_STYLES = {"reliable": "bold green", "mixed": "bold yellow", "unreliable": "bold red"}
SNIPPET_CHARS = 70
FINDINGS_PER_PRINT = 200
ARTICLE_CHARS_PER_PRINT = 50_000


def _snippet(text: str, start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    piece = _safe(" ".join(text[start:end].split()))
    return piece if len(piece) <= SNIPPET_CHARS else piece[: SNIPPET_CHARS - 1] + "…"


def _header(report: Report) -> Panel:
    a = report.article
    meta = [a.source_name]
    meta.append(f"by {a.byline}" if a.byline else "no byline")
    if a.domain:
        meta.append(a.domain)
    if a.date:
        meta.append(a.date)
    meta.append(f"{a.word_count} words")
    meta.append(language_label(a))
    body = Text(_safe(a.title or "(no title)", one_line=True), style="bold")
    body.append("\n" + _safe(" · ".join(meta), one_line=True), style="dim")
    return Panel(body, title="newsift", title_align="left")


def _score(report: Report) -> Group:
    r = report.reliability
    line = Text("Reliability ")
    line.append(f"{r.score:.0f}/100", style="bold")
    line.append("  ")
    line.append(r.band.upper(), style=BAND_STYLES.get(r.band, "bold"))
    line.append(f"   confidence {r.confidence:.2f} · {r.method} · baseline {r.baseline:.0f}", "dim")
    table = Table(box=None, show_header=False, padding=(0, 1))
    table.add_column(justify="right")
    table.add_column()
    table.add_column()
    for c in reading_order(r.contributions):
        style = "green" if c.points > 0 else "red" if c.points < 0 else "dim"
        table.add_row(
            Text(f"{c.points:+.1f}", style=style), Text(_safe(c.signal), "bold"),
            Text(_safe(c.explanation)),
        )  # fmt: skip
    return Group(line, table)


def _source(report: Report) -> Text:
    s = report.source
    out = Text("Source ", style="bold")
    out.append(_safe(s.domain or "unknown domain", one_line=True))
    if not s.found:
        out.append(" — not in the reputation database", style="dim")
        return out
    out.append(_safe(f" — {', '.join(s.labels)}"), style="bold magenta")
    out.append(_safe(f" ({'your own entry' if s.user_override else s.origin})"), style="dim")
    for reason in s.reasons:
        out.append(f"\n  · {_safe(reason, one_line=True)}")
    return out


def _findings(report: Report) -> Iterator[Text]:
    """One line per finding: category, label, the quoted evidence, then why it matters; in
    chunks of FINDINGS_PER_PRINT, so that rich never lays out 100,000 of them at once."""
    out = Text("Findings", style="bold")
    text = report.article.text
    shown = [
        f for f in report.findings if not (f.level == "sentence" and f.category == "propaganda")
    ]
    if not shown:
        out.append("\n  none")
    for n, f in enumerate(shown, 1):
        out.append("\n  " if out else "  ")
        out.append(_safe(f" {f.category} "), style=f"black on {colour_of(f.category)}")
        out.append(_safe(f" {f.label}"), style="bold")
        mark = voice_mark(f)  # someone else's words or page furniture: not counted
        if mark:
            out.append(f"  [{_safe(mark, one_line=True)}]", style="magenta")
        quote = _snippet(text, f.start, f.end)
        if quote:
            out.append(f"  “{quote}”", style="italic")
        out.append(f"\n      {_safe(f.explanation)}", style="dim")
        if n % FINDINGS_PER_PRINT == 0 and n < len(shown):
            yield out
            out = Text()
    yield out


def _repairs(report: Report) -> Text | None:
    if not report.article.repairs:
        return None
    out = Text("Encoding repairs", style="bold")
    for r in report.article.repairs:
        out.append(_safe(f"\n  {r['before']!r} → {r['after']!r}  "))
        out.append(_safe(r["explanation"]), style="dim")
    return out


def _article(report: Report) -> Iterator[Text]:
    """The highlighted article, cut at line breaks into pieces of about ARTICLE_CHARS_PER_PRINT:
    rich lays out what it prints all at once (a 10 MB article as one Text took 1.3 GB)."""
    text = report.article.text
    out = Text()
    for seg in highlight_segments(text, report.findings):
        piece = _safe(text[seg.start : seg.end])
        spans = [i for i in seg.findings if report.findings[i].level == "span"]
        if spans:
            style = f"black on {colour_of(report.findings[spans[0]].category)}"
        else:
            style = "underline" if seg.findings else ""
        cut = piece.rfind("\n") if len(out) + len(piece) > ARTICLE_CHARS_PER_PRINT else -1
        if cut >= 0:  # the line break becomes the end of one print: the layout is the same
            out.append(piece[:cut], style=style)
            yield out
            out, piece = Text(), piece[cut + 1 :]
        out.append(piece, style=style)
    yield out


def render_terminal(report: Report, *, console: Console | None = None, record: bool = False):
    """Print the report; with `record=True` return it as plain text instead of printing."""
    if record:
        console = Console(record=True, file=io.StringIO(), width=110)
    console = console or Console()
    console.print(_header(report))
    console.print(_score(report))
    skipped = skip_line(report)
    if skipped is not None:  # detectors that did not run: their silence is not a verdict
        console.print(Text(_safe(skipped, one_line=True), style="yellow"))
    console.print(_source(report))
    repairs = _repairs(report)
    if repairs is not None:
        console.print(repairs)
    if report.coverage is not None:  # analyze --corpus: the story across outlets
        from newsift.render.coverage import coverage_text

        console.print(coverage_text(report.coverage))
    for chunk in _findings(report):
        console.print(chunk)
    pieces = _article(report)
    first = next(pieces)
    rest = next(pieces, None)
    if rest is None:  # the usual case: the whole article in one panel
        console.print(Panel(first, title="Article (highlighted)", title_align="left"))
    else:  # a very long one: between rules, a piece at a time
        console.print(Rule("Article (highlighted)", align="left"))
        for piece in chain((first, rest), pieces):
            console.print(piece)
        console.print(Rule())
    legend = Text("Legend: ")
    for category in sorted({f.category for f in report.findings if f.start is not None}):
        legend.append(_safe(f" {category} "), style=f"black on {colour_of(category)}")
        legend.append(" ")
    console.print(legend)
    return console.export_text() if record else None
