"""Corpus-mode throughput: `newsift batch` end to end (read, analyse, write) on real articles.

The PTC article texts (train, dev and test: 536 news articles, ~750 words each) are replicated
under distinct ids into one JSON Lines file of at least MIN_ARTICLES rows, then analysed into a
DuckDB corpus with 1 and with 2 local workers, and with the Ray engine at 2 workers when the ray
extra is installed. Each run starts from an empty corpus and includes starting the workers and
loading their models. A rerun of the finished 2-worker corpus measures skipping.
"""

from __future__ import annotations

import json
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import DataError
from newsift.tasks import BenchResult

MIN_ARTICLES = 20_000
ARTICLE_FOLDERS = ("train-articles", "dev-articles", "test-articles")
PTC = "semeval2020_task11_ptc"


@dataclass(frozen=True)
class Timed:
    articles: int
    words: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def _texts(data_dir: Path) -> list[str]:
    root = data_dir / PTC
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for folder in ARTICLE_FOLDERS
        for p in sorted((root / folder).glob("*.txt"))
    ]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise DataError(f"{root}: no article texts under {', '.join(ARTICLE_FOLDERS)}")
    return texts


def write_corpus(texts: list[str], path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            row = {"id": f"a{i:06d}", "text": texts[i % len(texts)], "source": f"outlet{i % 40}"}
            out.write(json.dumps(row) + "\n")


def _run(source: Path, out: Path, workers: int, engine: str = "local") -> Timed:
    from newsift.corpus.batch import BatchOptions, run_batch

    options = BatchOptions(
        inputs=(str(source),), out=out, workers=workers, engine=engine, quiet=True
    )
    t0 = time.perf_counter()
    counts = run_batch(options)
    return Timed(counts.articles, counts.words, time.perf_counter() - t0)


def _ray_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("ray") is not None


def bench(data_dir: Path) -> BenchResult:
    texts = _texts(data_dir)
    n = max(MIN_ARTICLES, len(texts))
    work = Path(tempfile.mkdtemp(prefix="newsift-bench-batch-"))
    notes: list[str] = []
    try:
        source = work / "corpus.jsonl"
        write_corpus(texts, source, n)
        one = _run(source, work / "one.duckdb", workers=1)
        two = _run(source, work / "two.duckdb", workers=2)
        # ru_maxrss of the children waited for: the largest worker's peak (KiB on Linux).
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        t0 = time.perf_counter()
        _run(source, work / "two.duckdb", workers=2)
        rerun_s = time.perf_counter() - t0
        metrics = {
            "articles": float(n),
            "words_per_article": two.words / max(two.articles, 1),
            "articles_per_s_1": one.rate,
            "articles_per_s_2": two.rate,
            "scaling": two.rate / one.rate,
            "words_per_s_1": one.words / one.seconds,
            "words_per_s_2": two.words / two.seconds,
            "peak_rss_mb_per_worker": peak_mb,
            "rerun_skip_s": rerun_s,
        }
        if _ray_installed():
            ray = _run(source, work / "ray.duckdb", workers=2, engine="ray")
            metrics["ray_articles_per_s"] = ray.rate
            metrics["ray_ratio"] = ray.rate / two.rate
        else:
            notes.append("Ray engine not measured: pip install 'newsift[ray]'.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    notes += [
        f"{n:,} articles: the {len(texts)} PTC article texts replicated under distinct ids, one "
        "JSON Lines file; each run from an empty DuckDB corpus, worker start and model loading "
        "included.",
        "peak_rss_mb_per_worker: the largest worker process's peak resident memory.",
        "rerun_skip_s: the same command again on the finished corpus (every id skipped).",
    ]
    return BenchResult(
        task="batch",
        metrics=metrics,
        split=f"{n:,} replicated PTC articles, end to end (read, analyse, write)",
        notes=notes,
    )
