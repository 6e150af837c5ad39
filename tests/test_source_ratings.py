"""Domain quality ratings: the bundled file, user ratings, the CLI and the source finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.analyzer import Analyzer
from newsift.errors import InputError
from newsift.sources.cli import sources_app
from newsift.sources.db import SourceDB
from newsift.sources.importers import read_ratings

SEED = Path(__file__).parent / "fixtures" / "sources" / "seed.json"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LIN = "doi:10.1093/pnasnexus/pgad286"


def _ratings_file(path: Path) -> Path:
    """A two-source ratings file in the bundled format: two Lin domains, one idiap-only one."""
    mapping = {"-1": {"label": "unreliable", "rating": 0.299, "overlap": 776}}
    records = [
        ["goodwire.com", 0.93, "lin2023"],
        ["cbn.com", 0.41, "lin2023"],
        ["fringe.net", 0.299, "idiap2024", -1, "mbfc"],
    ]
    data = {"format": "newsift-source-ratings/1", "idiap_label_mapping": mapping}
    path.write_text(json.dumps({**data, "records": records}), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path) -> SourceDB:
    database = SourceDB(tmp_path / "s.sqlite3", seed=SEED, ratings=_ratings_file(tmp_path / "r"))
    yield database
    database.close()


def test_ratings_file_gives_each_record_its_citation(tmp_path) -> None:
    by_key = {r.key: r for r in read_ratings(_ratings_file(tmp_path / "r.json"))}
    assert LIN in by_key["goodwire.com"].reason and "0.93" in by_key["goodwire.com"].reason
    idiap = by_key["fringe.net"].reason
    assert "Burdisso et al. 2024" in idiap and "unreliable" in idiap and "776 domains" in idiap


def test_a_rating_sits_beside_the_labels_of_the_same_domain(db) -> None:
    info = db.lookup("https://www.cbn.com/news/1")
    assert info.labels == ["bias"] and info.rating == pytest.approx(0.41)
    assert LIN in info.rating_reason
    rated_only = db.lookup("goodwire.com")
    assert rated_only.found and rated_only.labels == [] and rated_only.rating == pytest.approx(0.93)


def test_the_users_rating_wins_and_keeps_their_labels(db) -> None:
    db.set_user("goodwire.com", ["satire"], "It runs spoof stories.")
    db.set_user("goodwire.com", None, "Caught inventing quotes.", rating=0.1)
    info = db.lookup("goodwire.com")
    assert info.user_override and info.rating == pytest.approx(0.1)
    assert info.labels == ["satire"]
    assert info.rating_reason == "your own rating: Caught inventing quotes."


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), True])
def test_a_rating_outside_zero_to_one_is_refused(db, bad) -> None:
    with pytest.raises(InputError):
        db.set_user("goodwire.com", None, None, rating=bad)


def test_cli_lookup_shows_the_bundled_rating_with_its_citation() -> None:
    result = CliRunner().invoke(sources_app, ["lookup", "https://www.reuters.com/world/x"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("reuters.com: rated ")
    assert "raises trust" in result.stdout and "Lin et al. 2023" in result.stdout
    data = json.loads(CliRunner().invoke(sources_app, ["lookup", "reuters.com", "--json"]).stdout)
    assert data["rating"] > 0.9 and LIN in data["rating_reason"]


def test_cli_set_rating_out_of_range_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(sources_app, ["set", "example.org", "--rating", "7"])
    assert result.exit_code == 2
    assert "outside 0..1" in result.output and "Traceback" not in result.output


def test_cli_set_rating_then_lookup_shows_it() -> None:
    runner = CliRunner()
    result = runner.invoke(sources_app, ["set", "reuters.com", "--rating", "0.2", "--reason", "x"])
    assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(sources_app, ["lookup", "reuters.com", "--json"]).stdout)
    assert data["rating"] == pytest.approx(0.2) and data["user_override"] is True


def test_a_well_rated_outlet_raises_the_score_and_a_poor_one_lowers_it() -> None:
    text = (EXAMPLES / "wire.txt").read_text(encoding="utf-8")
    analyzer = Analyzer()
    unknown = analyzer.analyze(text, url="https://unknown-outlet-xyz.example/a").reliability
    good = analyzer.analyze(text, url="https://www.reuters.com/world/a").reliability
    poor = analyzer.analyze(text, url="https://www.breitbart.com/politics/a").reliability
    assert poor.score < unknown.score < good.score
    report = analyzer.analyze(text, url="https://www.reuters.com/world/a")
    source = next(c for c in report.reliability.contributions if c.signal == "source_record")
    assert source.points > 0 and "Lin et al. 2023" in source.explanation
    assert report.findings[source.findings[0]].evidence["rating"] == pytest.approx(1.0)
