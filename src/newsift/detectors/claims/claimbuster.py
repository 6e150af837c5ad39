"""Readers for the ClaimBuster sentences, de-duplicated and kept apart from each test file.

Duplicates are removed by sentence_id as the dataset's SOURCE.md asks: a training row whose id
(or whose exact, case- and space-folded text) is in the test file is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsift.errors import DataError


@dataclass
class Sentences:
    ids: list[str]
    texts: list[str]
    labels: np.ndarray


def fold_text(text: str) -> str:
    """The text case- and space-folded: how duplicates across files are matched."""
    return " ".join(text.lower().split())


def read_claimbuster(path: Path) -> Sentences:
    """A ClaimBuster JSON file, de-duplicated by sentence_id (first row kept)."""
    if not path.exists():
        raise DataError(f"{path}: missing (expected the claimbuster dataset folder)")
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(f"{path}: not valid JSON ({exc})") from exc
    seen: set[str] = set()
    ids, texts, labels = [], [], []
    for row in rows:
        sid = str(row["sentence_id"])
        if sid in seen or not str(row["text"]).strip():
            continue
        seen.add(sid)
        ids.append(sid)
        texts.append(str(row["text"]))
        labels.append(int(row["label"]))
    return Sentences(ids, texts, np.array(labels, dtype=np.int64))


def without_overlap(train: Sentences, test: Sentences) -> tuple[Sentences, int]:
    """`train` minus rows sharing a sentence_id or a folded text with `test`."""
    test_ids, test_texts = set(test.ids), {fold_text(t) for t in test.texts}
    keep = [
        i
        for i, (sid, text) in enumerate(zip(train.ids, train.texts, strict=True))
        if sid not in test_ids and fold_text(text) not in test_texts
    ]
    kept = Sentences(
        [train.ids[i] for i in keep], [train.texts[i] for i in keep], train.labels[keep]
    )
    return kept, len(train.ids) - len(keep)


def two_class_split(data_dir: Path) -> tuple[Sentences, Sentences, int]:
    test = read_claimbuster(data_dir / "two_class" / "test.json")
    train, dropped = without_overlap(read_claimbuster(data_dir / "two_class" / "train.json"), test)
    return train, test, dropped


def three_class_split(data_dir: Path) -> tuple[Sentences, Sentences, int]:
    test = read_claimbuster(data_dir / "three_class" / "disjoint_2000.json")
    small = read_claimbuster(data_dir / "three_class" / "data_small.json")
    train, dropped = without_overlap(small, test)
    return train, test, dropped
