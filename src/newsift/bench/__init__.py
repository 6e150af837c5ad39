"""The benchmark harness: run tasks, print one table, write it into BENCHMARKS.md, emit JSON.

`metrics.py` holds the metric definitions shared by the task modules; `runner.py` runs tasks
without ever raising; `report.py` renders rows as a rich table, Markdown or JSON lines.
"""
