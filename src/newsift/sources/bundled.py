"""The bundled tier of the source database: the OpenSources labels (opensources.json) and the
domain quality ratings (ratings.json) merged by key, read once per process.

Their digest (kept in `meta`) tells a database file when the package ships different data, so
upgrades refresh the tier without touching the user's entries or imports.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from newsift.sources.importers import (
    RATINGS_NAME,
    RATINGS_ORIGIN,
    SEED_DIR,
    SEED_NAME,
    SEED_ORIGIN,
    Entry,
    Rating,
    read_ratings,
)

SEED_PATH = SEED_DIR / SEED_NAME
RATINGS_PATH = SEED_DIR / RATINGS_NAME
# Part of the bundled tier's hash: a change to how the bundled files are loaded (e.g. the
# wording of rating reasons) reloads the tier as a new file would.
BUNDLE_LOADER = "2"

BundledRow = tuple[Entry, str, Rating | None]
_bundled_cache: dict[str, list[BundledRow]] = {}  # the last bundled tier read, by its digest
_bundled_lock = threading.Lock()


def bundled_rows(seed: Path | None, ratings: Path | None) -> tuple[str, list[BundledRow]]:
    """The bundled tier's digest and rows: one per key, the OpenSources labels (origin
    bundled:opensources) with the key's rating beside them, or a rating alone (origin
    bundled:ratings). The rows are kept for the process, as every new database (every
    NEWSIFT_HOME) loads the same ones."""

    def read(path: Path | None) -> bytes:
        return path.read_bytes() if path is not None and path.is_file() else b""

    raw, raw_ratings = read(seed), read(ratings)
    sha = hashlib.sha256(BUNDLE_LOADER.encode() + b"\0" + raw)
    digest = sha.hexdigest()[:16] + hashlib.sha256(raw_ratings).hexdigest()[:16]
    with _bundled_lock:
        if digest in _bundled_cache:
            return digest, _bundled_cache[digest]
    entries = [Entry.from_dict(r) for r in json.loads(raw)["records"]] if raw else []
    by_key = {r.key: r for r in read_ratings(ratings)} if raw_ratings and ratings else {}
    labelled = {e.key for e in entries}
    rows: list[BundledRow] = [(e, SEED_ORIGIN, by_key.get(e.key)) for e in entries]
    rows += [
        (Entry(key, [], []), RATINGS_ORIGIN, rating)
        for key, rating in by_key.items()
        if key not in labelled
    ]
    with _bundled_lock:
        _bundled_cache.clear()
        _bundled_cache[digest] = rows
    return digest, rows
