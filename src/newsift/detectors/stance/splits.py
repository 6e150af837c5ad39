"""FNC-1 pairs read from the dataset's CSV files, and split by story.

FNC-1 pairs one headline with many bodies, so folds and the hold-out keep whole stories apart
(`topic_groups`), as the competition test does.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsift.detectors.stance.params import SEED
from newsift.detectors.stance.scorer import LABELS
from newsift.errors import DataError


@dataclass
class Split:
    claims: list[str]
    bodies: list[str]
    body_ids: np.ndarray
    labels: np.ndarray  # indices into LABELS


def load_split(data_dir: Path, prefix: str) -> Split:
    """Read `{prefix}_bodies.csv` and `{prefix}_stances.csv` (bodies hold quoted newlines)."""
    bodies_path = data_dir / f"{prefix}_bodies.csv"
    stances_path = data_dir / f"{prefix}_stances.csv"
    for path in (bodies_path, stances_path):
        if not path.is_file():
            raise DataError(f"{path}: missing (expected the FNC-1 files in {data_dir})")
    try:
        with bodies_path.open(encoding="utf-8", newline="") as f:
            texts = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
        with stances_path.open(encoding="utf-8", newline="") as f:
            rows = [(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(f)]
    except (KeyError, ValueError) as exc:
        raise DataError(f"{data_dir}: malformed FNC-1 file ({exc})") from exc
    index = {label: i for i, label in enumerate(LABELS)}
    try:
        return Split(
            claims=[h for h, _, _ in rows],
            bodies=[texts[b] for _, b, _ in rows],
            body_ids=np.array([b for _, b, _ in rows]),
            labels=np.array([index[s] for _, _, s in rows]),
        )
    except KeyError as exc:
        raise DataError(f"{data_dir}: unknown body id or stance {exc}") from exc


def subset(split: Split, mask: np.ndarray) -> Split:
    rows = np.flatnonzero(mask)
    return Split(
        [split.claims[i] for i in rows],
        [split.bodies[i] for i in rows],
        split.body_ids[rows],
        split.labels[rows],
    )


def topic_groups(split: Split) -> tuple[np.ndarray, np.ndarray]:
    """Story ids per pair, of its body and of its claim: connected components of related pairs.

    FNC-1 pairs one headline with many bodies, so a split by body alone still shows the dev
    headlines in training, while the competition test has new stories. A claim that is never
    related to any body gets its own story.
    """
    parent: dict[tuple[str, object], tuple[str, object]] = {}

    def find(node: tuple[str, object]) -> tuple[str, object]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for claim, body, label in zip(split.claims, split.body_ids, split.labels, strict=True):
        find(("b", int(body)))
        find(("h", claim))
        if LABELS[label] != "unrelated":
            parent[find(("h", claim))] = find(("b", int(body)))
    roots: dict[tuple[str, object], int] = {}
    bodies = [roots.setdefault(find(("b", int(b))), len(roots)) for b in split.body_ids]
    claims = [roots.setdefault(find(("h", c)), len(roots)) for c in split.claims]
    return np.array(bodies), np.array(claims)


def fold_of_groups(groups: np.ndarray, n_folds: int) -> np.ndarray:
    """Assign whole groups to folds at random (fixed seed)."""
    unique = np.unique(groups)
    order = np.random.default_rng(SEED).permutation(unique)
    fold_of = dict(zip(order.tolist(), (np.arange(len(unique)) % n_folds).tolist(), strict=True))
    return np.array([fold_of[g] for g in groups.tolist()])


def story_folds(split: Split, n_folds: int) -> tuple[np.ndarray, np.ndarray]:
    """The fold of each pair's body story and of its claim story (one assignment for both)."""
    bodies, claims = topic_groups(split)
    folds = fold_of_groups(np.concatenate([bodies, claims]), n_folds)
    return folds[: len(bodies)], folds[len(bodies) :]


def holdout_split(split: Split, share: float = 0.2) -> tuple[Split, Split]:
    """Train/dev split of the training data by story: neither the bodies nor the claims of a dev
    story are seen in training (dev keeps its bodies' unrelated pairs with other claims)."""
    body_fold, claim_fold = story_folds(split, round(1 / share))
    fit_mask = (body_fold != 0) & (claim_fold != 0)
    dev_mask = body_fold == 0
    return subset(split, fit_mask), subset(split, dev_mask)
