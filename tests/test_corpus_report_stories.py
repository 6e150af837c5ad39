"""The corpus report's Stories section: a wildfire and a ferry sinking told by made-up outlets,
one of which inflates the death toll and adds a label no one else gives, analysed by `newsift
batch`, grouped by `newsift stories`, then reported."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.corpus.cli import corpus_app
from newsift.corpus.report import collect, key_figures, open_corpus
from newsift.corpus.report.stories import DISPUTES, OWN, StoriesFigures, story_figures
from newsift.corpus.report.stories_page import CLAIM_CHARS, stories_section
from newsift.stories.run import assign_corpus
from story_fixtures import batch_corpus, event_rows

HOSTILE = "<script>alert(1)</script>"
FIRE = {
    "wire-a.com": (
        "The wildfire in the Oster hills killed 23 people this week, the state fire service "
        "said on Thursday. The fire started near the village of Brenna on Monday and has burned "
        "14,000 hectares of forest. Looters stole fire hoses from a depot in Brenna on Tuesday, "
        "local police said. Governor Lise Amundo ordered the evacuation of six villages."
    ),
    "daily-b.com": (
        "Governor Lise Amundo ordered six villages in the Oster hills evacuated on Wednesday. "
        "The state fire service said the wildfire had killed 23 people. The fire, which began "
        "near Brenna on Monday, has burned 14,000 hectares. Police said looters had stolen fire "
        "hoses from a depot in Brenna on Tuesday."
    ),
    "partisan-c.net": (
        "The wildfire in the Oster hills has killed 90 people, insiders say. The fire started "
        "near Brenna on Monday. Agents of the Kremlin-backed separatists stole fire hoses from a "
        "depot in Brenna on Tuesday. Governor Lise Amundo ordered the evacuation of six villages."
    ),
}
FERRY = {
    "wire-a.com": (
        "The ferry Aldra sank off the port of Kelvik on Saturday with 310 passengers on board, "
        "the coast guard said. Rescuers pulled 296 people from the water by Sunday morning. The "
        "operator Nordline said the ferry had passed its safety inspection in March."
    ),
    "daily-b.com": (
        "The coast guard said 296 of the 310 passengers of the ferry Aldra were rescued after it "
        "sank off Kelvik on Saturday. Nordline, the ferry's operator, said the Aldra passed its "
        "safety inspection in March."
    ),
    "times-d.org": (
        "Rescuers saved 296 people after the ferry Aldra went down off Kelvik on Saturday with "
        "310 passengers aboard, according to the coast guard. Nordline said the ferry had passed "
        "a safety inspection in March."
    ),
    HOSTILE: (
        f"The ferry Aldra sank off Kelvik on Saturday, the coast guard said {HOSTILE}. Rescuers "
        "pulled 296 people from the water by Sunday morning, the coast guard said."
    ),
}
INFLATED = "The wildfire in the Oster hills has killed 90 people"
LABELLED = "Agents of the Kremlin-backed separatists stole fire hoses"


def _records() -> list[dict]:
    return event_rows(
        (
            ("fire", "Deadly wildfire in the Oster hills", "2024-06-05", FIRE),
            ("ferry", f"Ferry Aldra sinks off Kelvik {HOSTILE}", "2024-06-08", FERRY),
        ),
        number_ids=True,  # one outlet's name is hostile HTML
    )


def _corpus(folder: Path) -> Path:
    return batch_corpus(folder, _records())


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = _corpus(tmp_path_factory.mktemp("stories"))
    assign_corpus(db, window_days=3, threshold=0.2)
    return db


@pytest.fixture(scope="module")
def figures(db: Path) -> StoriesFigures:
    con = open_corpus(db)
    try:
        return story_figures(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def page(db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("page") / "report.html"
    result = CliRunner().invoke(corpus_app, ["report", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _section(page: str) -> str:
    start = page.index('id="stories"')
    return page[start : page.index("</section>", start)]


def _story(figures: StoriesFigures, word: str):
    (story,) = [s for s in figures.stories if any(word in c.claim for c in s.claims)]
    return story


def test_both_stories_are_listed_with_their_outlets(figures, page) -> None:
    assert figures.available and figures.compared and figures.total == 2
    assert figures.multi_outlet == 2
    by_outlets = [len(s.outlets) for s in figures.stories]
    assert by_outlets == [4, 3]  # most outlets first
    section = _section(page)
    assert section.count('<article class="story"') == 2
    assert "Deadly wildfire in the Oster hills" in section
    assert "Ferry Aldra sinks off Kelvik &lt;script&gt;" in section


def test_outlets_are_ranked_by_mean_score(figures, page) -> None:
    for story in figures.stories:
        scores = [o.mean_score for o in story.outlets]
        assert scores == sorted(scores, reverse=True)
        assert sum(o.articles for o in story.outlets) == story.articles
    fire = _story(figures, "Oster")
    names = [o.name for o in fire.outlets]
    assert set(names) == set(FIRE)
    # The page lists them in that order, each with its score chip and source record.
    section = _section(page)
    table = section[section.index(f'id="story-{fire.id}"') :]
    table = table[: table.index("</table>")]
    positions = [table.index(f'<td class="name" title="{html.escape(n)}">') for n in names]
    assert positions == sorted(positions)
    assert "no source record" in table


def test_the_inflated_toll_is_disputed_with_the_figures_on_hover(figures, page) -> None:
    fire = _story(figures, "Oster")
    (claim,) = [c for c in fire.claims if c.claim.startswith(INFLATED)]
    assert claim.outlet == "partisan-c.net"
    assert claim.cell("partisan-c.net").verdict == OWN
    for other in ("wire-a.com", "daily-b.com"):
        cell = claim.cell(other)
        assert cell.verdict == DISPUTES and '"90 people"' in (cell.conflict or "")
    # The most disputed claims come first; the ✗ cell names the figures in its tooltip.
    assert fire.claims[0].count(DISPUTES) >= claim.count(DISPUTES)
    row = _section(page)
    row = row[row.index(html.escape(INFLATED)) :]
    row = row[: row.index("</tr>")]
    tips = re.findall(r'<td class="verdict v-disputes" title="([^"]*)">✗</td>', row)
    assert len(tips) == 2
    assert all("&quot;90 people&quot; (90) against &quot;23 people&quot; (23)" in t for t in tips)
    assert '<td class="verdict v-own"' in row
    assert "Conflicting figures" in _section(page)


def test_the_unsupported_label_is_flagged_as_resting_on_one_outlet(figures, page) -> None:
    fire = _story(figures, "Oster")
    (claim,) = [c for c in fire.claims if c.claim.startswith(LABELLED)]
    assert claim.lone and claim.outlet == "partisan-c.net"
    assert fire.lone_total >= 1
    koval = [c for c in fire.claims if c.claim.startswith("Governor Lise Amundo ordered")]
    assert koval and not any(c.lone for c in koval)
    row = _section(page)
    row = row[row.rindex("<tr", 0, row.index(html.escape(LABELLED))) :]
    row = row[: row.index("</tr>")]
    assert 'class="lone-row"' in row and "only this outlet" in row
    assert "v-silent" in row


def test_hostile_outlet_title_and_claim_are_escaped(figures, page) -> None:
    assert HOSTILE not in page
    ferry = _story(figures, "Aldra")
    assert HOSTILE in ferry.label  # the title
    assert HOSTILE in {o.name for o in ferry.outlets}
    assert any(HOSTILE in c.claim for c in ferry.claims)
    section = _section(page)
    story = section[section.index(f'id="story-{ferry.id}"') :]
    escaped = html.escape(HOSTILE)
    assert f"<h3>Ferry Aldra sinks off Kelvik {escaped}</h3>" in story
    assert f'<td class="name" title="{escaped}">{escaped}' in story  # the outlet
    assert f'<th class="outlet-col" title="{escaped}">' in story  # its column
    assert f"the coast guard said {escaped}." in story  # the claim


def test_claims_are_capped_the_most_disputed_first(db) -> None:
    con = open_corpus(db)
    try:
        capped = story_figures(con, claims_shown=2)
    finally:
        con.close()
    fire = _story(capped, "Oster")
    assert len(fire.claims) == 2 and fire.claims_total > 2
    assert fire.claims[0].claim.startswith(INFLATED)  # disputed by two outlets
    assert fire.claims[1].count(DISPUTES) == 1  # a 23-dead claim the partisan site disputes
    section = stories_section(capped)
    assert f"and {fire.claims_total - 2:,} more claims, less disputed" in section


def test_a_long_claim_is_cut_with_its_whole_text_on_hover(figures) -> None:
    from dataclasses import replace

    story = figures.stories[0]
    whole = "The wildfire " + "spread across the hills and " * 12 + "reached the coast."
    longer = replace(story, claims=[replace(story.claims[0], claim=whole)])
    section = stories_section(replace(figures, stories=[longer]))
    assert f'<span title="{whole}">{whole[: CLAIM_CHARS - 1].rstrip()}…</span>' in section


def test_summary_json_and_terminal_count_the_stories(db) -> None:
    con = open_corpus(db)
    try:
        figures = collect(con, str(db))
    finally:
        con.close()
    stories = key_figures(figures)["stories"]
    assert stories["stories"] == 2 and stories["multi_outlet_stories"] == 2
    assert {s["outlets"] for s in stories["largest"]} == {3, 4}
    result = CliRunner().invoke(corpus_app, ["summary", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 (2 told by two outlets or more)" in result.output


def test_a_corpus_without_stories_says_so(tmp_path: Path) -> None:
    db = _corpus(tmp_path)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(corpus_app, ["report", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    section = _section(out.read_text(encoding="utf-8"))
    assert "No stories yet: run <code>newsift stories CORPUS</code>." in section
    summary = CliRunner().invoke(corpus_app, ["summary", str(db), "--json"])
    assert json.loads(summary.output)["stories"] is None


def _copy_with(db: Path, copy: Path, *statements: str) -> Path:
    """A copy of the corpus changed by `statements`."""
    import shutil

    import duckdb

    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()
    return copy


def test_stories_without_claims_or_unreadable_say_so(db, tmp_path: Path) -> None:
    older = _copy_with(db, tmp_path / "older.duckdb", "DROP TABLE story_claims")
    con = open_corpus(older)
    try:
        figures = story_figures(con)
    finally:
        con.close()
    assert figures.available and not figures.compared and len(figures.stories) == 2
    assert "Claims not compared yet" in stories_section(figures)
    broken = _copy_with(
        db, tmp_path / "broken.duckdb", "DROP TABLE stories", "CREATE TABLE stories (id BIGINT)"
    )
    con = open_corpus(broken)
    try:
        figures = story_figures(con)
    finally:
        con.close()
    assert figures.error and "The stories tables could not be read" in stories_section(figures)
