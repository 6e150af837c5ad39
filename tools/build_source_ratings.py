"""Build the bundled domain quality ratings: `src/newsift/sources/data/ratings.json` and
`RATINGS-NOTICE.md` beside it (plus a copy of the idiap data's Apache-2.0 licence).

Developer tool, not used at run time; it needs only newsift itself:

    python tools/build_source_ratings.py ../shared/data [--out src/newsift/sources/data]

The data root holds `lin2023_domain_quality/domain_pc1.csv` (Lin et al., PNAS Nexus 2023) and
`idiap_news_media_reliability/golden_truth_dataset.csv` (Burdisso et al., NAACL 2024).

Combination rule:
- Lin et al.'s pc1 (0 lowest .. 1 highest quality) is primary: a domain Lin rates gets its pc1.
- A domain Lin does not rate, but idiap's golden truth labels, gets a number for its label: the
  mean Lin pc1 of the domains that both lists rate and that carry that idiap label (computed
  here, by `label_mapping`). So every figure is on Lin's scale, and a label stands for what the
  expert aggregate says on average about the outlets idiap gives that label.
- idiap's graph-estimated scores (reliability_scores.json) are not used: they are inferred from
  the hyperlink structure of CC-News, not an expert judgement of the outlet.

Domains are normalised as every list in newsift is (newsift.sources.keys.normalise_key, then
importers.outlet_keys as for MBFC), so a rating matches exactly the lookups a label would.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import shutil
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.sources.importers import (
    IDIAP_CITATION,
    IDIAP_LABELS,
    LIN_CITATION,
    RATINGS_FORMAT,
    RATINGS_NAME,
    RATINGS_NOTICE,
    RATINGS_ORIGIN,
    SHARED_PLATFORMS,
    outlet_keys,
)
from newsift.sources.keys import normalise_key

LIN_DIR, LIN_FILE = "lin2023_domain_quality", "domain_pc1.csv"
IDIAP_DIR, IDIAP_FILE = "idiap_news_media_reliability", "golden_truth_dataset.csv"
IDIAP_LICENCE_COPY = "IDIAP-LICENSE-APACHE-2.0.txt"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "newsift" / "sources" / "data"
DIGITS = 3  # ratings are stored to 3 decimals; the means are taken at full precision
EXAMPLES = 5  # skipped domains named per reason in the NOTICE


@dataclass
class ListRead:
    """One list, keyed by normalised domain, with what was left out and why."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, reason: str, domain: str) -> None:
        self.skipped[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < EXAMPLES:
            shown.append(domain)


def _rows(path: Path, required: set[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise SystemExit(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return list(reader)


def _key_values(read: ListRead, rows: list[tuple[str, Any]]) -> None:
    """Store (domain, value) rows under their keys. A domain that is not registrable is skipped,
    and so is a platform hosting many publishers as a whole (a blog or page on it is kept, as
    for the MBFC lists); of two rows with one key, a row spelled as the key ("cbn.com") wins
    over one that only normalises to it ("www1.cbn.com"), else the first."""
    valid: list[tuple[str, str, Any]] = []
    for raw, value in rows:
        key = normalise_key(raw)
        if key is None:
            read.skip("not a registrable domain", raw)
        else:
            valid.append((raw, key, value))
    exact: dict[str, str] = {}  # key -> raw spelling kept
    for (raw, _, value), key in zip(valid, outlet_keys([k for _, k, _ in valid]), strict=True):
        if key in SHARED_PLATFORMS:  # blogspot.com, youtube.com: the rating would cover every
            read.skip("a platform hosting many publishers", raw)  # blog and channel on it
            continue
        spelled = raw.strip().lower() == key
        if key not in read.values:
            read.values[key], exact[key] = value, raw
        elif spelled and exact[key].strip().lower() != key:
            read.skip("duplicate domain", exact[key])
            read.values[key], exact[key] = value, raw
        else:
            read.skip("duplicate domain", raw)


def read_lin(path: Path) -> ListRead:
    read = ListRead("lin2023")
    rows: list[tuple[str, float]] = []
    for row in _rows(path, {"domain", "pc1"}):
        read.rows += 1
        domain = (row["domain"] or "").strip()
        try:
            pc1 = float(row["pc1"])
        except (TypeError, ValueError):
            pc1 = math.nan
        if not 0.0 <= pc1 <= 1.0:  # also NaN
            read.skip("pc1 not a number in 0..1", domain)
            continue
        rows.append((domain, pc1))
    _key_values(read, rows)
    return read


def read_idiap(path: Path) -> ListRead:
    read = ListRead("idiap2024")
    rows: list[tuple[str, tuple[int, str]]] = []
    for row in _rows(path, {"domain", "reliability_label", "label_source"}):
        read.rows += 1
        domain = (row["domain"] or "").strip()
        try:
            label = int((row["reliability_label"] or "").strip())
        except ValueError:
            label = None
        if label not in IDIAP_LABELS:
            read.skip("reliability_label not one of 1, 0, -1, -2", domain)
            continue
        rows.append((domain, (label, (row["label_source"] or "").strip().lower())))
    _key_values(read, rows)
    return read


def label_mapping(lin: ListRead, idiap: ListRead) -> dict[int, tuple[float, int]]:
    """idiap label -> (mean Lin pc1 of the domains both rate that carry the label, how many).

    A label no domain of Lin's carries has no number, and its idiap-only domains no rating."""
    mapping: dict[int, tuple[float, int]] = {}
    for label in sorted(IDIAP_LABELS, reverse=True):
        carrying = [k for k, (lab, _) in idiap.values.items() if lab == label]
        pc1 = [lin.values[k] for k in carrying if k in lin.values]
        if pc1:
            mapping[label] = (round(statistics.fmean(pc1), DIGITS), len(pc1))
    return mapping


def combine(lin: ListRead, idiap: ListRead, mapping: dict[int, tuple[float, int]]) -> list[list]:
    """Records sorted by key: [key, rating, "lin2023"] or [key, rating, "idiap2024", label,
    label_source]."""
    records: list[list] = []
    for key in sorted(lin.values.keys() | idiap.values.keys()):
        if key in lin.values:
            records.append([key, round(lin.values[key], DIGITS), "lin2023"])
            continue
        label, label_source = idiap.values[key]
        if label not in mapping:
            idiap.skip("label carried by no domain Lin rates", key)
            continue
        records.append([key, mapping[label][0], "idiap2024", label, label_source])
    return records


def _provenance(folder: Path) -> str | None:
    """'owner/repo @ commit (date)' from the data folder's SOURCE.md, when it says."""
    source_md = folder / "SOURCE.md"
    text = source_md.read_text(encoding="utf-8") if source_md.is_file() else ""
    match = re.search(r"Repository:\s*([\w.-]+/[\w.-]+)\s*@\s*([0-9a-f]{40})(\s*\([\d-]+\))?", text)
    return " @ ".join(match.group(1, 2)) + (match.group(3) or "") if match else None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def ratings_json(head: dict[str, Any], records: list[list]) -> str:
    """JSON with one record per line: compact, and a changed rating is a one-line diff."""
    lines = [f" {_dumps(k)}: {_dumps(v)}" for k, v in head.items()]
    body = ",\n".join(f"  {_dumps(r)}" for r in records)
    return "{\n" + ",\n".join(lines) + ',\n "records": [\n' + body + "\n ]\n}\n"


def _skips(read: ListRead) -> str:
    if not read.skipped:
        return "none"

    def shown(domains: list[str]) -> str:
        return ", ".join(f"`{d}`" if d else "(empty)" for d in domains)

    return "; ".join(
        f"{n} {reason} (e.g. {shown(read.examples[reason])})"
        for reason, n in sorted(read.skipped.items())
    )


def notice(summary: dict[str, Any], licence_copied: bool) -> str:
    """RATINGS-NOTICE.md: the sources, their licences, the rule, its figures and the counts."""
    lin, idiap = summary["sources"]["lin2023"], summary["sources"]["idiap2024"]
    counts, keys, rows = summary["counts"], summary["keys"], summary["rows"]
    n_records, n_lin, n_idiap = counts["records"], counts["lin2023"], counts["idiap2024"]
    lin_skips = _skips(summary["_reads"]["lin2023"])
    idiap_skips = _skips(summary["_reads"]["idiap2024"])
    table = "\n".join(
        f"| {row['label']} ({label}) | {row['rating']:.3f} | {row['overlap']} | "
        f"{counts['idiap2024_by_label'].get(label, 0)} |"
        for label, row in summary["idiap_label_mapping"].items()
    )
    licence = (
        f"Apache License 2.0; its text is in `{IDIAP_LICENCE_COPY}` beside this file"
        if licence_copied
        else "Apache License 2.0 (the data folder had no LICENSE file to copy)"
    )
    return f"""# Domain quality ratings: sources, licences and how they are combined

`{RATINGS_NAME}` in this folder gives {n_records:,} news domains a quality rating from 0
(lowest) to 1 (highest). `newsift sources lookup DOMAIN` shows the figure with its source and
citation; the source detector reports it as evidence. It is generated, with this file, by
`tools/build_source_ratings.py` (run `python tools/build_source_ratings.py /path/to/data`).

## Sources

1. **Lin et al. 2023**: {LIN_CITATION}
   Data: {lin["data"] or "hauselin/domain-quality-ratings"}, file `data/domain_pc1.csv`.
   Licence: the repository has no licence file; its README says "Feel free to reuse the data or
   contribute". The figures are the authors'; cite the paper with any use of them.
2. **Burdisso et al. 2024** (idiap): {IDIAP_CITATION}
   Data: {idiap["data"] or "idiap/News-Media-Reliability"}, file
   `data/golden_truth/golden_truth_dataset.csv` (columns domain, reliability_label, label_source).
   Licence: {licence}.
   The authors collected the labels from Media Bias/Fact Check, NewsGuard, Wikipedia's perennial
   sources list and manual annotation (column label_source).

Not used: idiap's graph-estimated scores (`reliability_scores.json`), its Wikipedia list, and
Lin et al.'s per-set columns (`domain_ratings.csv`, imputed values).

## The combination rule

- **Lin et al.'s pc1 is primary.** A domain Lin et al. rate gets its pc1, rounded to 3 decimals
  (recorded as source `lin2023`).
- **idiap's golden labels fill the gaps, as numbers on Lin's scale.** A domain Lin et al. do not
  rate, but idiap labels, gets the mean Lin pc1 of the domains that both lists rate and that carry
  the same idiap label (source `idiap2024`; the label and its label_source are kept in the record):

| idiap label | rating given | domains the mean rests on (in both) | idiap-only domains given it |
|---|---|---|---|
{table}

Why this way:

- Lin et al. aggregate six expert rating sets (NewsGuard-style criteria, Ad Fontes Media,
  Iffy/fact-checker lists, Media Bias/Fact Check, Lewandowsky et al.'s expert survey, MisinfoMe)
  into one continuous figure, and show that the sets agree closely. It is the broadest expert
  judgement available, so where it speaks it decides.
- idiap's labels are coarser (four levels) and mix sources and methods; some are surprising
  (aljazeera.com and wikipedia.org are labelled unreliable, where Lin et al. give 0.78 and
  0.83). They are used only where Lin et al. are silent, and expressed by what the expert
  aggregate says on average about outlets with that label, so that every figure is on one scale
  and a label is never given more precision than it has.
- idiap's graph scores are estimated from the hyperlink structure of the CC-News crawl (which
  sites link to which), not an expert judgement of the outlet; the authors present them as
  estimates. newsift shows each rating as someone's judgement, with its citation, so they have no
  place here.

## Domains and counts

Domains are normalised as for every list newsift reads (`newsift.sources.keys.normalise_key`:
lower case, a leading `www.` removed, the registered domain taken from the Public Suffix List, a
path kept as a section of the site; a front-page path such as `/en` rates the whole host unless
the host has a row of its own, as for Media Bias/Fact Check). Of two rows with one key, the row
spelled as the key wins. A platform that hosts many publishers (blogspot.com, youtube.com,
facebook.com, ...; `importers.SHARED_PLATFORMS`) is not rated as a whole, since its figure would
then cover every blog, channel and page on it; a blog or page on it keeps its own rating.

- Lin et al.: {rows["lin2023"]:,} rows, {n_lin:,} domains rated; skipped: {lin_skips}.
- idiap: {rows["idiap2024"]:,} rows, {keys["idiap2024"]:,} domains, of which {keys["overlap"]:,} are
  also rated by Lin et al. (Lin et al.'s figure is used) and {n_idiap:,} are rated from their
  label only; skipped: {idiap_skips}.
- In all {n_records:,} domains: {n_lin:,} from Lin et al., {n_idiap:,} from idiap only.

## Limits

- The ratings date from 2019-2022; outlets change owner and character.
- Lin et al.'s pc1 rests on imputed values where a domain was rated by few of the six sets.
- An idiap-derived figure is the average of a whole label: it says nothing about where in that
  band an outlet lies. The `very unreliable` figure rests on few domains.
- A rating is a prior about the publisher, never a verdict on an article. A user's own rating
  (`newsift sources set DOMAIN --rating 0.8`) takes precedence over the bundled one.
"""


def build(data_root: Path, out_dir: Path = DEFAULT_OUT) -> dict[str, Any]:
    """Read both lists under `data_root`, write ratings.json and the NOTICE; the summary."""
    lin = read_lin(data_root / LIN_DIR / LIN_FILE)
    idiap = read_idiap(data_root / IDIAP_DIR / IDIAP_FILE)
    mapping = label_mapping(lin, idiap)
    records = combine(lin, idiap, mapping)
    by_label = Counter(r[3] for r in records if r[2] == "idiap2024")
    counts = {
        "records": len(records),
        "lin2023": sum(r[2] == "lin2023" for r in records),
        "idiap2024": sum(r[2] == "idiap2024" for r in records),
        "idiap2024_by_label": {label: by_label[label] for label in mapping},
    }
    head = {
        "format": RATINGS_FORMAT,
        "origin": RATINGS_ORIGIN,
        "scale": "0 lowest .. 1 highest quality",
        "sources": {
            "lin2023": {"citation": LIN_CITATION, "data": _provenance(data_root / LIN_DIR)},
            "idiap2024": {"citation": IDIAP_CITATION, "data": _provenance(data_root / IDIAP_DIR)},
        },
        "rule": "lin2023: Lin et al. pc1. idiap2024 (only where Lin has no rating): the mean "
        "Lin pc1 of the domains both rate that carry the same idiap golden label.",
        "idiap_label_mapping": {
            label: {"label": IDIAP_LABELS[label], "rating": rating, "overlap": n}
            for label, (rating, n) in mapping.items()
        },
        "rows": {"lin2023": lin.rows, "idiap2024": idiap.rows},
        "keys": {
            "lin2023": len(lin.values),
            "idiap2024": len(idiap.values),
            "overlap": len(lin.values.keys() & idiap.values.keys()),
        },
        "counts": counts,
        "skipped": {"lin2023": dict(lin.skipped), "idiap2024": dict(idiap.skipped)},
        "notice": RATINGS_NOTICE,
        "rebuild": "python tools/build_source_ratings.py /path/to/data",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / RATINGS_NAME).write_text(ratings_json(head, records), encoding="utf-8")
    licence = data_root / IDIAP_DIR / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, out_dir / IDIAP_LICENCE_COPY)
    else:
        print(f"warning: {licence} not found; not copied", file=sys.stderr)
    summary = head | {"_reads": {"lin2023": lin, "idiap2024": idiap}}
    (out_dir / RATINGS_NOTICE).write_text(notice(summary, licence.is_file()), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help=f"the folder holding {LIN_DIR}/ and {IDIAP_DIR}/")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    summary = build(args.data, args.out)
    counts = summary["counts"]
    print(
        f"wrote {args.out / RATINGS_NAME}: {counts['records']} domains, {counts['lin2023']} from "
        f"Lin et al. 2023, {counts['idiap2024']} from idiap labels only"
    )
    for label, row in summary["idiap_label_mapping"].items():
        name, rating, n = row["label"], row["rating"], row["overlap"]
        print(f"  idiap {label:>2} {name:16s} -> {rating:.3f} (mean of {n} domains in both)")
    for name, skipped in summary["skipped"].items():
        for reason, n in sorted(skipped.items()):
            print(f"  {name}: skipped {n}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
