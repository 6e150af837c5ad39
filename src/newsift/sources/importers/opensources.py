"""Reader for the OpenSources list: `sources.json` (domain -> {"type", "2nd type", "3rd type",
"Source Notes (things to know?)"}) or `sources.csv` (the same columns, domain first).

Entries with a path ("newyorker.com/humor") apply to that section only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from newsift.errors import InputError
from newsift.sources import LABELS
from newsift.sources.importers.parsing import Entry, ParseResult, clean, dedupe, read_text
from newsift.sources.keys import normalise_key

_OPENSOURCES_ALIASES = {
    "fake news": "fake",
    "extreme bias": "bias",
    "conspiracy theory": "conspiracy",
    "rumor mill": "rumor",
    "rumour": "rumor",
    "state news": "state",
    "junk science": "junksci",
    "hate news": "hate",
    "proceed with caution": "unreliable",
    "unrealiable": "unreliable",  # a typo in the 2017 list
    "credible": "reliable",
    "satirical": "satire",
}
_OPENSOURCES_TYPES = frozenset(
    {
        "fake",
        "satire",
        "bias",
        "conspiracy",
        "rumor",
        "state",
        "junksci",
        "hate",
        "clickbait",
        "unreliable",
        "political",
        "reliable",
    }
)


def opensources_label(raw: str) -> str | None:
    """'Fake ' -> 'fake', 'fake news' -> 'fake'; None for a type outside the vocabulary."""
    value = " ".join(raw.lower().split())
    value = _OPENSOURCES_ALIASES.get(value, value)
    return value if value in _OPENSOURCES_TYPES else None


def _opensources_entry(domain: str, types: Iterable[str], note: str, result: ParseResult) -> None:
    key = normalise_key(domain)
    if key is None:
        result.skip("no valid domain")
        return
    labels: list[str] = []
    for raw in (clean(t) for t in types):
        if not raw:
            continue
        label = opensources_label(raw)
        if label is None:
            result.ignored_values[f"type {raw!r}"] += 1
        elif label not in labels:
            labels.append(label)
    if not labels:
        result.skip("no recognised type")
        return
    reasons = [f"Listed as '{label}' by OpenSources: {LABELS[label]}." for label in labels]
    note = " ".join(note.split())
    if note:
        reasons[0] += f" OpenSources note: {note}"
    result.add(Entry(key, labels, reasons, note or None))


def _opensources_json(text: str, result: ParseResult) -> None:
    try:
        data = json.loads(text)
    except RecursionError:  # the C parser recurses once per level of nesting
        raise InputError(result.file, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise InputError(result.file, f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise InputError(result.file, "an OpenSources JSON file is an object keyed by domain")
    for domain, row in data.items():
        result.rows += 1
        if not isinstance(row, dict):
            result.skip("malformed row")
            continue
        fields = {" ".join(str(k).lower().split()): v for k, v in row.items()}
        types = [fields.get("type"), fields.get("2nd type"), fields.get("3rd type")]
        note = next((clean(v) for k, v in fields.items() if k.startswith("source notes")), "")
        _opensources_entry(domain, types, note, result)


def _opensources_csv(text: str, result: ParseResult) -> None:
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [" ".join(h.lower().split()) for h in next(rows, [])]
    type_cols = [i for i, h in enumerate(header) if h.endswith("type")]
    note_cols = [i for i, h in enumerate(header) if h.startswith("source notes")]
    if not type_cols:
        raise InputError(result.file, "not an OpenSources CSV: the header has no 'type' column")
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue  # blank line
        result.rows += 1
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            result.skip("malformed row")
            continue
        cells = row + [""] * (len(header) - len(row))
        note = cells[note_cols[0]] if note_cols else ""
        _opensources_entry(cells[0], [cells[i] for i in type_cols], note, result)


def read_opensources(path: Path) -> ParseResult:
    result = ParseResult("opensources", str(path))
    text = read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        _opensources_json(text, result)
    else:
        _opensources_csv(text, result)
    return dedupe(result)
