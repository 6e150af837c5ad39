"""`newsift corpus report` and `summary`: figures, the HTML page, the CLI, and the page in
headless Chromium. The corpus is synthetic (tests/corpus_report_fixtures.py), written as a DuckDB
file and as a Parquet directory."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from statistics import mean

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from corpus_report_fixtures import HOSTILE, OUTLETS, make_corpus, write_duckdb, write_parquet_dir
from newsift.corpus.cli import corpus_app
from newsift.corpus.report import collect, key_figures, open_corpus, render_page
from newsift.corpus.report.charts import label, technique_heatmap
from newsift.corpus.report.lowest import main_contributions
from newsift.corpus.report.techniques import TechniqueMatrix, readable
from newsift.corpus.report.timeline import step_for
from newsift.errors import InputError

CORPUS = make_corpus()
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _outlet(row: dict) -> str:
    return row["domain"] or row["source"]


def _dated(row: dict) -> str | None:
    match = DATE.match(row["date"] or "")
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return write_duckdb(tmp_path_factory.mktemp("corpus") / "corpus.duckdb", CORPUS)


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory) -> Path:
    return write_parquet_dir(tmp_path_factory.mktemp("pq") / "corpus", CORPUS)


@pytest.fixture(scope="module")
def figures(db):
    con = open_corpus(db)
    try:
        return collect(con, str(db))
    finally:
        con.close()


@pytest.fixture(scope="module")
def page(figures) -> str:
    return render_page(figures)


# ---- figures ------------------------------------------------------------------------------


def test_headline_figures(figures):
    arts = CORPUS.articles
    head = figures.headline
    assert head.articles == len(arts) == 120
    assert head.outlets == len(OUTLETS)
    assert head.words == sum(a["words"] for a in arts)
    assert head.mean_score == pytest.approx(mean(a["score"] for a in arts))
    bands = Counter(a["band"] for a in arts)
    assert head.band_counts == {b: bands[b] for b in ("reliable", "mixed", "unreliable")}
    assert head.band_share("mixed") == pytest.approx(bands["mixed"] / len(arts))
    dates = sorted(d for d in map(_dated, arts) if d)
    assert (head.dated_articles, head.first_date, head.last_date) == (
        len(dates),
        dates[0],
        dates[-1],
    )
    assert head.errors == 4 and head.runs == 2
    bins = Counter(min(int(a["score"] // 5), 19) for a in arts)
    assert figures.score_bins == [bins[i] for i in range(20)]
    assert head.error_reasons[0] == ("broken JSON line", 2)


def test_outlet_table(figures):
    by_name = {o.name: o for o in figures.outlets}
    counts = Counter(_outlet(a) for a in CORPUS.articles)
    assert [o.name for o in figures.outlets] == [n for n, _ in counts.most_common()]
    wire = by_name["wire.example"]
    wire_scores = [a["score"] for a in CORPUS.articles if a["domain"] == "wire.example"]
    assert wire.mean_score == pytest.approx(mean(wire_scores))
    assert sum(wire.band_counts.values()) == wire.articles == len(wire_scores)
    truth = by_name["truthpatriot.example"].source
    assert (truth.found, truth.labels) == (True, ("fake", "conspiracy"))
    assert truth.rating == pytest.approx(0.1)
    assert by_name["blog.example"].source.found is False
    assert by_name["Metro Weekly"].articles == 12  # named by `source` when there is no domain
    # Techniques: own voice only; quoted findings and sentence-level findings left out.
    outlet_of = {a["id"]: _outlet(a) for a in CORPUS.articles}
    own = Counter(
        readable(f["label"])
        for f in CORPUS.findings
        if outlet_of[f["article_id"]] == "truthpatriot.example"
        and f["voice"] == "own"
        and f["label"] != "propaganda_sentence"
    )
    top = by_name["truthpatriot.example"].techniques
    assert len(top) == 3 and dict(top) == {t: own[t] for t, _ in top}
    assert top[0][1] == max(own.values())


def test_technique_matrix_is_per_1000_words(figures):
    matrix = figures.matrix
    i = matrix.outlets.index("blog.example")
    j = matrix.techniques.index("Loaded language")
    words = sum(a["words"] for a in CORPUS.articles if a["domain"] == "blog.example")
    ids = {a["id"] for a in CORPUS.articles if a["domain"] == "blog.example"}
    n = sum(
        1
        for f in CORPUS.findings
        if f["article_id"] in ids and f["label"] == "Loaded_Language" and f["voice"] == "own"
    )
    assert matrix.counts[i][j] == n > 0
    assert matrix.rates[i][j] == pytest.approx(1000 * n / words)
    assert "propaganda_sentence" not in matrix.techniques


def test_timeline_and_step():
    assert step_for(30, 3000) == "day"
    assert step_for(59, 96) == "week"  # 1.6 articles a day is too thin for a daily line
    assert step_for(400, 50) == "month"
    assert step_for(5000, 10**6) == "month"
    assert step_for(20000, 10) == "year"


def test_timeline_points(figures):
    line = figures.timeline
    assert line.step == "week"
    assert sum(p.articles for p in line.points) == figures.headline.dated_articles
    assert line.undated == 120 - figures.headline.dated_articles
    assert all(p.start.weekday() == 0 for p in line.points)  # weeks start on Monday


def test_lowest_articles_and_contributions(figures):
    low = figures.lowest
    assert len(low) == 20
    assert [a.score for a in low] == sorted(a["score"] for a in CORPUS.articles)[:20]
    first = low[0]
    assert first.title == HOSTILE and first.score == 1.5
    raw = next(a["contributions"] for a in CORPUS.articles if a["id"] == first.id)
    negative = sorted(p["points"] for p in json.loads(raw) if p["points"] < 0)[:3]
    assert [c.points for c in first.contributions] == negative


def test_main_contributions_tolerates_malformed_json():
    assert main_contributions("not json") == []
    assert main_contributions('{"points": -3}') == []
    assert main_contributions('[{"points": "x"}, {"points": true}, 5]') == []
    good = main_contributions('[{"signal": "a", "points": -2}, {"signal": "b", "points": 4}]')
    assert [(c.signal, c.points) for c in good] == [("a", -2.0)]


def test_parquet_directory_gives_the_same_figures(db, parquet_dir):
    def figures_of(path: Path) -> dict:
        con = open_corpus(path)
        try:
            return key_figures(collect(con, "x"))
        finally:
            con.close()

    assert figures_of(parquet_dir) == figures_of(db)


def test_parquet_tables_without_files_or_columns(tmp_path):
    folder = write_parquet_dir(tmp_path / "c", make_corpus())
    for part in (folder / "errors").glob("*.parquet"):
        part.unlink()  # a table with no file yet: empty
    con = duckdb.connect(":memory:")
    con.execute(f"CREATE TABLE f AS SELECT * FROM read_parquet('{folder}/findings/*.parquet')")
    con.execute("ALTER TABLE f DROP COLUMN voice")  # a corpus from before the voice column
    (folder / "findings" / "part-0.parquet").unlink()
    con.execute(f"COPY f TO '{folder}/findings/old.parquet' (FORMAT PARQUET)")
    con.close()
    opened = open_corpus(folder)
    try:
        figures = collect(opened, "c")
    finally:
        opened.close()
    assert figures.headline.errors == 0 and figures.errors == []
    # Without `voice`, a finding is the outlet's own unless `quoted`: the same counts.
    own = Counter(
        readable(f["label"])
        for f in CORPUS.findings
        if f["voice"] == "own" and f["label"] != "propaganda_sentence"
    )
    assert {t.technique: t.findings for t in figures.techniques} == dict(own)


# ---- the HTML page ------------------------------------------------------------------------


def test_page_escapes_hostile_strings(page):
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page  # the hostile article's URL is not made a link


def test_page_is_self_contained(page):
    lowered = page.lower()
    for tag in ("<script", "<link", "<img", "<image", "<iframe", "<object", "<embed", "@import"):
        assert tag not in lowered, tag
    assert re.findall(r"url\((?!#)", lowered) == []  # only the SVG's own clip paths
    assert re.findall(r"\ssrc\s*=", lowered) == []
    corpus_urls = {a["url"] for a in CORPUS.articles if a["url"]}
    links = re.findall(r'<a href="([^"]*)"([^>]*)>', page)
    assert links
    for url, rest in links:
        assert url in corpus_urls and url.startswith("https://")
        assert 'rel="noopener noreferrer"' in rest
    other = [h for h in re.findall(r'href="([^"]*)"', page) if h not in corpus_urls]
    assert all(h.startswith("#") for h in other), other  # SVG's own references only


def test_every_chart_is_inline_svg(page, figures):
    charts = re.findall(r"<svg\b[^>]*>", page)
    assert len(charts) == 3
    for root in charts:
        assert 'class="chart"' in root and "viewBox" in root and 'role="img"' in root
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert "Score distribution (120 articles)" in page
    assert f"Mean score per {figures.timeline.step}" in page
    assert "findings per 1,000 words" in page.lower()
    assert "font-family" in page and "<text" in page  # text kept as text


def test_axis_labels_keep_both_ends():
    long = "A Very Long Outlet Name Number 7 Of The Corpus"
    assert len(label(long)) <= 32 and label(long).endswith("7 Of The Corpus")
    assert label("two\x1b[31m lines\n") == "two [31m lines"


def test_svg_escapes_outlet_names():
    matrix = TechniqueMatrix([HOSTILE, "$x$ & <b>"], ["Doubt"], [[1.0], [2.0]], [[1], [2]])
    svg = technique_heatmap(matrix)
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "$x$ &amp; &lt;b&gt;" in svg  # mathtext off: the dollars print as they are


def test_page_is_deterministic(db, page):
    con = open_corpus(db)
    try:
        assert render_page(collect(con, str(db))) == page
    finally:
        con.close()


def test_empty_and_undated_corpora(tmp_path):
    empty = write_duckdb(tmp_path / "empty.duckdb", make_corpus(), tables=())
    con = duckdb.connect(str(empty))
    con.execute("CREATE TABLE articles (id VARCHAR, score DOUBLE)")  # an old, narrow table
    con.close()
    opened = open_corpus(empty)
    html = render_page(collect(opened, "empty"))
    opened.close()
    assert "<svg" not in html and "no scored articles" in html

    undated = make_corpus()
    for row in undated.articles:
        row["date"] = None
    path = write_duckdb(tmp_path / "undated.duckdb", undated)
    opened = open_corpus(path)
    html = render_page(collect(opened, "undated"))
    opened.close()
    assert html.count("<svg") == 2 and "no chart over time" in html


# ---- bad inputs and the CLI ---------------------------------------------------------------


def test_bad_corpus_paths(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello, not a database\n")
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (a INTEGER)")
    con.close()
    (tmp_path / "emptydir").mkdir()
    broken = tmp_path / "broken"
    (broken / "articles").mkdir(parents=True)
    (broken / "articles" / "part-0.parquet").write_bytes(b"PAR1 not really")
    cases = {
        tmp_path / "missing.duckdb": "no such file",
        text: "not a DuckDB database",
        other: "no articles table",
        tmp_path / "emptydir": "no articles/",
        broken: "cannot read the corpus",
    }
    for path, reason in cases.items():
        with pytest.raises(InputError) as caught:
            open_corpus(path)
        assert caught.value.input_name == str(path) and reason in caught.value.reason
        assert "\n" not in str(caught.value)


def test_cli_report_writes_the_page(db, tmp_path, page):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(corpus_app, ["report", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == page
    assert f"wrote {out}" in result.stderr


def test_cli_summary_json_and_tables(db, figures):
    result = CliRunner().invoke(corpus_app, ["summary", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(key_figures(figures)))
    assert (data["articles"], data["outlets"], data["errors"]) == (120, 6, 4)
    assert data["band_shares"]["unreliable"] == round(figures.headline.band_share("unreliable"), 4)
    assert data["top_outlets"][0]["outlet"] == "wire.example"
    assert data["top_techniques"][0]["findings"] >= data["top_techniques"][-1]["findings"]

    tables = CliRunner().invoke(corpus_app, ["summary", str(db)])
    assert tables.exit_code == 0, tables.output
    for text in ("Articles", "120", "Score bands", "wire.example", "Loaded language", "Errors"):
        assert text in tables.stdout, text
    assert HOSTILE in tables.stdout  # shown as text, not taken as rich markup


def test_cli_bad_inputs_exit_2_with_one_line(tmp_path, db):
    mounted = typer.Typer()  # as `newsift corpus` mounts it
    mounted.add_typer(corpus_app, name="corpus")
    missing = tmp_path / "nope.duckdb"
    for app, args in (
        (corpus_app, ["summary", str(missing)]),
        (mounted, ["corpus", "report", str(missing), "-o", str(tmp_path / "r.html")]),
        (corpus_app, ["report", str(db), "-o", str(tmp_path / "no" / "r.html")]),
        (corpus_app, ["report", str(db), "-o", str(tmp_path)]),
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsift: error: ")
    assert not (tmp_path / "r.html").exists()


# ---- the page in headless Chromium --------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def test_report_renders_in_chromium(page, tmp_path):
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            view = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            outside: list[str] = []
            view.on("pageerror", lambda exc: problems.append(str(exc)))
            view.on(
                "console", lambda msg: problems.append(msg.text) if msg.type == "error" else None
            )

            def guard(route) -> None:
                if route.request.url.startswith(("file://", "data:")):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            view.route("**/*", guard)
            view.goto(report.as_uri())
            boxes = [svg.bounding_box() for svg in view.query_selector_all("svg.chart")]
            texts = view.eval_on_selector_all(
                "svg.chart", "els => els.map(e => e.querySelectorAll('text').length)"
            )
            page_width = view.evaluate("document.documentElement.scrollWidth")
        finally:
            browser.close()
    assert len(boxes) == 3
    for box in boxes:
        assert box and box["width"] > 300 and box["height"] > 150
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280  # not clipped
    assert all(n > 10 for n in texts)  # titles, ticks and labels drawn as text
    assert page_width <= 1280  # nothing wider than the window
    assert problems == [] and outside == []
