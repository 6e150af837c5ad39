"""Readers for the PTC corpus (SemEval-2020 Task 11) and SemEval-2021 Task 6 text spans."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsift.detectors.propaganda.techniques import SEMEVAL2021_TO_2020, TECHNIQUES
from newsift.errors import DataError


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    technique: str


@dataclass
class Article:
    """One text with its gold annotations; offsets index `text`."""

    id: str
    text: str
    annotations: list[Annotation] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Distinct annotated spans, technique-agnostic."""
        return sorted({(a.start, a.end) for a in self.annotations})

    def labels_by_span(self) -> dict[tuple[int, int], list[str]]:
        out: dict[tuple[int, int], list[str]] = {}
        for a in self.annotations:
            out.setdefault((a.start, a.end), []).append(a.technique)
        return out


_ARTICLE_ID = re.compile(r"article(\d+)")


def load_ptc_train(data_dir: Path) -> list[Article]:
    """The 371 PTC training articles with their technique-labelled spans (task TC labels)."""
    articles_dir = data_dir / "train-articles"
    labels_dir = data_dir / "train-labels-task2-technique-classification"
    if not articles_dir.is_dir() or not labels_dir.is_dir():
        raise DataError(f"{data_dir}: expected train-articles/ and {labels_dir.name}/")
    articles: list[Article] = []
    for path in sorted(articles_dir.glob("article*.txt")):
        match = _ARTICLE_ID.match(path.name)
        if not match:
            continue
        article_id = match.group(1)
        # Offsets are str indices of the file as Python reads it by default (universal newlines).
        text = path.read_text(encoding="utf-8")
        annotations: list[Annotation] = []
        label_path = labels_dir / f"article{article_id}.task2-TC.labels"
        if label_path.exists():
            for line_no, line in enumerate(label_path.read_text(encoding="utf-8").splitlines()):
                if not line.strip():
                    continue
                parts = line.split("\t")
                if len(parts) != 4 or parts[1] not in TECHNIQUES:
                    raise DataError(f"{label_path}:{line_no + 1}: malformed label line")
                annotations.append(Annotation(int(parts[2]), int(parts[3]), parts[1]))
        articles.append(Article(article_id, text, annotations))
    if not articles:
        raise DataError(f"{articles_dir}: no article*.txt files")
    return articles


def load_semeval2021_spans(path: Path) -> list[Article]:
    """SemEval-2021 Task 6 subtask-2 items (meme text) with labels mapped to the 2020 set.

    Spans whose technique has no 2020 counterpart keep the label "" so that SI still counts
    them (they are persuasion spans) while TC skips them.
    """
    if not path.exists():
        raise DataError(f"{path}: file not found")
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not JSON ({exc})") from None
    articles: list[Article] = []
    for item in items:
        annotations = [
            Annotation(
                int(lab["start"]), int(lab["end"]), SEMEVAL2021_TO_2020.get(lab["technique"]) or ""
            )
            for lab in item.get("labels", [])
        ]
        articles.append(Article(str(item["id"]), item["text"], annotations))
    return articles
