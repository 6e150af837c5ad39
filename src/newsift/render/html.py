"""A self-contained HTML report: no scripts, no external assets; every piece of text escaped."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from newsift.findings import CATEGORIES, Report
from newsift.render.coverage import CSS as COVERAGE_CSS
from newsift.render.coverage import coverage_html
from newsift.render.language import language_label, skip_line
from newsift.render.pieces import join_in_pieces
from newsift.render.segments import colour_of, highlight_segments, reading_order, voice_mark

_CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:.2rem 0}
.meta{color:#5c6670;font-size:.9rem}
.card{background:#fff;border:1px solid #e1e4e8;border-radius:10px;padding:16px 20px;margin:16px 0}
.score{display:flex;align-items:baseline;gap:16px}
.score b{font-size:2.6rem}
.band{padding:2px 10px;border-radius:12px;color:#fff;font-weight:600;text-transform:uppercase;
font-size:.8rem}
.band.reliable{background:#2b9348}.band.mixed{background:#e09f3e}.band.unreliable{background:#c1121f}
table{border-collapse:collapse;width:100%}
td,th{padding:4px 8px;border-bottom:1px solid #eef0f2;text-align:left;vertical-align:top}
td.pts{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pos{color:#2b9348}.neg{color:#c1121f}
.article{white-space:pre-wrap}
mark{position:relative;border-radius:3px;padding:0 1px;cursor:help}
mark:hover::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:5;
width:max-content;max-width:420px;white-space:normal;background:#1d232a;color:#fff;
padding:6px 8px;border-radius:6px;font-size:.85rem}
.sent{text-decoration:underline dotted #2d6a4f;text-underline-offset:3px;cursor:help}
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:1px 8px;border-radius:4px;
font-size:.85rem}
.label{font-weight:600}
.snip{color:#5c6670;font-style:italic}
.skipped{background:#fff8e1;border-left:4px solid #e09f3e;padding:6px 10px;margin:10px 0}
.voice{display:inline-block;margin-left:6px;padding:0 6px;border-radius:4px;font-size:.8rem;
font-weight:400;background:#eef0f2;color:#5c6670}
mark.voice-quoted,mark.voice-furniture{opacity:.6;outline:1px dashed #5c6670}
"""


def _tip(report: Report, indices: tuple[int, ...]) -> str:
    parts = []
    for i in indices:
        f = report.findings[i]
        text = f"{f.label}: {f.explanation}"
        definition = (f.evidence or {}).get("definition")
        if definition:
            text += f" ({definition})"
        mark = voice_mark(f)
        if mark:
            text += f" [{mark}]"
        parts.append(text)
    return " | ".join(parts)


def _article_html(report: Report) -> Iterator[str]:
    text = report.article.text
    for seg in highlight_segments(text, report.findings):
        piece = escape(text[seg.start : seg.end])
        if not seg.findings:
            yield piece
            continue
        tip = escape(_tip(report, seg.findings), quote=True)
        first = report.findings[seg.findings[0]]
        if first.level == "span":
            voice = (first.evidence or {}).get("voice")
            extra = f" voice-{escape(voice)}" if voice in ("quoted", "furniture") else ""
            yield (
                f'<mark class="cat-{escape(first.category)}{extra}" '
                f'style="background:{colour_of(first.category)}" data-tip="{tip}" '
                f'title="{tip}">{piece}</mark>'
            )
        else:
            yield f'<span class="sent" title="{tip}">{piece}</span>'


def _contributions(report: Report) -> str:
    rows = []
    for c in reading_order(report.reliability.contributions):
        cls = "pos" if c.points > 0 else "neg" if c.points < 0 else ""
        rows.append(
            f'<tr><td class="pts {cls}">{c.points:+.1f}</td><td class="label">{escape(c.signal)}'
            f"</td><td>{escape(c.explanation)}</td></tr>"
        )
    return "<table>" + "".join(rows) + "</table>" if rows else "<p>No signals.</p>"


def _source(report: Report) -> str:
    s = report.source
    domain = escape(s.domain or "unknown domain")
    if not s.found:
        return f"<p><b>{domain}</b>: not in the reputation database.</p>"
    origin = "your own entry" if s.user_override else (s.origin or "")
    reasons = "".join(f"<li>{escape(r)}</li>" for r in s.reasons)
    return (
        f"<p><b>{domain}</b>: {escape(', '.join(s.labels))} "
        f'<span class="meta">({escape(origin)})</span></p><ul>{reasons}</ul>'
    )


def _findings(report: Report) -> Iterator[str]:
    text = report.article.text
    yield "<table><tr><th>category</th><th>label</th><th>evidence and why</th><th>score</th></tr>"
    for f in report.findings:
        if f.level == "sentence" and f.category == "propaganda":
            continue
        snippet = "" if f.start is None else " ".join(text[f.start : f.end].split())[:120]
        mark = voice_mark(f)
        voice = f'<span class="voice">{escape(mark)}</span>' if mark else ""
        yield (
            f'<tr><td><span class="legend"><span style="background:{colour_of(f.category)}">'
            f"{escape(f.category)}</span></span></td>"
            f'<td class="label">{escape(f.label)}{voice}</td>'
            f'<td><span class="snip">{escape(snippet)}</span><br>{escape(f.explanation)}</td>'
            f'<td class="pts">{f.score:.2f}</td></tr>'
        )
    yield "</table>"


def _repairs(report: Report) -> str:
    if not report.article.repairs:
        return ""
    items = "".join(
        f"<li><code>{escape(r['before'])}</code> → <code>{escape(r['after'])}</code>: "
        f"{escape(r['explanation'])}</li>"
        for r in report.article.repairs
    )
    return f'<section class="card"><h2>Encoding repairs</h2><ul>{items}</ul></section>'


def _coverage(report: Report) -> str:
    return "" if report.coverage is None else "\n" + coverage_html(report.coverage)


def render_html(report: Report) -> str:
    return "".join(iter_html(report))


def iter_html(report: Report) -> Iterator[str]:
    """The page of `render_html` in pieces, to write one at a time."""
    a, r = report.article, report.reliability
    used = sorted({f.category for f in report.findings if f.start is not None})
    legend = "".join(
        f'<span style="background:{colour_of(c)}" title="{escape(CATEGORIES.get(c, c))}">'
        f"{escape(c)}</span>"
        for c in used
    )
    meta = " · ".join(
        escape(x)
        for x in [
            a.byline and f"by {a.byline}" or "no byline",
            a.domain or "",
            a.date or "",
            f"{a.word_count} words",
            language_label(a),
        ]
        if x
    )
    skipped = skip_line(report)
    skipped_html = f'<p class="skipped">{escape(skipped)}</p>' if skipped else ""
    lang = escape(a.language or "", quote=True)  # the article's own language, for its text
    yield f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>newsift report: {escape(a.title or a.source_name)}</title>
<style>{_CSS}{COVERAGE_CSS if report.coverage is not None else ""}</style></head>
<body><main>
<p class="meta">newsift {escape(report.newsift_version)} report · {escape(a.source_name)}</p>
<h1>{escape(a.title or "(no title)")}</h1>
<p class="meta">{meta}</p>
<section class="card"><div class="score"><b>{r.score:.0f}</b><span>/ 100</span>
<span class="band {escape(r.band)}">{escape(r.band)}</span>
<span class="meta">confidence {r.confidence:.2f} · {escape(r.method)} · baseline {r.baseline:.0f}
</span></div>{skipped_html}{_contributions(report)}</section>
<section class="card"><h2>Source</h2>{_source(report)}</section>{_coverage(report)}
{_repairs(report)}
<section class="card"><h2>Article</h2><p class="legend">{legend}</p>
<div class="article" lang="{lang}">"""
    yield from join_in_pieces(_article_html(report))
    yield """</div></section>
<section class="card"><h2>Findings</h2>"""
    yield from join_in_pieces(_findings(report))
    yield """</section>
</main></body></html>
"""
