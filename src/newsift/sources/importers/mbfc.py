"""Readers for Media Bias/Fact Check ratings.

- baly: `corpus.tsv` of Baly et al. (EMNLP 2018 / ACL 2020): source_url_normalized, fact, bias.
- mbfc: the 2021 Media Bias/Fact Check scrape `mediabiasfactcheck.csv`, whose ratings are names
  of MBFC badge images (image_factual, image_bias, image_conspiracy, image_pseudoscience).

MBFC rates outlets: outlets.py decides whether a rating applies to a host or to a section.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsift.sources import LABELS
from newsift.sources.importers.outlets import place_outlets
from newsift.sources.importers.parsing import Entry, ParseResult, clean, dedupe, read_table
from newsift.sources.keys import normalise_key

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


def read_baly(path: Path) -> ParseResult:
    result = ParseResult("baly", str(path))
    rated: list[Entry] = []
    rows = read_table(path, "\t", {"source_url_normalized", "fact", "bias"}, result)
    for row in rows:
        # source_url keeps a path that source_url_normalized flattens ("rt.com-news")
        key = normalise_key(clean(row.get("source_url"))) or normalise_key(
            clean(row["source_url_normalized"])
        )
        if key is None:
            result.skip("no valid domain")
            continue
        labels, reasons = [], []
        for kind, raw, table in (
            ("factual reporting", clean(row["fact"]).lower(), _BALY_FACT),
            ("political bias", clean(row["bias"]).lower(), _BIAS),
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
        ref = clean(row.get("ref"))
        rated.append(Entry(key, labels, reasons, f"MBFC page: {ref}" if ref else None))
    place_outlets(rated, result)
    return dedupe(result)


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

    factual = _badge(clean(row["image_factual"]))
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
        badge = _badge(clean(row[column]))
        match = _MBFC_LEVEL.match(badge)
        if match:
            add(
                label,
                "Listed by Media Bias/Fact Check as conspiracy-pseudoscience "
                f"({kind} level {match.group(2)} of 5)",
            )
        elif badge:
            result.ignored_values[f"{column} {badge!r}"] += 1
    bias = _badge(clean(row["image_bias"]))
    if bias:
        if bias in _MBFC_BIAS:
            label, words = _MBFC_BIAS[bias]
            add(label, f"Rated '{words}' by Media Bias/Fact Check")
        else:
            result.ignored_values[f"image_bias {bias!r}"] += 1
    return labels, reasons


def read_mbfc(path: Path) -> ParseResult:
    result = ParseResult("mbfc", str(path))
    rated: list[Entry] = []  # keyed by the URL; place_outlets decides host or section
    for row in read_table(path, ",", _MBFC_COLUMNS, result):
        url_key = normalise_key(_mbfc_url(clean(row["url"])))
        if url_key is None:
            result.skip("no valid domain")
            continue
        labels, reasons = _mbfc_labels(row, result)
        if not labels:
            result.skip("no recognised rating")
            continue
        name, country = clean(row.get("name")), clean(row.get("country"))
        notes = "; ".join(part for part in (name, f"country: {country}" if country else "") if part)
        rated.append(Entry(url_key, labels, reasons, notes or None))
    place_outlets(rated, result)
    return dedupe(result)
