"""The benchmark harness: run tasks, print one table, write it into BENCHMARKS.md, emit JSON.

`metrics.py` holds the metric definitions shared by the task modules; `runner.py` runs tasks
without ever raising; `report.py` renders rows as a rich table, Markdown or JSON lines.
"""

from newsift.tasks import DATA_ROOT, task_spec

TASKS = [
    task_spec(
        "analysis_speed",
        "semeval2020_task11_ptc",
        "End-to-end analysis speed (every detector), one process",
        f"{__name__}.speed",
        train=False,
        rank=70,
    ),
    task_spec(
        "batch",
        DATA_ROOT,
        "Corpus mode: newsift batch end to end with 1 and 2 workers, and on Ray",
        f"{__name__}.batch",
        train=False,
        rank=75,
        in_all=False,
    ),
    task_spec(
        "liar",
        "liar",
        "LIAR 6-way truthfulness from text alone (reference)",
        f"{__name__}.liar",
        train=False,
        rank=80,
    ),
]
