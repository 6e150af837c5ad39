"""Readers for published source lists, normalised to the label vocabulary of `LABELS`.

Formats:
- opensources: OpenSources `sources.json` (domain -> {"type", "2nd type", "3rd type",
  "Source Notes (things to know?)"}) or `sources.csv` (the same columns, domain first).
- baly: `corpus.tsv` of Baly et al. (EMNLP 2018 / ACL 2020): source_url_normalized, fact, bias.
- mbfc: the 2021 Media Bias/Fact Check scrape `mediabiasfactcheck.csv`, whose ratings are names
  of MBFC badge images (image_factual, image_bias, image_conspiracy, image_pseudoscience).

Keys (keys.py): OpenSources entries with a path ("newyorker.com/humor") apply to that section
only. MBFC rates outlets: a URL naming an outlet's front page ("bbc.com/news", "who.int/en") rates
the whole host; any other path, a page on a shared platform ("facebook.com/page") or a path on a
host that has a row of its own applies to that path only.

A row without a usable domain or without any recognised rating is skipped and counted by reason;
an unrecognised value inside an otherwise usable row is dropped and counted. The first row for a
key wins; later duplicates are skipped. A file that is not in the format at all raises InputError.

One module per list (opensources.py, mbfc.py), what they share (parsing.py, outlets.py), and the
two bundled files (seed.py, ratings.py); this package names them all.
"""

from __future__ import annotations

import csv
from pathlib import Path

from newsift.errors import InputError
from newsift.sources.importers.mbfc import read_baly, read_mbfc
from newsift.sources.importers.opensources import opensources_label, read_opensources
from newsift.sources.importers.outlets import FRONT_PAGE_SEGMENTS, SHARED_PLATFORMS, outlet_keys
from newsift.sources.importers.parsing import MAX_IMPORT_BYTES, Entry, ParseResult
from newsift.sources.importers.ratings import (
    IDIAP_CITATION,
    IDIAP_LABELS,
    LIN_CITATION,
    LIN_DOI,
    RATING_SOURCES,
    RATINGS_FORMAT,
    RATINGS_NAME,
    RATINGS_NOTICE,
    RATINGS_ORIGIN,
    Rating,
    idiap_reason,
    lin_reason,
    read_ratings,
)
from newsift.sources.importers.seed import (
    SEED_DIR,
    SEED_FORMAT,
    SEED_NAME,
    SEED_ORIGIN,
    build_seed,
)

FORMATS: dict[str, str] = {
    "opensources": "OpenSources list (sources.json or sources.csv)",
    "baly": "Baly et al. media factuality/bias corpus.tsv",
    "mbfc": "Media Bias/Fact Check scrape (mediabiasfactcheck.csv)",
}

READERS = {"opensources": read_opensources, "baly": read_baly, "mbfc": read_mbfc}


def read(path: Path, fmt: str) -> ParseResult:
    """Parse `path` as format `fmt` (one of FORMATS)."""
    try:
        reader = READERS[fmt]
    except KeyError:
        raise InputError(str(path), f"unknown format {fmt!r}; use {', '.join(FORMATS)}") from None
    try:
        return reader(path)
    except csv.Error as exc:
        raise InputError(str(path), f"unreadable CSV ({exc})") from None


__all__ = [
    "FORMATS",
    "FRONT_PAGE_SEGMENTS",
    "IDIAP_CITATION",
    "IDIAP_LABELS",
    "LIN_CITATION",
    "LIN_DOI",
    "MAX_IMPORT_BYTES",
    "RATINGS_FORMAT",
    "RATINGS_NAME",
    "RATINGS_NOTICE",
    "RATINGS_ORIGIN",
    "RATING_SOURCES",
    "READERS",
    "SEED_DIR",
    "SEED_FORMAT",
    "SEED_NAME",
    "SEED_ORIGIN",
    "SHARED_PLATFORMS",
    "Entry",
    "ParseResult",
    "Rating",
    "build_seed",
    "idiap_reason",
    "lin_reason",
    "opensources_label",
    "outlet_keys",
    "read",
    "read_baly",
    "read_mbfc",
    "read_opensources",
    "read_ratings",
]
