"""End-to-end analysis speed: every detector on real news articles, in one process.

What `newsift analyze` and each API request spend on analysis: ingest (encoding repair,
segmentation), all registered detectors, scoring, and the report as JSON. The articles are the
PTC dev and test articles (their texts only; no labels are read), each analysed once after one
unmeasured warm-up article.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from newsift.errors import DataError
from newsift.tasks import BenchResult

ARTICLE_FOLDERS = ("dev-articles", "test-articles")


def _articles(data_dir: Path) -> list[tuple[str, str]]:
    found = []
    for folder in ARTICLE_FOLDERS:
        for path in sorted((data_dir / folder).glob("*.txt")):
            found.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    if not found:
        raise DataError(f"{data_dir}: no articles under {' or '.join(ARTICLE_FOLDERS)}/")
    return found


def _percentile(sorted_values: list[float], q: float) -> float:
    rank = max(1, round(q / 100 * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def bench(data_dir: Path) -> BenchResult:
    from newsift.analyzer import Analyzer
    from newsift.ingest import from_text

    started = time.perf_counter()
    articles = _articles(data_dir)
    analyzer = Analyzer()
    analyzer.analyze_document(from_text(articles[0][1]))  # loads every model: not measured
    timings_ms: list[float] = []
    words = 0
    for _, text in articles:
        t0 = time.perf_counter()
        report = analyzer.analyze_document(from_text(text))
        json.dumps(report.to_dict(), ensure_ascii=False)
        timings_ms.append((time.perf_counter() - t0) * 1000)
        words += report.article.word_count
    total_s = sum(timings_ms) / 1000
    ordered = sorted(timings_ms)
    return BenchResult(
        task="analysis_speed",
        metrics={
            "articles_per_s": len(articles) / total_s,
            "mean_ms": statistics.fmean(timings_ms),
            "p50_ms": _percentile(ordered, 50),
            "p95_ms": _percentile(ordered, 95),
            "ms_per_1000_words": 1000 * sum(timings_ms) / max(words, 1),
            "mean_words": words / len(articles),
        },
        split=f"PTC dev + test article texts ({len(articles)} articles, no labels)",
        notes=[
            "One process, every registered detector, text ingest to JSON report; one warm-up "
            "article first (model loading is measured by scripts/coldstart.py instead).",
        ],
        seconds=time.perf_counter() - started,
    )
