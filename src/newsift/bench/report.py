"""Render benchmark rows: a rich table for the terminal, JSON lines, and a Markdown section
that `--write-md` keeps up to date inside BENCHMARKS.md (other content is left untouched)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from newsift.bench.runner import BenchRow

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
_DATA = re.compile(r"<!-- bench:data (.*?) -->", re.DOTALL)


def fmt(value: Any) -> str:
    """Scores in 0..1 with 4 decimals; rates and percentages with 2; counts as integers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) > 1 else f"{value:.4f}"


def figures(row: BenchRow) -> list[str]:
    if row.result is None:
        return [f"FAILED: {row.error}"]
    return [f"{k} {fmt(v)}" for k, v in row.result.metrics.items()]


def records(row: BenchRow) -> list[str]:
    return [f"{k} {fmt(v)}" for k, v in row.records.items()]


def json_line(row: BenchRow) -> str:
    return json.dumps(row.to_json(), ensure_ascii=False)


def rich_table(rows: Sequence[BenchRow]):
    from rich.table import Table

    table = Table(title="newsift bench", show_lines=True)
    for name in ("task", "figures", "published records", "split", "seconds"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            row.task,
            "\n".join(figures(row)),
            "\n".join(records(row)) or "-",
            row.result.split if row.result else "-",
            f"{row.seconds:.1f}",
            style=None if row.ok else "red",
        )
    return table


# -- Markdown ---------------------------------------------------------------------------------


def _row_data(row: BenchRow) -> dict[str, Any]:
    """What the Markdown section remembers of a row, so a later single-task run can update it."""
    return {
        "task": row.task,
        "figures": figures(row),
        "records": records(row),
        "split": row.result.split if row.result else "-",
        "notes": list(row.result.notes) if row.result else [],
        "seconds": round(row.seconds, 1),
        "command": row.command,
        "ok": row.ok,
        "date": date.today().isoformat(),
    }


def _cell(lines: Sequence[str]) -> str:
    text = "<br>".join(lines) if lines else "-"
    return text.replace("|", "\\|").replace("\n", " ")


def _comment_safe_json(entries: Sequence[dict[str, Any]]) -> str:
    """JSON that cannot close the HTML comment holding it: "--" only occurs inside JSON strings,
    where the escape \\u002d reads back as the same "-"."""
    return json.dumps(list(entries), ensure_ascii=False).replace("--", "\\u002d\\u002d")


def markdown_section(entries: Sequence[dict[str, Any]]) -> str:
    lines = [
        START,
        "<!-- bench:data " + _comment_safe_json(entries) + " -->",
        "",
        "| task | our figures | published records | split | seconds | command |",
        "|---|---|---|---|---|---|",
    ]
    for e in entries:
        lines.append(
            f"| {e['task']} | {_cell(e['figures'])} | {_cell(e['records'])} | "
            f"{_cell([e['split']])} | {e['seconds']} | `{e['command']}` |"
        )
    noted = [e for e in entries if e["notes"]]
    if noted:
        lines += ["", "Notes:", ""]
        for e in noted:
            lines += [f"- **{e['task']}**: " + " ".join(e["notes"])]
    measured = f"Measured {max(e['date'] for e in entries)}; " if entries else ""
    lines += [
        "",
        f"{measured}this section is rewritten by `newsift bench [TASK|all] --write-md` "
        "(each run replaces the rows of the tasks it ran).",
        END,
    ]
    return "\n".join(lines)


def _previous_entries(section: str) -> list[dict[str, Any]]:
    m = _DATA.search(section)
    if not m:
        return []
    try:
        data = json.loads(m.group(1))
    except ValueError:
        return []
    return [e for e in data if isinstance(e, dict) and "task" in e]


def write_markdown(path: Path, rows: Sequence[BenchRow], order: Sequence[str]) -> None:
    """Insert or update the bench section of `path`; rows of tasks not run now are kept."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = text.find(START), text.find(END)
    has_section = start != -1 and end > start
    previous = _previous_entries(text[start:end]) if has_section else []
    merged = {e["task"]: e for e in previous}
    merged.update({r.task: _row_data(r) for r in rows})
    rank = {name: i for i, name in enumerate(order)}
    entries = sorted(merged.values(), key=lambda e: rank.get(e["task"], len(rank)))
    section = markdown_section(entries)
    if has_section:
        text = text[:start] + section + text[end + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
