#!/usr/bin/env python
"""Time one article's analysis in this process, detector by detector (a script, not a test).

Medians over `--runs` analyses after one warm-up (which loads the models), each on a fresh
Document, so segmentation and every detector's work are repeated:

    .venv/bin/python scripts/analysis_time.py scripts/loadtest_partisan.txt --runs 40

`newsift bench analysis_speed --data DIR` measures the same over many real articles.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsift.analyzer import Analyzer
from newsift.ingest import from_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, help="A plain-text article.")
    parser.add_argument("--runs", type=int, default=40, help="Measured analyses (40).")
    args = parser.parse_args()

    text = args.article.read_text(encoding="utf-8")
    analyzer = Analyzer()
    analyzer.analyze_document(from_text(text))  # loads every model: not measured
    ingest: list[float] = []
    report: list[float] = []
    total: list[float] = []
    per_detector: dict[str, list[float]] = {d.name: [] for d in analyzer.detectors}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        doc = from_text(text)
        t1 = time.perf_counter()
        found = []
        for detector in analyzer.detectors:
            started = time.perf_counter()
            found.extend(detector.detect_batch([doc])[0])
            per_detector[detector.name].append(time.perf_counter() - started)
        t2 = time.perf_counter()
        analyzer._report(doc, found).to_dict()
        t3 = time.perf_counter()
        ingest.append(t1 - t0)
        report.append(t3 - t2)
        total.append(t3 - t0)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.2f} ms"

    print(f"{args.article.name}: {doc.word_count} words, {len(found)} findings, {args.runs} runs")
    print(f"  total             {ms(total)}")
    print(f"  ingest            {ms(ingest)}  (decoding, repair, paragraphs)")
    for name, values in per_detector.items():
        print(f"  {name:17} {ms(values)}")
    print(f"  report            {ms(report)}  (scoring, source lookup, to_dict)")


if __name__ == "__main__":
    main()
