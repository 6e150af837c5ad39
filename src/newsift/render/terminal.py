"""Terminal report with rich: score, contributions, source card, findings, highlighted article."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsift.findings import Report
from newsift.render.segments import colour_of, highlight_segments

BAND_STYLES = {"reliable": "bold green", "mixed": "bold yellow", "unreliable": "bold red"}
SNIPPET_CHARS = 70


def _snippet(text: str, start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    piece = " ".join(text[start:end].split())
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
    body = Text(a.title or "(no title)", style="bold")
    body.append("\n" + " · ".join(meta), style="dim")
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
    for c in sorted(r.contributions, key=lambda c: c.points):
        style = "green" if c.points > 0 else "red" if c.points < 0 else "dim"
        table.add_row(Text(f"{c.points:+.1f}", style=style), Text(c.signal, "bold"), c.explanation)
    return Group(line, table)


def _source(report: Report) -> Text:
    s = report.source
    out = Text("Source ", style="bold")
    out.append(s.domain or "unknown domain")
    if not s.found:
        out.append(" — not in the reputation database", style="dim")
        return out
    out.append(f" — {', '.join(s.labels)}", style="bold magenta")
    out.append(f" ({'your own entry' if s.user_override else s.origin})", style="dim")
    for reason in s.reasons:
        out.append(f"\n  · {reason}")
    return out


def _findings(report: Report) -> Text:
    """One line per finding: category, label, the quoted evidence, then why it matters."""
    out = Text("Findings", style="bold")
    text = report.article.text
    shown = [
        f for f in report.findings if not (f.level == "sentence" and f.category == "propaganda")
    ]
    if not shown:
        out.append("\n  none")
    for f in shown:
        out.append("\n  ")
        out.append(f" {f.category} ", style=f"black on {colour_of(f.category)}")
        out.append(f" {f.label}", style="bold")
        quote = _snippet(text, f.start, f.end)
        if quote:
            out.append(f"  “{quote}”", style="italic")
        out.append(f"\n      {f.explanation}", style="dim")
    return out


def _repairs(report: Report) -> Text | None:
    if not report.article.repairs:
        return None
    out = Text("Encoding repairs", style="bold")
    for r in report.article.repairs:
        out.append(f"\n  {r['before']!r} → {r['after']!r}  ")
        out.append(r["explanation"], style="dim")
    return out


def _article(report: Report) -> Text:
    text = report.article.text
    out = Text()
    for seg in highlight_segments(text, report.findings):
        piece = text[seg.start : seg.end]
        spans = [i for i in seg.findings if report.findings[i].level == "span"]
        if spans:
            out.append(piece, style=f"black on {colour_of(report.findings[spans[0]].category)}")
        elif seg.findings:
            out.append(piece, style="underline")
        else:
            out.append(piece)
    return out


def render_terminal(report: Report, *, console: Console | None = None, record: bool = False):
    """Print the report; with `record=True` return it as plain text instead of printing."""
    if record:
        console = Console(record=True, file=io.StringIO(), width=110)
    console = console or Console()
    console.print(_header(report))
    console.print(_score(report))
    console.print(_source(report))
    repairs = _repairs(report)
    if repairs is not None:
        console.print(repairs)
    console.print(_findings(report))
    console.print(Panel(_article(report), title="Article (highlighted)", title_align="left"))
    legend = Text("Legend: ")
    for category in sorted({f.category for f in report.findings if f.start is not None}):
        legend.append(f" {category} ", style=f"black on {colour_of(category)}")
        legend.append(" ")
    console.print(legend)
    return console.export_text() if record else None
