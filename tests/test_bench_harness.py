"""The bench harness: runs tasks, reports failures as rows, prints JSON lines, writes Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift import tasks
from newsift.bench import report, runner
from newsift.tasks import BenchResult, TaskSpec

FAKE_MODULE = "newsift_fake_bench_task"


@pytest.fixture
def fake_tasks(monkeypatch, tmp_path: Path):
    """A registry with one working task, one whose module is missing, one that raises."""
    import sys
    import types

    module = types.ModuleType(FAKE_MODULE)

    def good(data_dir: Path) -> BenchResult:
        return BenchResult(
            task="good",
            metrics={"accuracy": 0.875, "n": 3},
            split="toy split",
            records={"paper": 0.9},
            notes=["a note | with a pipe"],
            seconds=0.1,
        )

    def broken(data_dir: Path) -> BenchResult:
        raise RuntimeError("boom\nsecond line")

    module.good = good
    module.broken = broken
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    registry = {
        "good": TaskSpec("good", "toy", "toy task", None, f"{FAKE_MODULE}:good"),
        "absent": TaskSpec("absent", "toy", "not written yet", None, "newsift.train.nope:bench"),
        "broken": TaskSpec("broken", "toy", "raises", None, f"{FAKE_MODULE}:broken"),
        "nodata": TaskSpec("nodata", "missing_dataset", "no data", None, f"{FAKE_MODULE}:good"),
    }
    monkeypatch.setattr(tasks, "_registry", registry)
    data = tmp_path / "data"
    (data / "toy").mkdir(parents=True)
    return data


def test_failures_become_rows_not_exceptions(fake_tasks: Path) -> None:
    rows = runner.run_tasks(runner.task_names("all"), fake_tasks)
    by_task = {r.task: r for r in rows}
    assert [r.task for r in rows] == ["good", "absent", "broken", "nodata"]
    assert by_task["good"].ok and by_task["good"].records == {"paper": 0.9}
    assert not by_task["absent"].ok and "not available yet" in by_task["absent"].error
    assert by_task["broken"].error == "boom second line"
    assert "missing_dataset" in by_task["nodata"].error
    assert all(r.seconds >= 0 for r in rows)


def test_json_line_is_flat(fake_tasks: Path) -> None:
    good, absent = runner.run_tasks(["good", "absent"], fake_tasks)
    line = json.loads(report.json_line(good))
    assert line["task"] == "good" and line["accuracy"] == 0.875 and line["split"] == "toy split"
    assert "seconds" in line and "error" not in line
    assert set(json.loads(report.json_line(absent))) == {"task", "error", "seconds"}


def test_markdown_keeps_surrounding_content_and_updates_rows(fake_tasks: Path, tmp_path) -> None:
    md = tmp_path / "BENCHMARKS.md"
    md.write_text("# Title\n\nIntro kept.\n\n## Footer\nkept too\n", encoding="utf-8")
    rows = runner.run_tasks(["good", "broken"], fake_tasks)
    report.write_markdown(md, rows, order=list(tasks.TASKS))
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nIntro kept.")
    assert text.count(report.START) == 1 and text.count(report.END) == 1
    assert "| good | accuracy 0.8750<br>n 3 | paper 0.9000 | toy split |" in text
    assert "FAILED: boom second line" in text
    assert "- **good**: a note | with a pipe" in text  # notes listed under the table
    assert "`newsift bench good --data" in text

    # A later single-task run replaces only that task's row and keeps the others.
    md.write_text(text + "\nAfter the section.\n", encoding="utf-8")
    report.write_markdown(md, runner.run_tasks(["broken"], fake_tasks), order=list(tasks.TASKS))
    again = md.read_text(encoding="utf-8")
    assert "| good | accuracy 0.8750" in again and "FAILED: boom second line" in again
    assert again.count(report.START) == 1 and "After the section." in again
    assert "## Footer\nkept too" in again
    assert again.count("`newsift bench good --data") == 1  # remembered rows read back unchanged


def test_markdown_created_when_absent(fake_tasks: Path, tmp_path) -> None:
    md = tmp_path / "new" / "BENCH.md"
    md.parent.mkdir()
    report.write_markdown(md, runner.run_tasks(["good"], fake_tasks), order=["good"])
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks") and report.START in text


def test_cli_bench_json_and_table(fake_tasks: Path, run_cli, tmp_path) -> None:
    md = tmp_path / "B.md"
    res = run_cli(
        "bench", "all", "--data", str(fake_tasks), "--json", "--write-md", "--md-file", str(md)
    )
    assert res.code == 1  # some tasks failed: reported, not raised
    lines = [json.loads(x) for x in res.out.strip().splitlines()]
    assert [x["task"] for x in lines] == ["good", "absent", "broken", "nodata"]
    assert lines[0]["accuracy"] == 0.875
    assert "newsift bench" in res.err and "good" in res.err  # the table goes to stderr
    assert report.START in md.read_text(encoding="utf-8")


def test_cli_bench_single_task_last_line_is_json(fake_tasks: Path, run_cli) -> None:
    res = run_cli("bench", "good", "--data", str(fake_tasks), "--json")
    assert res.code == 0
    assert json.loads(res.out.strip().splitlines()[-1])["task"] == "good"


def test_cli_bench_unknown_task_is_a_user_error(fake_tasks: Path, run_cli) -> None:
    res = run_cli("bench", "nosuch", "--data", str(fake_tasks))
    assert res.code == 2 and "unknown task" in res.err


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.822, "0.8220"), (82.02, "82.02"), (788.724, "788.72"), (1097.5, "1,098"), (3, "3")],
)
def test_figures_are_formatted_by_magnitude(value, text) -> None:
    assert report.fmt(value) == text


def test_task_names_all_is_the_registry_order() -> None:
    assert runner.task_names("all") == [n for n, s in tasks.TASKS.items() if s.in_all]
    assert "batch" in tasks.TASKS and not tasks.TASKS["batch"].in_all  # long: run by name
    assert runner.task_names("claims") == ["claims"]
