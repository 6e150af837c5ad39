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
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.errors import InputError
from newsift.sources import LABELS
from newsift.sources.keys import normalise_key

FORMATS: dict[str, str] = {
    "opensources": "OpenSources list (sources.json or sources.csv)",
    "baly": "Baly et al. media factuality/bias corpus.tsv",
    "mbfc": "Media Bias/Fact Check scrape (mediabiasfactcheck.csv)",
}

# Sites that host many unrelated publishers under one host: a rating listed for a page there
# ("facebook.com/somepage") applies to that page only, never to the whole site.
SHARED_PLATFORMS = frozenset(
    {
        "facebook.com",
        "youtube.com",
        "twitter.com",
        "instagram.com",
        "medium.com",
        "tumblr.com",
        "wordpress.com",
        "blogspot.com",
        "substack.com",
        "reddit.com",
        "t.me",
        "vk.com",
        "tiktok.com",
        "patreon.com",
        "rumble.com",
        "bitchute.com",
    }
)


@dataclass
class Entry:
    """One source as a list describes it: labels with one reason each."""

    key: str
    labels: list[str]
    reasons: list[str]
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "labels": self.labels,
            "reasons": self.reasons,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        return cls(data["key"], list(data["labels"]), list(data["reasons"]), data.get("notes"))


@dataclass
class ParseResult:
    """What a reader made of a file: entries to store, and counts of what it left out."""

    format: str
    file: str
    entries: list[Entry] = field(default_factory=list)
    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows skipped
    ignored_values: Counter[str] = field(default_factory=Counter)  # unknown value -> times

    @property
    def imported(self) -> int:
        return len(self.entries)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


def _dedupe(result: ParseResult) -> ParseResult:
    seen: dict[str, Entry] = {}
    for entry in result.entries:
        if entry.key in seen:
            result.skip("duplicate domain")
        else:
            seen[entry.key] = entry
    result.entries = list(seen.values())
    return result


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# --- OpenSources --------------------------------------------------------------------------------

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
    for raw in (_clean(t) for t in types):
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
        note = next((_clean(v) for k, v in fields.items() if k.startswith("source notes")), "")
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
    text = _read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        _opensources_json(text, result)
    else:
        _opensources_csv(text, result)
    return _dedupe(result)


# --- Media Bias/Fact Check ratings (MBFC scrape and Baly et al.) --------------------------------

# Path segments of an outlet's front page ("bbc.com/news", "who.int/en", "rt.com/english").
FRONT_PAGE_SEGMENTS = frozenset(
    {"en", "en-us", "en-gb", "english", "inenglish", "us", "uk", "intl", "international",
     "news", "home", "homepage", "main_page", "world", "sections", "ushome"}
)  # fmt: skip


def _outlet_key(url_key: str, root_hosts: set[str]) -> str:
    """Where an MBFC rating of the outlet at `url_key` applies.

    MBFC rates outlets. A URL naming the outlet's front page ("bbc.com/news") rates the whole
    host, unless the host has a row of its own or is a platform hosting many publishers. Any
    other path ("newyorker.com/humor/borowitz-report") is a section with its own character,
    and the rating applies to that section only.
    """
    host, _, path = url_key.partition("/")
    if not path or host in root_hosts or host in SHARED_PLATFORMS:
        return url_key
    return host if all(seg in FRONT_PAGE_SEGMENTS for seg in path.split("/")) else url_key


def outlet_keys(url_keys: list[str]) -> list[str]:
    """Where the ratings of the outlets at `url_keys` apply, in order (see _outlet_key).

    Shared by the MBFC readers and the bundled domain quality ratings, whose lists rate outlets
    in the same way.
    """
    root_hosts = {key for key in url_keys if "/" not in key}
    return [_outlet_key(key, root_hosts) for key in url_keys]


def _place_outlets(rated: list[Entry], result: ParseResult) -> None:
    for entry, key in zip(rated, outlet_keys([e.key for e in rated]), strict=True):
        entry.key = key
        result.add(entry)


# --- Baly et al. --------------------------------------------------------------------------------

_BALY_FACT = {"low": "low_factuality", "mixed": "mixed_factuality", "high": "high_factuality"}
_BIAS = {
    "extreme-left": "extreme_left",
    "left": "left",
    "left-center": "left_center",
    "center": "center",
    "right-center": "right_center",
    "right": "right",
    "extreme-right": "extreme_right",
}


def _table(path: Path, delimiter: str, required: set[str], result: ParseResult) -> Iterator[dict]:
    """Rows of a CSV/TSV with a header holding every column in `required`."""
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""), delimiter=delimiter)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise InputError(result.file, f"missing column(s) {', '.join(sorted(missing))}")
    for row in reader:
        if not any(_clean(v) for v in row.values() if isinstance(v, str)):
            continue
        result.rows += 1
        if None in row or any(row.get(col) is None for col in required):
            result.skip("malformed row")  # too many or too few cells
            continue
        yield row


def read_baly(path: Path) -> ParseResult:
    result = ParseResult("baly", str(path))
    rated: list[Entry] = []
    rows = _table(path, "\t", {"source_url_normalized", "fact", "bias"}, result)
    for row in rows:
        # source_url keeps a path that source_url_normalized flattens ("rt.com-news")
        key = normalise_key(_clean(row.get("source_url"))) or normalise_key(
            _clean(row["source_url_normalized"])
        )
        if key is None:
            result.skip("no valid domain")
            continue
        labels, reasons = [], []
        for kind, raw, table in (
            ("factual reporting", _clean(row["fact"]).lower(), _BALY_FACT),
            ("political bias", _clean(row["bias"]).lower(), _BIAS),
        ):
            if not raw:
                continue
            label = table.get(raw)
            if label is None:
                result.ignored_values[f"{kind} {raw!r}"] += 1
                continue
            labels.append(label)
            reasons.append(
                f"Rated '{raw}' for {kind} by Media Bias/Fact Check (as published by "
                f"Baly et al.): {LABELS[label]}."
            )
        if not labels:
            result.skip("no recognised rating")
            continue
        ref = _clean(row.get("ref"))
        rated.append(Entry(key, labels, reasons, f"MBFC page: {ref}" if ref else None))
    _place_outlets(rated, result)
    return _dedupe(result)


# --- Media Bias/Fact Check scrape ---------------------------------------------------------------

# badge image stem -> (label, how MBFC words it)
_MBFC_FACTUAL = {
    "mbfcverylow": ("low_factuality", "Very Low"),
    "mbfclow": ("low_factuality", "Low"),
    "mbfcmixed": ("mixed_factuality", "Mixed"),
    "mbfcmostlyfactual": ("high_factuality", "Mostly Factual"),
    "mbfchigh": ("high_factuality", "High"),
    "mbfcveryhigh": ("high_factuality", "Very High"),
}
_MBFC_BIAS = {
    "extremeleft": ("extreme_left", "Extreme Left"),
    "left": ("left", "Left"),
    "leftcenter": ("left_center", "Left-Center"),
    "leastbiased": ("center", "Least Biased"),
    "rightcenter": ("right_center", "Right-Center"),
    "right": ("right", "Right"),
    "extremeright": ("extreme_right", "Extreme Right"),
    "proscience": ("pro_science", "Pro-Science"),
    "satirelabel": ("satire", "Satire"),
    "satire": ("satire", "Satire"),
    "conspiracy": ("conspiracy", "Conspiracy-Pseudoscience"),
    "questionable": ("questionable", "Questionable Source"),
    "fakenews": ("questionable", "Questionable Source"),
}
_MBFC_LEVEL = re.compile(r"^(con|pseudo)([1-5])$")
_EMBEDDED_URL = re.compile(r"https?://[^\s()]+")
_MBFC_COLUMNS = {"url", "image_factual", "image_bias", "image_conspiracy", "image_pseudoscience"}


def _badge(value: str) -> str:
    """'right.?.?.?.png' -> 'right'; 'MBFCHigh.png' -> 'mbfchigh'."""
    return value.strip().split("/")[-1].split(".")[0].lower()


def _mbfc_url(value: str) -> str:
    """The URL inside a cell such as 'The Brunswick News (https://thebrunswicknews.com)'."""
    match = _EMBEDDED_URL.search(value)
    return match.group(0) if match else value


def _mbfc_labels(row: dict, result: ParseResult) -> tuple[list[str], list[str]]:
    labels: list[str] = []
    reasons: list[str] = []

    def add(label: str, reason: str) -> None:
        if label not in labels:
            labels.append(label)
            reasons.append(f"{reason}: {LABELS[label]}.")

    factual = _badge(_clean(row["image_factual"]))
    if factual:
        if factual in _MBFC_FACTUAL:
            label, words = _MBFC_FACTUAL[factual]
            add(label, f"Rated '{words}' for factual reporting by Media Bias/Fact Check")
        else:
            result.ignored_values[f"image_factual {factual!r}"] += 1
    for column, kind, label in (
        ("image_conspiracy", "conspiracy", "conspiracy"),
        ("image_pseudoscience", "pseudoscience", "junksci"),
    ):
        badge = _badge(_clean(row[column]))
        match = _MBFC_LEVEL.match(badge)
        if match:
            add(
                label,
                "Listed by Media Bias/Fact Check as conspiracy-pseudoscience "
                f"({kind} level {match.group(2)} of 5)",
            )
        elif badge:
            result.ignored_values[f"{column} {badge!r}"] += 1
    bias = _badge(_clean(row["image_bias"]))
    if bias:
        if bias in _MBFC_BIAS:
            label, words = _MBFC_BIAS[bias]
            add(label, f"Rated '{words}' by Media Bias/Fact Check")
        else:
            result.ignored_values[f"image_bias {bias!r}"] += 1
    return labels, reasons


def read_mbfc(path: Path) -> ParseResult:
    result = ParseResult("mbfc", str(path))
    rated: list[Entry] = []  # keyed by the URL; _place_outlets decides host or section
    for row in _table(path, ",", _MBFC_COLUMNS, result):
        url_key = normalise_key(_mbfc_url(_clean(row["url"])))
        if url_key is None:
            result.skip("no valid domain")
            continue
        labels, reasons = _mbfc_labels(row, result)
        if not labels:
            result.skip("no recognised rating")
            continue
        name, country = _clean(row.get("name")), _clean(row.get("country"))
        notes = "; ".join(part for part in (name, f"country: {country}" if country else "") if part)
        rated.append(Entry(url_key, labels, reasons, notes or None))
    _place_outlets(rated, result)
    return _dedupe(result)


# --- shared -------------------------------------------------------------------------------------

READERS = {"opensources": read_opensources, "baly": read_baly, "mbfc": read_mbfc}


# The largest list read: the 2021 MBFC scrape is 1.3 MB, OpenSources 0.2 MB. A cap keeps
# `/dev/zero` or a runaway file from exhausting memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def _read_text(path: Path) -> str:
    """The file's text (bad UTF-8 replaced); only a regular file of at most MAX_IMPORT_BYTES."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(mode):  # a FIFO would block for ever, /dev/zero never ends
            raise InputError(str(path), "not a regular file")
        with path.open("rb") as f:
            data = f.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from None
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise InputError(str(path), f"larger than {limit} MB; not a source list")
    text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it


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


# --- the bundled seed ---------------------------------------------------------------------------

SEED_FORMAT = "newsift-source-seed/1"
SEED_ORIGIN = "bundled:opensources"
SEED_NAME = "opensources.json"
SEED_DIR = Path(__file__).parent / "data"


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


# --- the bundled domain quality ratings ---------------------------------------------------------

# Built by tools/build_source_ratings.py; see data/RATINGS-NOTICE.md for the sources, their
# licences and the rule that combines them.
RATINGS_FORMAT = "newsift-source-ratings/1"
RATINGS_ORIGIN = "bundled:ratings"  # a bundled record with a rating and no OpenSources labels
RATINGS_NAME = "ratings.json"
RATINGS_NOTICE = "RATINGS-NOTICE.md"
LIN_DOI = "10.1093/pnasnexus/pgad286"
LIN_CITATION = (
    "Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., & Pennycook, G. "
    "(2023). High level of correspondence across different news domain quality rating sets. "
    f"PNAS Nexus 2(9), pgad286. doi:{LIN_DOI}"
)
IDIAP_CITATION = (  # as the data's SOURCE.md gives it
    'Burdisso, Sanchez-Cortes, Villatoro-Tello & Motlicek, "Reliability Estimation of News Media '
    'Sources: Birds of a Feather Flock Together", NAACL 2024.'
)
# Where a rating comes from: the two bundled lists, or the user's own entry.
RATING_SOURCES = {
    "lin2023": "Lin et al. 2023 aggregate domain quality (first principal component of six "
    "expert rating sets)",
    "idiap2024": "Burdisso et al. 2024 golden reliability label, as a number (see "
    "RATINGS-NOTICE.md)",
    "user": "your own rating (newsift sources set --rating)",
}
IDIAP_LABELS = {1: "reliable", 0: "mixed", -1: "unreliable", -2: "very unreliable"}
_IDIAP_LABEL_SOURCES = {
    "mbfc": "from Media Bias/Fact Check",
    "newsguard": "from NewsGuard",
    "wikipedia": "from Wikipedia's perennial sources list",
    "manual": "manual annotation",
}


@dataclass(frozen=True)
class Rating:
    """A domain's quality on a 0 (lowest) .. 1 (highest) scale, with where it comes from."""

    key: str
    rating: float
    source: str  # a key of RATING_SOURCES
    reason: str  # one sentence with the citation, shown beside the figure


def lin_reason(rating: float) -> str:
    return f"Lin et al. 2023 aggregate domain quality {rating:.2f} (PNAS Nexus, doi:{LIN_DOI})"


def idiap_reason(rating: float, label: int, label_source: str, overlap: int) -> str:
    by = _IDIAP_LABEL_SOURCES.get(label_source, label_source or "source not given")
    return (
        f"Burdisso et al. 2024 (NAACL) label '{IDIAP_LABELS.get(label, label)}' ({by}), not "
        f"rated by Lin et al. 2023, as {rating:.2f}: the mean Lin et al. 2023 quality of the "
        f"{overlap} domains both rate that carry this label (PNAS Nexus, doi:{LIN_DOI})"
    )


def read_ratings(path: Path) -> list[Rating]:
    """The records of a bundled ratings file (RATINGS_FORMAT, written by the build tool).

    Records are [key, rating, "lin2023"] or [key, rating, "idiap2024", label, label_source];
    the file's "idiap_label_mapping" gives how many domains each label's figure rests on.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"unreadable ratings file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != RATINGS_FORMAT:
        raise InputError(str(path), f"not a {RATINGS_FORMAT} file")
    overlap = {
        int(label): int(row["overlap"]) for label, row in data["idiap_label_mapping"].items()
    }
    ratings = []
    for key, rating, source, *rest in data["records"]:
        if source == "lin2023":
            reason = lin_reason(rating)
        else:
            label, label_source = rest
            reason = idiap_reason(rating, label, label_source, overlap.get(label, 0))
        ratings.append(Rating(key, float(rating), source, reason))
    return ratings
