"""A small synthetic corpus for the corpus report tests: rows as `newsift batch` writes them.

Deterministic (seeded): 6 outlets, 120 articles, most dated over two months, propaganda
findings in the outlet's own voice and in quotes, contributions JSON, errors and two runs. One
outlet and one title are hostile HTML.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newsift.corpus.schema import TABLES, ddl, names
from newsift.findings import CATEGORIES
from newsift.scoring.points import RELIABLE_AT, UNRELIABLE_BELOW

HOSTILE = "<script>alert(1)</script>"
# (domain, source, mean score, source labels or None when not on record, rating)
OUTLETS = (
    ("wire.example", "Wire", 78.0, "reliable,high_factuality", 0.9),
    ("herald.example", "Herald", 62.0, "center", None),
    ("truthpatriot.example", "Truth Patriot", 24.0, "fake,conspiracy", 0.1),
    ("blog.example", None, 48.0, None, None),
    (None, "Metro Weekly", 55.0, None, None),
    (None, HOSTILE, 35.0, None, None),
)
ARTICLES_PER_OUTLET = (34, 26, 24, 16, 12, 8)
TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling", "Doubt", "Flag-Waving")


@dataclass
class Corpus:
    articles: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)

    def rows(self, table: str) -> list[dict[str, Any]]:
        return getattr(self, table)


def band(score: float) -> str:
    if score >= RELIABLE_AT:
        return "reliable"
    return "unreliable" if score < UNRELIABLE_BELOW else "mixed"


def _contributions(rng: random.Random, score: float) -> str:
    signals = [
        ("source_record", "source", "The publisher is on record."),
        ("loaded_wording", "propaganda", "Loaded or emotive wording."),
        ("missing_byline", "sourcing", "No byline."),
        ("exclamations", "text_quality", "Exclamation marks are overused."),
        ("attribution", "sourcing", "Facts are attributed."),
    ]
    items = []
    for signal, category, explanation in signals:
        points = round(rng.uniform(-20, 10) if score < 60 else rng.uniform(-6, 12), 2)
        items.append(
            {
                "signal": signal,
                "category": category,
                "points": points,
                "explanation": explanation,
                "findings": [0],
            }
        )
    return json.dumps(items)


def make_corpus(seed: int = 12) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    serial = 0
    for (domain, source, mean, labels, rating), count in zip(
        OUTLETS, ARTICLES_PER_OUTLET, strict=True
    ):
        for k in range(count):
            serial += 1
            art_id = f"a{serial:04d}"
            score = round(min(max(rng.gauss(mean, 12), 0.0), 100.0), 2)
            if k % 9 == 4:
                date = None
            elif k % 11 == 7:
                date = "yesterday"
            else:
                day = rng.randrange(0, 60)
                date = f"2024-{3 + day // 30:02d}-{1 + day % 30:02d}T08:30:00Z"
            words = rng.randrange(300, 1200)
            title = HOSTILE if serial == 5 else f"Story {serial} from {source or domain}"
            url = f"https://{domain}/story/{serial}" if domain else None
            if serial == 5:  # hostile: among the lowest scored, so it is shown with a link
                url, score = "javascript:alert(1)", 1.5
            row = {name: None for name in names("articles")}
            row.update(
                id=art_id,
                input="corpus.jsonl",
                position=f"line {serial}",
                url=url,
                domain=domain,
                source=source,
                title=title,
                date=date,
                language="en",
                words=words,
                score=score,
                band=band(score),
                confidence=0.7,
                method="rules-v0",
                source_found=labels is not None,
                source_labels=labels or "",
                source_rating=rating,
                contributions=_contributions(rng, score),
                newsift_version="0.1.0",
                run_id="run1" if serial <= 80 else "run2",
            )
            n_own = 0
            for _ in range(rng.randrange(0, 4 if mean < 50 else 2)):
                technique = rng.choice(TECHNIQUES)
                corpus.findings.append(_finding(art_id, technique, "own"))
                n_own += 1
            if k % 3 == 0:  # a quoted technique and a sentence-level finding: not counted
                corpus.findings.append(_finding(art_id, "Flag-Waving", "quoted"))
                corpus.findings.append(_finding(art_id, "propaganda_sentence", "own"))
            for category in CATEGORIES:
                row[f"n_{category}"] = n_own if category == "propaganda" else 0
            corpus.articles.append(row)
    corpus.errors = [
        {
            "input": "corpus.jsonl",
            "position": f"line {n}",
            "id": None,
            "reason": reason,
            "run_id": "run1",
        }  # fmt: skip
        for n, reason in (
            (200, "broken JSON line"),
            (201, "broken JSON line"),
            (202, "empty: no text"),
            (203, f"binary {HOSTILE}"),
        )
    ]
    corpus.runs = [
        _run("run1", "2024-05-01T10:00:00Z", "2024-05-01T10:05:00Z", 80, 4, 0),
        _run("run2", "2024-05-02T10:00:00Z", "2024-05-02T10:03:00Z", 40, 0, 80),
    ]
    return corpus


def _finding(article_id: str, label: str, voice: str) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "detector": "propaganda",
        "category": "propaganda",
        "label": label,
        "start": 0,
        "end": 10,
        "score": 0.8,
        "quoted": voice == "quoted",
        "voice": voice,
        "text": "a phrase",
        "explanation": f"{label}: a technique.",
    }


def _run(run_id: str, started: str, ended: str, articles: int, errors: int, skipped: int):
    return {
        "run_id": run_id,
        "started": started,
        "ended": ended,
        "arguments": json.dumps(["corpus.jsonl"]),
        "newsift_version": "0.1.0",
        "engine": "local",
        "workers": 2,
        "articles": articles,
        "errors": errors,
        "skipped": skipped,
    }


def insert(con: duckdb.DuckDBPyConnection, corpus: Corpus, tables=TABLES) -> None:
    for table in tables:
        con.execute(ddl(table))
        rows = corpus.rows(table)
        if rows:
            cols = names(table)
            quoted = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            con.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                [[row[c] for c in cols] for row in rows],
            )


def write_duckdb(path: Path, corpus: Corpus, tables=TABLES) -> Path:
    con = duckdb.connect(str(path))
    try:
        insert(con, corpus, tables)
    finally:
        con.close()
    return path


def write_parquet_dir(folder: Path, corpus: Corpus) -> Path:
    """DIR/<table>/part-0.parquet for each table with rows; an empty folder for the others."""
    con = duckdb.connect(":memory:")
    try:
        insert(con, corpus)
        for table in TABLES:
            (folder / table).mkdir(parents=True, exist_ok=True)
            if corpus.rows(table):
                target = str(folder / table / "part-0.parquet").replace("'", "''")
                con.execute(f"COPY {table} TO '{target}' (FORMAT PARQUET)")
    finally:
        con.close()
    return folder
