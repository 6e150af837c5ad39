"""`newsift analyze ARTICLE --corpus`: the article's story in a corpus, the other outlets'
articles and who else reports its claims. A made-up ferry disaster and a council vote told by
four made-up outlets, one of which inflates the death toll tenfold."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from newsift.stories.run import assign_corpus
from story_fixtures import batch_corpus, event_rows

FERRY = {
    "ledger-north.com": (
        "At least 23 passengers were killed when the ferry Morning Gull capsized off Port Calder on"
        " Monday, the coast guard said. Rescue boats pulled 140 survivors from the water near the "
        "Tarn lighthouse. Harbour master Ilse Brandt said the vessel was carrying more than 160 "
        "people on a route licensed for 120. An inquiry into the sinking will open on Friday, the "
        "transport ministry said."
    ),
    "coastwire.net": (
        "The coast guard said 23 passengers were killed when the ferry Morning Gull capsized off "
        "Port Calder on Monday. Rescue crews saved 140 survivors near the Tarn lighthouse. Harbour "
        "master Ilse Brandt said the ferry was carrying more than 160 people. The transport "
        "ministry will open an inquiry into the sinking on Friday."
    ),
    "harbour-times.org": (
        "At least 23 passengers were killed when the Morning Gull ferry capsized off Port Calder on"
        " Monday, the coast guard said. Harbour master Ilse Brandt said 140 survivors had been "
        "rescued near the Tarn lighthouse. The transport ministry said an inquiry into the sinking "
        "would begin on Friday."
    ),
    "shoutnews.info": (
        "At least 230 passengers were killed when the ferry Morning Gull capsized off Port Calder "
        "on Monday, insiders say. Rescue boats pulled 140 survivors from the water near the Tarn "
        "lighthouse. Harbour master Ilse Brandt blamed the Calder Shipping cartel for the disaster."
        " An inquiry into the sinking will open on Friday, the transport ministry said."
    ),
}
BRIDGE = {
    "ledger-north.com": (
        "The Selby city council voted 31 to 9 on Thursday to build a new bridge over the Orrin "
        "river. Mayor Tomas Verhoef said construction would start in March and cost 85 million "
        "euros. The bridge will link the Eastgate district with the old town."
    ),
    "coastwire.net": (
        "Councillors in Selby approved a new bridge over the Orrin river on Thursday. Mayor Tomas "
        "Verhoef said work would begin in March. The bridge will cost 85 million euros, the council"
        " said."
    ),
    "harbour-times.org": (
        "Selby's city council backed a new bridge across the Orrin river on Thursday. Mayor Tomas "
        "Verhoef said the bridge would cost 85 million euros and link Eastgate with the old town."
    ),
    "shoutnews.info": (
        "The Selby city council rammed through a new bridge over the Orrin river on Thursday. Mayor"
        " Tomas Verhoef admitted the bridge will cost 85 million euros."
    ),
}
SCRIPT_OUTLET = "<script>alert('outlet')</script>"
SCRIPT_TITLE = "<script>alert('title')</script> Selby votes for a bridge"
INFLATED = "At least 230 passengers were killed when the ferry Morning Gull capsized"
NEWCOMER = (
    "Survivors of the Morning Gull ferry disaster off Port Calder described a night of chaos. The "
    "coast guard said 23 passengers were killed when the ferry capsized on Monday. Harbour "
    "master Ilse Brandt said the ferry was carrying more than 160 people near the Tarn lighthouse."
)
UNRELATED = (
    "The Larkspur chess open ended on Sunday with grandmaster Pavel Oyelaran winning all nine of "
    "his games. The prize fund of 20,000 dollars was shared among the five best players."
)


def _url(event: str, outlet: str) -> str:
    return f"https://{outlet}/news/{event}"


def _records() -> list[dict]:
    rows = event_rows(
        (
            ("ferry", "Ferry capsizes off Port Calder", "2025-06-02", FERRY),
            ("bridge", "Selby council votes for the Orrin bridge", "2025-06-19", BRIDGE),
        ),
        url=_url,
    )
    rows.append(
        {
            "id": "bridge-script",
            "title": SCRIPT_TITLE,
            "text": "The Selby city council approved a new bridge over the Orrin river on "
            "Thursday. Mayor Tomas Verhoef said the bridge would cost 85 million euros.",
            "date": "2025-06-19",
            "source": SCRIPT_OUTLET,
        }
    )
    return rows


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(corpus with stories, the same corpus before `newsift stories`, a folder for inputs)."""
    work = tmp_path_factory.mktemp("coverage")
    db = batch_corpus(work, _records())
    bare = work / "bare.duckdb"
    shutil.copyfile(db, bare)
    assign_corpus(db, window_days=3, threshold=0.2)
    return db, bare, work


def _article(work: Path, name: str, text: str) -> Path:
    path = work / name
    path.write_text(text, encoding="utf-8")
    return path


def _coverage(run_cli, *args: str) -> dict:
    result = run_cli("analyze", *args, "--format", "json")
    assert result.code == 0, result.err
    return result.json()["coverage"]


def _story_of(db: Path, article_id: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", [article_id]
        ).fetchone()[0]
    finally:
        con.close()


def test_an_article_of_the_corpus_gets_its_story_and_the_other_outlets(corpora, run_cli):
    db, _, work = corpora
    path = _article(work, "shout.txt", FERRY["shoutnews.info"])
    url = _url("ferry", "shoutnews.info")
    cov = _coverage(run_cli, str(path), "--url", url, "--corpus", str(db))
    assert cov["corpus"] == str(db) and cov["note"] is None
    story = cov["story"]
    assert story["id"] == _story_of(db, "ferry-shoutnews.info")
    assert story["in_corpus"] is True
    assert (story["articles"], story["outlets"]) == (4, 4)
    assert story["label"] == "Ferry capsizes off Port Calder"
    assert story["first_date"] == story["last_date"] == "2025-06-02"
    # The other three outlets, never the article's own, best score first.
    articles = cov["articles"]
    assert {a["outlet"] for a in articles} == {
        "ledger-north.com",
        "coastwire.net",
        "harbour-times.org",
    }
    scores = [a["score"] for a in articles]
    assert scores == sorted(scores, reverse=True)
    first = articles[0]
    assert set(first) == {
        "article_id", "title", "outlet", "url", "date", "score", "band", "source",
    }  # fmt: skip
    assert first["url"] == _url("ferry", first["outlet"])
    assert first["band"] in {"reliable", "mixed", "unreliable"}
    assert first["source"] == {
        "found": False, "labels": [], "rating": None, "description": "no source record",
    }  # fmt: skip
    # The inflated toll: disputed by the others, with the conflicting figures; it rests on this
    # outlet alone.
    claims = {c["claim"]: c for c in cov["claims"]}
    (inflated,) = [c for text, c in claims.items() if text.startswith(INFLATED)]
    assert inflated["disputes"] >= 2 and inflated["supports"] == 0 and inflated["lone"] is True
    assert inflated["supports"] + inflated["disputes"] + inflated["silent"] == 3
    disputes = [o for o in inflated["outlets"] if o["verdict"] == "disputes"]
    assert all(
        '230 passengers" (230) against' in o["conflict"] and '23 passengers" (23)' in o["conflict"]
        for o in disputes
    )
    assert all("23 passengers" in o["evidence"] for o in disputes)
    # A claim the others report too is supported and does not rest on one outlet.
    rescue = [c for text, c in claims.items() if text.startswith("Rescue boats pulled 140")]
    assert rescue and rescue[0]["supports"] == 3 and rescue[0]["lone"] is False


def _table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def test_a_new_article_finds_its_story_without_changing_the_corpus(corpora, run_cli):
    db, _, work = corpora
    before = _table_counts(db), hashlib.sha256(db.read_bytes()).hexdigest()
    path = _article(work, "newcomer.txt", NEWCOMER)
    cov = _coverage(
        run_cli, str(path), "--url", "https://www.newcomer-daily.com/ferry", "--corpus", str(db)
    )
    story = cov["story"]
    assert story["id"] == _story_of(db, "ferry-ledger-north.com")
    assert story["in_corpus"] is False and 0.2 <= story["similarity"] <= 1.0
    assert len(cov["articles"]) == 4  # every outlet of the story is another outlet
    died = [c for c in cov["claims"] if "23 passengers were killed" in c["claim"]]
    assert died and {o["outlet"] for o in died[0]["outlets"]} == set(FERRY)
    verdicts = {o["outlet"]: o["verdict"] for o in died[0]["outlets"]}
    assert verdicts["shoutnews.info"] == "disputes" and verdicts["coastwire.net"] == "supports"
    assert (_table_counts(db), hashlib.sha256(db.read_bytes()).hexdigest()) == before
    assert not Path(str(db) + ".wal").exists()


def test_an_unrelated_article_has_no_story(corpora, run_cli):
    db, _, work = corpora
    path = _article(work, "chess.txt", UNRELATED)
    cov = _coverage(run_cli, str(path), "--corpus", str(db))
    assert cov == {
        "corpus": str(db),
        "note": "no story of the corpus matches this article",
        "story": None,
        "articles": [],
        "claims": [],
    }


def test_a_corpus_without_stories_says_so(corpora, run_cli):
    _, bare, work = corpora
    path = _article(work, "newcomer.txt", NEWCOMER)
    cov = _coverage(run_cli, str(path), "--corpus", str(bare))
    assert cov["story"] is None and cov["articles"] == [] and cov["claims"] == []
    assert cov["note"] == f"the corpus has no stories yet: run `newsift stories {bare}`"
    terminal = run_cli("analyze", str(path), "--corpus", str(bare))
    assert terminal.code == 0 and "the corpus has no stories yet" in terminal.out


def test_a_missing_or_foreign_corpus_is_one_line_before_the_analysis(corpora, run_cli):
    _, _, work = corpora
    path = _article(work, "newcomer.txt", NEWCOMER)
    text_file = _article(work, "notes.txt", "not a database")
    other_db = work / "other.duckdb"
    duckdb.connect(str(other_db)).execute("CREATE TABLE t (x INTEGER)").close()
    for corpus, reason in (
        (work / "missing.duckdb", "no such corpus file"),
        (text_file, "not a DuckDB corpus"),
        (other_db, "not a corpus: no articles and runs tables"),
        (work, "stories need a DuckDB corpus file"),  # a directory, e.g. `batch --parquet`
    ):
        result = run_cli("analyze", str(path), "--corpus", str(corpus))
        assert result.code == 2 and result.out == ""
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and str(corpus) in lines[0] and reason in lines[0]


def test_the_json_has_coverage_only_with_a_corpus(corpora, run_cli):
    _, _, work = corpora
    path = _article(work, "newcomer.txt", NEWCOMER)
    result = run_cli("analyze", str(path), "--format", "json")
    assert result.code == 0 and "coverage" not in result.json()


def test_the_terminal_shows_the_story_outlets_and_claims(corpora, run_cli):
    db, _, work = corpora
    path = _article(work, "shout.txt", FERRY["shoutnews.info"])
    result = run_cli(
        "analyze", str(path), "--url", _url("ferry", "shoutnews.info"), "--corpus", str(db)
    )
    assert result.code == 0, result.err
    out = " ".join(result.out.split())  # rich wraps long lines
    assert "Coverage" in out and "Ferry capsizes off Port Calder" in out
    assert "this article is in the corpus" in out
    assert "Other outlets, best first" in out and "coastwire.net" in out
    assert "no source record" in out
    assert "supported by 0, disputed by" in out and "rests on this outlet alone" in out
    assert '"At least 230 passengers" (230) against "23 passengers" (23) in coastwire.net' in out


def test_the_html_escapes_the_corpus_text(corpora, run_cli):
    db, _, work = corpora
    path = _article(work, "bridge.txt", BRIDGE["coastwire.net"])
    page = work / "bridge.html"
    result = run_cli(
        "analyze", str(path), "--url", _url("bridge", "coastwire.net"), "--corpus", str(db),
        "--format", "html", "--output", str(page),
    )  # fmt: skip
    assert result.code == 0, result.err
    html = page.read_text(encoding="utf-8")
    assert "<h2>Coverage</h2>" in html and "Selby council votes for the Orrin bridge" in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;outlet&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; Selby votes" in html
    assert 'href="https://ledger-north.com/news/bridge"' in html


def test_a_dated_article_is_compared_with_the_stories_of_its_days(corpora, run_cli):
    db, _, work = corpora
    for date, found in (("2025-06-03", True), ("2025-09-01", False)):
        path = work / f"newcomer-{date}.json"
        path.write_text(json.dumps({"text": NEWCOMER, "date": date}), encoding="utf-8")
        cov = _coverage(run_cli, str(path), "--corpus", str(db))
        assert (cov["story"] is not None) == found, date


def test_without_the_encoder_a_multilingual_corpus_falls_back_and_says_so(
    corpora, run_cli, monkeypatch
):
    db, _, work = corpora
    multilingual = work / "multilingual.duckdb"
    shutil.copyfile(db, multilingual)
    con = duckdb.connect(str(multilingual))
    try:  # what a `newsift stories --multilingual` run leaves beside the stories
        con.execute("CREATE TABLE story_embeddings AS SELECT story_id, members FROM story_state")
    finally:
        con.close()
    monkeypatch.setattr("newsift.stories.encoder.encoder_available", lambda: False)
    cov = _coverage(
        run_cli, str(_article(work, "newcomer.txt", NEWCOMER)), "--corpus", str(multilingual)
    )
    assert cov["story"]["id"] == _story_of(db, "ferry-ledger-north.com")
    assert "grouped with --multilingual" in cov["note"]
    assert "matched with the default representation" in cov["note"]
