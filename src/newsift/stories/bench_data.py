"""Reading the benchmark sets: SemEval-2022 Task 8 pairs and FNC-1 bodies with their stories."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import DataError
from newsift.ingest.repair import repair_text

TASK8 = "semeval2022_task8_news_similarity"
FNC1 = "fnc1"


@dataclass(frozen=True)
class Pair:
    lang: str  # "en-en", "de-en", ...
    text1: str
    text2: str
    overall: float  # 1 very similar .. 4 very dissimilar


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"{path}: missing (give --data the data root)")
    csv.field_size_limit(sys.maxsize)  # bodies are long and hold newlines
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def task8_pairs(data_dir: Path, split: str) -> list[Pair]:
    """The pairs of `training_set.csv` or `testing_set.csv`, their texts repaired as `newsift
    batch` repairs what it ingests (the test file's Turkish texts are mojibake)."""
    rows = _rows(data_dir / TASK8 / f"{split}_set.csv")
    repaired: dict[str, str] = {}

    def text(raw: str) -> str:
        if raw not in repaired:
            repaired[raw] = repair_text(raw)[0]
        return repaired[raw]

    return [
        Pair(f"{r['lang1']}-{r['lang2']}", text(r["text1"]), text(r["text2"]), float(r["Overall"]))
        for r in rows
    ]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def fnc_stories(data_dir: Path, prefix: str = "competition_test") -> tuple[dict[str, str], dict]:
    """FNC-1 bodies (id -> text) and their gold stories (id -> story key).

    A story is a connected component of the graph whose nodes are bodies and headlines (the exact
    headline string) and whose edges are the pairs with a stance other than "unrelated"; a body
    with no related headline is a story alone."""
    bodies = {
        r["Body ID"]: r["articleBody"] for r in _rows(data_dir / FNC1 / f"{prefix}_bodies.csv")
    }
    stances = _rows(data_dir / FNC1 / f"{prefix}_stances.csv")
    if not bodies or not stances:
        raise DataError(f"{data_dir / FNC1}: no {prefix} bodies or stances")
    links = _UnionFind()
    for row in stances:
        if row["Stance"] != "unrelated" and row["Body ID"] in bodies:
            links.union("b:" + row["Body ID"], "h:" + row["Headline"])
    return bodies, {body: links.find("b:" + body) for body in bodies}
