"""`newsift stories`: two made-up events from several made-up outlets, reruns, the window,
BCubed, and the command's summary and errors."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from newsift.corpus.batch import BatchOptions, run_batch
from newsift.stories.assign import Article, StoryAssigner
from newsift.stories.cli import stories
from newsift.stories.evaluate import bcubed
from newsift.stories.run import assign_corpus

BRIDGE = (
    "The Orvenna river bridge in Tarlow collapsed on Monday morning, injuring 14 commuters. "
    "Mayor Elsa Brandt said engineers had inspected the Orvenna bridge in March. Rescue crews "
    "searched the river for hours and the Tarlow council ordered an inquiry into the collapse."
)
CHESS = (
    "Grandmaster Ilya Marek won the Valmora chess championship after a 62-move final game "
    "against Priya Nandakumar. The Valmora tournament drew 300 players; Marek took the title "
    "and a prize of 40,000 euros, the chess federation announced."
)
OUTLETS = ("dailyplanet.example", "the-courier.example", "wirenews.example", "valleypost.example")


def _article(i: int, event: str, day: str) -> dict:
    base, title = (
        (BRIDGE, "Orvenna bridge collapses in Tarlow")
        if event == "bridge"
        else (CHESS, "Ilya Marek wins Valmora chess championship")
    )
    outlet = OUTLETS[i % len(OUTLETS)]
    # Each outlet words it a little differently: a different lead-in sentence.
    text = f"Report {i} from {outlet.split('.')[0]} staff. " + base
    return {"id": f"{event}{i}", "title": title, "text": text, "date": day, "source": outlet}


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _batch(source: Path, out: Path) -> None:
    run_batch(BatchOptions(inputs=(str(source),), out=out, workers=0, quiet=True))


FIRST = [_article(i, "bridge", "2024-05-06") for i in range(4)] + [
    _article(i, "chess", "2024-05-07") for i in range(4)
]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    source = _write(tmp_path / "news.jsonl", FIRST)
    out = tmp_path / "corpus.duckdb"
    _batch(source, out)
    return source, out


def _members(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    finally:
        con.close()


def test_two_events_from_four_outlets_give_two_stories(corpus) -> None:
    _, db = corpus
    outcome = assign_corpus(db, window_days=3, threshold=0.2)
    assert (outcome.assigned, outcome.new_stories, outcome.missing) == (8, 2, 0)
    members = _members(db)
    assert len({members[f"bridge{i}"] for i in range(4)}) == 1
    assert len({members[f"chess{i}"] for i in range(4)}) == 1
    assert members["bridge0"] != members["chess0"]
    by_label = {row.label: row for row in outcome.stories}
    bridge = by_label["Orvenna bridge collapses in Tarlow"]
    assert (bridge.articles, bridge.outlets, bridge.first_date) == (4, 4, "2024-05-06")
    assert bridge.mean_score is not None and 0 <= bridge.mean_score <= 100


def test_the_run_keeps_its_window_and_threshold_for_later_matching(corpus) -> None:
    import duckdb

    from newsift.stories.store import run_rule

    _, db = corpus
    assign_corpus(db, window_days=5, threshold=0.3)
    with duckdb.connect(str(db), read_only=True) as con:
        assert run_rule(con) == (5, 0.3)


def test_a_rerun_assigns_only_the_new_articles_and_keeps_the_old(corpus) -> None:
    source, db = corpus
    assign_corpus(db, window_days=3, threshold=0.2)
    before = _members(db)
    later = [_article(i, "bridge", "2024-05-08") for i in range(4, 7)]
    _write(source, FIRST + later)
    _batch(source, db)
    outcome = assign_corpus(db, window_days=3, threshold=0.2)
    assert (outcome.assigned, outcome.new_stories, outcome.already) == (3, 0, 8)
    after = _members(db)
    assert {k: after[k] for k in before} == before
    assert {after[f"bridge{i}"] for i in range(4, 7)} == {before["bridge0"]}
    bridge = next(s for s in outcome.stories if s.id == before["bridge0"])
    assert (bridge.articles, bridge.last_date) == (7, "2024-05-08")
    assert assign_corpus(db, window_days=3, threshold=0.2).assigned == 0


def test_the_same_words_thirty_days_later_start_a_new_story() -> None:
    assigner = StoryAssigner(window_days=3, threshold=0.2)
    first, near, late = (
        assigner.assign(Article(name, BRIDGE, day))
        for name, day in (("a", 100), ("b", 102), ("c", 130))
    )
    assert not near.new_story and near.story_id == first.story_id and near.similarity > 0.8
    assert late.new_story and late.story_id != first.story_id


def test_undated_articles_come_last_and_see_every_story() -> None:
    articles = [Article("u", CHESS, None), Article("d", CHESS, 5), Article("e", BRIDGE, 400)]
    done = list(StoryAssigner(window_days=3).assign_all(articles))
    assert [a.article_id for a in done] == ["d", "e", "u"]
    assert done[2].story_id == done[0].story_id  # day 5's story, long out of the window


def test_bcubed_against_hand_computed_values() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    pr = bcubed(predicted, gold)
    # precision: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5; recall: a,b 2/3; c 1/3; d,e 1
    assert pr.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)
    assert pr.recall == pytest.approx((4 / 3 + 1 / 3 + 2) / 5)
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(stories)
    return app


def test_the_command_prints_the_stories(corpus) -> None:
    _, db = corpus
    result = CliRunner().invoke(_app(), [str(db), "--window-days", "3"])
    assert result.exit_code == 0, result.output
    assert "8 articles assigned (2 new stories)" in result.stdout
    lines = [line for line in result.stdout.splitlines() if "Valmora" in line]
    assert len(lines) == 1 and "4 articles" in lines[0] and "4 outlets" in lines[0]
    assert "score" in lines[0] and "2024-05-07" in lines[0]


def test_a_path_that_is_not_a_corpus_is_one_line_and_exit_2(tmp_path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for path in (text, empty, tmp_path / "missing.duckdb"):
        result = CliRunner().invoke(_app(), [str(path)])
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and lines[0].startswith("newsift: error:")
    result = CliRunner().invoke(_app(), [str(empty), "--threshold", "2"])
    assert result.exit_code == 2 and "--threshold" in result.stderr
