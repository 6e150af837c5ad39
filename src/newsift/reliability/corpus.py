"""The labelled sets run through the analyzer once, as a table the combiner is fitted on.

Each article is analysed with its URL where the set has one; its text-only features are the
same with the publisher's record taken out (the source features are the only ones a URL
changes). The findings are cached (gzip JSON lines under the user cache folder), keyed by the
code and models that produce them, so refitting or benchmarking the combiner does not re-run
every detector.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsift.findings import Finding
from newsift.inference.store import load_array, save_array
from newsift.reliability.datasets import LabelledArticle, allsides_mid_rated, load
from newsift.reliability.features import NAMES, SOURCE_FEATURES, STYLE_CLIP, extract_counts

PACKAGE = Path(__file__).resolve().parent.parent
BATCH = 64
# What does not shape the cached findings: the combiner, the style model (its feature comes
# from out-of-fold fits, not from the shipped model), the web page, the API, and the corpus,
# stories and bench code, which read findings but never make them.
SKIPPED_FROM_KEY = (
    "reliability/",
    "web/",
    "api/",
    "detectors/style/",
    "corpus/",
    "stories/",
    "bench/",
)


@dataclass
class Table:
    """One row per article, in the order of `articles`."""

    articles: list[LabelledArticle]
    x_url: np.ndarray  # features with the publisher's record (where the set has URLs)
    x_text: np.ndarray  # the same, source features zeroed
    rules_url: np.ndarray  # rules-v0 scores, with the URL
    rules_text: np.ndarray  # rules-v0 scores, text only
    text_keys: list[str]  # normalised-text hashes: the same article in two sets
    # The mid-rated AllSides articles: read by the style model only, never rows of the table.
    style_extra: list[LabelledArticle] = field(default_factory=list)

    @property
    def labels(self) -> np.ndarray:
        return np.array([a.label for a in self.articles], dtype=int)

    @property
    def datasets(self) -> np.ndarray:
        return np.array([a.dataset for a in self.articles])

    @property
    def groups(self) -> np.ndarray:
        return np.array([a.group for a in self.articles])


def _code_key() -> str:
    """Hash of everything that shapes a finding: detector code, models, source data."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not path.is_file() or rel.startswith(SKIPPED_FROM_KEY):
            continue
        if path.suffix in {".pyc"} or "__pycache__" in rel:
            continue
        h.update(rel.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("NEWSIFT_CACHE_DIR")
    if base:
        return Path(base)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsift")) / "reliability"


def text_key(text: str) -> str:
    norm = re.sub(r"\W+", " ", text.lower()).strip()[:2000]
    return hashlib.sha1(norm.encode()).hexdigest()


def _analyse(
    articles: Sequence[LabelledArticle], progress: Callable[[int], None] | None
) -> list[dict]:
    """Per article: findings (dicts), word and sentence counts, rules-v0 scores."""
    from newsift import detectors, scoring
    from newsift.analyzer import Analyzer
    from newsift.ingest import from_string

    analyzer = Analyzer([n for n in detectors.available() if n != "style"], method="rules-v0")
    rows: list[dict] = []
    for start in range(0, len(articles), BATCH):
        chunk = articles[start : start + BATCH]
        docs = [from_string(a.text, url=a.url, title=a.title) for a in chunk]
        for doc, report in zip(docs, analyzer.analyze_documents(docs), strict=True):
            findings = report.findings
            text_only = [f for f in findings if f.category != "source"]
            rows.append(
                {
                    "findings": [f.to_dict() for f in findings],
                    "words": doc.word_count,
                    "sentences": len(doc.sentences),
                    "rules_url": report.reliability.score,
                    "rules_text": scoring.score(text_only, doc).score,
                }
            )
        if progress:
            progress(len(chunk))
    return rows


def _rows(
    name: str, articles: list[LabelledArticle], progress: Callable[[int], None] | None
) -> list[dict]:
    path = cache_dir() / f"{name}-{_code_key()}.jsonl.gz"
    # The URL is part of the input (it brings the source findings), and the loaders live in
    # reliability/, outside the code key: a row counts only for the same article at the same URL.
    ids = [(a.id, a.url) for a in articles]
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            cached = [json.loads(line) for line in fh]
        if [(r["id"], r.get("url", "")) for r in cached] == ids:
            if progress:
                progress(len(ids))
            return cached
    rows = _analyse(articles, progress)
    for row, (ident, url) in zip(rows, ids, strict=True):
        row["id"], row["url"] = ident, url
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    tmp.replace(path)
    return rows


def _features(row: dict) -> list[float]:
    findings = [Finding(**f) for f in row["findings"]]
    return extract_counts(findings, row["words"], row["sentences"]).values


def build(
    data_dir: Path,
    names: list[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Table:
    """The feature table of the named sets (all by default); analyses what is not cached."""
    articles = load(data_dir, names)
    by_set: dict[str, list[LabelledArticle]] = {}
    for a in articles:
        by_set.setdefault(a.dataset, []).append(a)
    ordered: list[LabelledArticle] = []
    rows: list[dict] = []
    for name, members in by_set.items():
        report = (
            (lambda n, total: lambda k: progress(n, k, total))(name, len(members))
            if progress
            else None
        )
        rows.extend(_rows(name, members, report))
        ordered.extend(members)
    x_url = np.array([_features(r) for r in rows], dtype=float).reshape(-1, len(NAMES))
    keys = [text_key(a.text) for a in ordered]
    extra = allsides_mid_rated(data_dir) if "allsides" in by_set else []
    x_url[:, NAMES.index("reporting_style")] = np.clip(
        _style_logits(ordered, keys, progress, extra), -STYLE_CLIP, STYLE_CLIP
    )
    x_text = x_url.copy()
    x_text[:, list(SOURCE_FEATURES)] = 0.0
    return Table(
        articles=ordered,
        x_url=x_url,
        x_text=x_text,
        rules_url=np.array([r["rules_url"] for r in rows], dtype=float),
        rules_text=np.array([r["rules_text"] for r in rows], dtype=float),
        text_keys=keys,
        style_extra=extra,
    )


def outlet_folds(articles: Sequence[LabelledArticle]) -> np.ndarray:
    """Leave-source-out fold of each AllSides row (whole outlets per fold); -1 elsewhere.

    Each class's outlets are dealt on their own, as sklearn's StratifiedGroupKFold does: dealt
    together, one fold held 868 poorly rated articles and the others 500-544, so that fold's
    training data under-represented the class it was tested on (now 550-687 per fold)."""
    from newsift.detectors.style.train import ANCHOR_SET, LSO_FOLDS, SEED

    sets = np.array([a.dataset for a in articles])
    groups = np.array([a.group for a in articles])
    labels = np.array([a.label for a in articles])
    folds = np.full(len(articles), -1)
    for label in (0, 1):
        cell = (sets == ANCHOR_SET) & (labels == label)
        if cell.any():
            folds[cell] = group_folds(groups[cell], LSO_FOLDS, SEED)
    return folds


def group_folds(groups: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold of each row; whole groups per fold, groups shuffled then dealt largest first."""
    rng = np.random.default_rng(seed)
    names, counts = np.unique(groups, return_counts=True)
    order = rng.permutation(len(names))
    order = order[np.argsort(-counts[order], kind="stable")]
    sizes = np.zeros(k)
    fold_of: dict[str, int] = {}
    for i in order:
        f = int(np.argmin(sizes))
        fold_of[str(names[i])] = f
        sizes[f] += counts[i]
    return np.array([fold_of[str(g)] for g in groups])


def _style_logits(
    articles: list[LabelledArticle],
    keys: list[str],
    progress: Callable[[str, int, int], None] | None,
    extra: list[LabelledArticle],
) -> np.ndarray:
    """Out-of-fold reporting-style outputs (newsift.detectors.style.train), cached."""
    from newsift.detectors.style import train as style

    folds = outlet_folds(articles)
    h = hashlib.sha256(Path(style.__file__).read_bytes())
    h.update(folds.tobytes())
    extra_keys = [text_key(a.text) for a in extra]
    for a, k in zip(articles + extra, keys + extra_keys, strict=True):
        h.update(f"{a.dataset}|{a.id}|{a.label}|{a.rating}|{k}".encode())
    path = cache_dir() / f"style-oof-{h.hexdigest()[:16]}.npy"
    if path.exists():
        cached = load_array(path)
        if len(cached) == len(articles):
            return cached
    done = [0]

    def step(name: str) -> None:
        if progress:
            progress(f"style model without {name}", done[0], 10)
        done[0] += 1

    logits = style.out_of_fold_logits(
        articles, keys, folds, step, extra=extra, extra_keys=extra_keys
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    save_array(path, logits)
    return logits
