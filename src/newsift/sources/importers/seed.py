"""The bundled seed: the OpenSources list as newsift ships it (data/opensources.json), and how
`newsift sources build-seed` writes it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from newsift.sources.importers.opensources import read_opensources
from newsift.sources.importers.parsing import ParseResult

SEED_FORMAT = "newsift-source-seed/1"
SEED_ORIGIN = "bundled:opensources"
SEED_NAME = "opensources.json"
SEED_DIR = Path(__file__).parent.parent / "data"


def build_seed(data: Path, out_dir: Path = SEED_DIR) -> tuple[Path, ParseResult]:
    """Write the bundled list from the OpenSources data folder (or its sources.json/.csv)."""
    source = data
    if data.is_dir():
        candidates = [data / "sources.json", data / "sources.csv"]
        source = next((p for p in candidates if p.is_file()), candidates[0])
    result = read_opensources(source)
    seed = {
        "format": SEED_FORMAT,
        "origin": SEED_ORIGIN,
        "list": "OpenSources (opensources.co), OpenSourcesGroup/opensources @ "
        "2fb428d0e132baae5ed8ab034d4eafbe9dc77cbb (2017-04-28)",
        "licence": "GNU LGPL v3; see OPENSOURCES-NOTICE.md beside this file",
        "built_from": source.name,
        "rebuild": "newsift sources build-seed --data /path/to/data/opensources",
        "rows": result.rows,
        "skipped": dict(sorted(result.skipped.items())),
        "ignored_values": dict(sorted(result.ignored_values.items())),
        "records": [e.to_dict() for e in sorted(result.entries, key=lambda e: e.key)],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / SEED_NAME
    out.write_text(_seed_json(seed), encoding="utf-8")
    return out, result


def _seed_json(seed: dict[str, Any]) -> str:
    """JSON with one record per line: compact, and a changed record is a one-line diff."""
    dump = functools.partial(json.dumps, ensure_ascii=False)
    head = [f" {dump(k)}: {dump(v)}" for k, v in seed.items() if k != "records"]
    records = ",\n".join(f"  {dump(r)}" for r in seed["records"])
    return "{\n" + ",\n".join(head) + ',\n "records": [\n' + records + "\n ]\n}\n"
