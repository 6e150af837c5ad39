"""`newsift serve --corpus`: every report the API returns carries its coverage in the corpus.

The corpus is built the real way (`newsift batch`, then story assignment) from made-up articles
about two events (a warehouse fire, a marathon) by four made-up outlets, one of which inflates
the fire's figure and adds a label no one else gives.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from newsift.api import Settings, create_app
from story_fixtures import batch_corpus, event_rows

FIRE = {
    "wire-north.example": (
        "A fire destroyed the Brannock grain warehouse in Ostry on Thursday night, the regional "
        "fire service said. About 300 tonnes of wheat were lost in the blaze. Mayor Tomas Ruel "
        "said the warehouse had been inspected in June. Police said the cause of the fire was "
        "not yet known."
    ),
    "harbor-gazette.example": (
        "Fire crews fought for six hours to control a blaze at the Brannock grain warehouse in "
        "Ostry on Thursday night. The regional fire service said 300 tonnes of wheat were lost. "
        "Mayor Tomas Ruel told reporters the building had passed an inspection in June."
    ),
    "loudvoice.example": (
        "The Brannock grain warehouse in Ostry burned down on Thursday night and 1,200 tonnes "
        "of wheat were lost in the blaze. Regime-linked arsonists started the fire, the site "
        "claims. Mayor Tomas Ruel said the warehouse had been inspected in June."
    ),
    "valley-times.example": (
        "The Brannock grain warehouse in Ostry was destroyed by fire on Thursday night. The "
        "regional fire service said about 300 tonnes of wheat burned. Police are investigating "
        "the cause of the fire, Mayor Tomas Ruel said."
    ),
}
RACE = {
    "wire-north.example": (
        "Lena Ostrova won the Calder city marathon on Sunday in 2 hours 21 minutes, a course "
        "record. About 9,000 runners took part in the Calder race, the organisers said."
    ),
    "harbor-gazette.example": (
        "Lena Ostrova set a course record at the Calder city marathon on Sunday, finishing in "
        "2 hours 21 minutes. The organisers said 9,000 runners started the race."
    ),
    "valley-times.example": (
        "The Calder city marathon drew about 9,000 runners on Sunday. Lena Ostrova won in a "
        "course record time of 2 hours 21 minutes, the organisers said."
    ),
}
FIRE_LABEL = "Fire destroys Brannock grain warehouse in Ostry"
RACE_LABEL = "Lena Ostrova wins the Calder marathon"
# What a reader pastes: a new article about the fire, not one of the corpus's.
FIRE_ARTICLE = (
    "A fire destroyed the Brannock grain warehouse in Ostry on Thursday night, the regional fire "
    "service said. About 300 tonnes of wheat were lost in the blaze. Mayor Tomas Ruel said the "
    "warehouse had been inspected in June."
)
RACE_ARTICLE = (
    "Lena Ostrova won the Calder city marathon on Sunday with a course record of 2 hours 21 "
    "minutes. About 9,000 runners took part, the organisers said."
)


def corpus_rows() -> list[dict]:
    return event_rows(
        (
            ("fire", FIRE_LABEL, "2026-11-05", FIRE),
            ("race", RACE_LABEL, "2026-11-08", RACE),
        ),
        url=lambda event, outlet: f"https://{outlet}/{event}",
    )


def build_corpus(folder: Path, stories: bool = True) -> Path:
    """`newsift batch` of the made-up articles into folder/corpus.duckdb, then their stories."""
    from newsift.stories.defaults import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS
    from newsift.stories.run import assign_corpus

    db = batch_corpus(folder, corpus_rows())
    if stories:
        assign_corpus(db, window_days=DEFAULT_WINDOW_DAYS, threshold=DEFAULT_THRESHOLD)
    return db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:  # the batch's source database stays in tmp
        patch.setenv("NEWSIFT_HOME", str(tmp_path_factory.mktemp("home")))
        yield build_corpus(tmp_path_factory.mktemp("corpus"))


def _client(make_client, corpus_path: Path | None) -> TestClient:
    return make_client(Settings(warm_up=False, corpus_path=corpus_path))


def _analyze(client: TestClient, text: str) -> dict:
    response = client.post("/v1/analyze", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()


def test_an_article_about_the_fire_gets_its_story_and_the_other_outlets(make_client, corpus):
    coverage = _analyze(_client(make_client, corpus), FIRE_ARTICLE)["coverage"]
    assert coverage["corpus"] == str(corpus)
    assert coverage["note"] is None
    story = coverage["story"]
    assert story["label"] == FIRE_LABEL
    assert (story["articles"], story["outlets"], story["in_corpus"]) == (4, 4, False)
    assert {a["outlet"] for a in coverage["articles"]} == set(FIRE)
    assert all(a["url"].startswith("https://") for a in coverage["articles"])
    scores = [a["score"] for a in coverage["articles"]]
    assert scores == sorted(scores, reverse=True)  # best first
    # The tonnage claim: three outlets give 300 tonnes, the loud one disputes it with 1,200.
    tonnes = next(c for c in coverage["claims"] if "300 tonnes" in c["claim"])
    verdicts = {o["outlet"]: o for o in tonnes["outlets"]}
    assert verdicts["loudvoice.example"]["verdict"] == "disputes"
    assert "1,200" in verdicts["loudvoice.example"]["conflict"]
    assert (tonnes["supports"], tonnes["disputes"]) == (3, 1)


def test_a_batch_gives_each_article_its_own_story(make_client, corpus):
    client = _client(make_client, corpus)
    # The third is refused alone (a private address): the others still get their coverage.
    documents = [{"text": FIRE_ARTICLE}, {"text": RACE_ARTICLE}, {"url": "https://127.0.0.1/x"}]
    results = client.post("/v1/analyze/batch", json={"documents": documents}).json()["results"]
    fire, race, refused = results
    assert fire["report"]["coverage"]["story"]["label"] == FIRE_LABEL
    assert race["report"]["coverage"]["story"]["label"] == RACE_LABEL
    assert {a["outlet"] for a in race["report"]["coverage"]["articles"]} == set(RACE)
    assert not refused["ok"] and refused["report"] is None


def test_without_a_corpus_reports_have_no_coverage_key(make_client, analyzer):
    client = _client(make_client, None)
    report = _analyze(client, FIRE_ARTICLE)
    assert "coverage" not in report
    results = client.post("/v1/analyze/batch", json={"documents": [{"text": FIRE_ARTICLE}]})
    assert "coverage" not in results.json()["results"][0]["report"]
    assert client.get("/healthz").json()["corpus"] is None
    assert client.get("/v1/meta").json()["corpus"] is None


def test_health_and_meta_name_the_corpus(make_client, corpus):
    client = _client(make_client, corpus)
    assert client.get("/healthz").json()["corpus"] == str(corpus)
    assert client.get("/v1/meta").json()["corpus"] == str(corpus)
    # The documented response of /v1/analyze allows the optional coverage object.
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    coverage = schemas["Report"]["properties"]["coverage"]
    assert {"$ref": "#/components/schemas/Coverage"} in coverage["anyOf"]
    assert "coverage" not in schemas["Report"].get("required", [])
    assert {"corpus", "note", "story", "articles", "claims"} <= set(
        schemas["Coverage"]["properties"]
    )


def test_a_corpus_without_stories_yet_gives_a_note(make_client, tmp_path):
    db = build_corpus(tmp_path, stories=False)
    coverage = _analyze(_client(make_client, db), FIRE_ARTICLE)["coverage"]
    assert coverage["story"] is None and coverage["articles"] == [] == coverage["claims"]
    assert "no stories yet" in coverage["note"] and "newsift stories" in coverage["note"]


def test_the_corpus_can_be_written_between_analyses_and_a_note_while_it_is(make_client, corpus):
    client = _client(make_client, corpus)
    assert _analyze(client, FIRE_ARTICLE)["coverage"]["story"]["label"] == FIRE_LABEL
    # Between analyses the server holds no lock: `newsift stories` can open it to write.
    writer = subprocess.run(
        [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()", corpus],
        capture_output=True,
        text=True,
    )
    assert writer.returncode == 0, writer.stderr
    # Another process holds the file read-write, as `newsift stories` does while it runs.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "print('holding', flush=True); time.sleep(60)",
            str(corpus),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        coverage = _analyze(client, FIRE_ARTICLE)["coverage"]
        from newsift.api.coverage import check_corpus

        warning = check_corpus(corpus)  # serve starts, with a warning, while it is written
    finally:
        holder.kill()
        holder.wait()
    assert coverage["story"] is None
    assert "could not be read" in coverage["note"] and "another process" in coverage["note"]
    assert "another process is writing it" in warning
    assert _analyze(client, FIRE_ARTICLE)["coverage"]["story"]["label"] == FIRE_LABEL


def test_a_corpus_file_replaced_by_junk_gives_a_note(make_client, tmp_path):
    db = tmp_path / "corpus.duckdb"
    db.write_bytes(b"not a database\n")  # e.g. moved away and something else put there
    client = _client(make_client, db)
    coverage = _analyze(client, FIRE_ARTICLE)["coverage"]
    assert coverage["story"] is None
    assert coverage["note"].startswith("the corpus could not be read for this analysis:")


def test_analysis_processes_add_the_coverage_too(corpus):
    settings = Settings(
        analysis_processes=1, warm_up=False, detectors=("claims",), corpus_path=corpus
    )
    with TestClient(create_app(settings)) as client:
        coverage = _analyze(client, FIRE_ARTICLE)["coverage"]
        batch = client.post("/v1/analyze/batch", json={"documents": [{"text": RACE_ARTICLE}]})
    assert coverage["story"]["label"] == FIRE_LABEL
    assert any(c["disputes"] for c in coverage["claims"])
    assert batch.json()["results"][0]["report"]["coverage"]["story"]["label"] == RACE_LABEL


def _one_line_error(result, name: str) -> str:
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert lines[0].startswith(f"newsift: error: {name}: ")
    return lines[0]


def test_serve_refuses_a_missing_corpus(run_cli, tmp_path):
    missing = tmp_path / "missing.duckdb"
    line = _one_line_error(run_cli("serve", "--corpus", str(missing)), str(missing))
    assert "no such" in line


def test_serve_refuses_a_file_that_is_not_a_corpus(run_cli, tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("just some notes\n", encoding="utf-8")
    _one_line_error(run_cli("serve", "--corpus", str(junk)), str(junk))
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    line = _one_line_error(run_cli("serve", "--corpus", str(other)), str(other))
    assert "not a corpus" in line
    line = _one_line_error(run_cli("serve", "--corpus", str(tmp_path)), str(tmp_path))
    assert "directory" in line
