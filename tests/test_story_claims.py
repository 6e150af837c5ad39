"""Cross-outlet claim comparison: a flood and a factory strike told by made-up outlets, one of
which inflates the death toll and adds a label no one else gives; figures and conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsift.corpus.batch import BatchOptions, run_batch
from newsift.stories.compare.figures import conflicts, differ, parse_figures, same_quantity
from newsift.stories.compare.matching import MATCH_THRESHOLD, Match, Sentence
from newsift.stories.compare.summary import story_summary, summary_lines
from newsift.stories.compare.verdict import DISPUTES, SILENT, SUPPORTS, judge, missing_names
from newsift.stories.run import assign_corpus
from story_fixtures import batch_corpus, event_rows

FLOOD = {
    "wire-a.com": (
        "Floods in the Varda valley killed 12,000 people this week, the regional health "
        "ministry said on Tuesday. The Selmet river burst its banks near the town of Marrowby "
        "on Sunday night after three days of heavy rain. Armed men blocked an aid convoy on the "
        "road to Marrowby on Monday, according to the United Nations. Governor Anna Koval "
        "declared a state of emergency and asked the army to help with the evacuation."
    ),
    "daily-b.com": (
        "Governor Anna Koval declared a state of emergency in the Varda valley on Tuesday. The "
        "health ministry said the floods had killed 12,000 people across the region. The Selmet "
        "river burst its banks near Marrowby on Sunday night, flooding more than 3,000 homes. "
        "The United Nations said armed men had stopped an aid convoy outside Marrowby on Monday."
    ),
    "partisan-c.net": (
        "The catastrophic floods in the Varda valley have killed 40,000 people, partisan "
        "sources say. The Selmet river burst its banks near Marrowby on Sunday night. Fighters "
        "of the US-backed militia blocked an aid convoy on the road to Marrowby on Monday. "
        "Governor Anna Koval declared a state of emergency on Tuesday."
    ),
}
STRIKE = {
    "wire-a.com": (
        "About 4,500 workers walked out of the Kestrel Motors plant in Dunmore on Wednesday, the "
        "Dunmore Metalworkers Union said. The union is demanding a 9% pay rise after two years "
        "of frozen wages. Kestrel Motors said production at the plant had stopped and talks "
        "would resume on Friday."
    ),
    "daily-b.com": (
        "Some 4,500 workers at the Kestrel Motors plant in Dunmore went on strike on Wednesday. "
        "The Dunmore Metalworkers Union wants a 9% pay rise for its members. Kestrel Motors "
        "said it would resume talks with the union on Friday."
    ),
    "times-d.org": (
        "Production stopped at the Kestrel Motors factory in Dunmore on Wednesday as 4,500 "
        "workers went on strike. The Dunmore Metalworkers Union is asking for a 9% pay rise. "
        "The company said it would meet union leaders on Friday."
    ),
}
INFLATED = "The catastrophic floods in the Varda valley have killed 40,000 people"
LABELLED = "Fighters of the US-backed militia blocked an aid convoy"


def _records() -> list[dict]:
    return event_rows(
        (
            ("flood", "Deadly floods in the Varda valley", "2024-03-12", FLOOD),
            ("strike", "Kestrel Motors workers strike in Dunmore", "2024-03-13", STRIKE),
        )
    )


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory):
    db = batch_corpus(tmp_path_factory.mktemp("claims"), _records())
    outcome = assign_corpus(db, window_days=3, threshold=0.2, summaries=2)
    return db, outcome


def _rows(db: Path, where: str = "TRUE") -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT article_id, outlet, claim, other_outlet, verdict, evidence, similarity, "
            f"conflict, note FROM story_claims WHERE {where} ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def test_the_test_articles_state_check_worthy_claims(compared) -> None:
    db, _ = compared
    claims = {claim for _, _, claim, *_ in _rows(db)}
    assert any(c.startswith(INFLATED) for c in claims)
    assert any(c.startswith(LABELLED) for c in claims)
    assert any("4,500 workers" in c for c in claims)


def test_two_stories_and_every_claim_against_every_other_outlet(compared) -> None:
    db, outcome = compared
    assert len(outcome.stories) == 2
    assert {s.outlets for s in outcome.stories} == {3}
    rows = _rows(db)
    assert outcome.claim_rows == len(rows) > 0
    for article_id, outlet, _, other, verdict, evidence, similarity, _, note in rows:
        assert other != outlet and article_id.endswith(outlet)
        assert verdict in {SUPPORTS, DISPUTES, SILENT}
        assert (evidence is None) == (similarity < MATCH_THRESHOLD)
        assert (verdict == SILENT) <= (evidence is None or note is not None)


def test_the_inflated_figure_is_disputed_with_the_conflicting_figures(compared) -> None:
    db, _ = compared
    rows = _rows(db, f"claim LIKE '{INFLATED}%'")
    assert {(other, verdict) for _, _, _, other, verdict, *_ in rows} == {
        ("wire-a.com", DISPUTES),
        ("daily-b.com", DISPUTES),
    }
    for *_, evidence, _, conflict, _ in rows:
        assert "12,000 people" in evidence
        assert '"40,000 people" (40,000) against "12,000 people" (12,000)' in conflict
    # And the wire's own toll is disputed by the partisan site, supported by the daily.
    wire = _rows(db, "claim LIKE 'Floods in the Varda valley killed 12,000%'")
    assert {(o, v) for _, _, _, o, v, *_ in wire} == {
        ("daily-b.com", SUPPORTS),
        ("partisan-c.net", DISPUTES),
    }


def test_the_unsupported_label_rests_on_one_outlet(compared) -> None:
    db, outcome = compared
    con = duckdb.connect(str(db), read_only=True)
    try:
        (story_id,) = con.execute(
            "SELECT DISTINCT story_id FROM story_claims WHERE article_id LIKE 'flood-%'"
        ).fetchone()
        summary = story_summary(con, story_id)
    finally:
        con.close()
    lone = {c.claim[: len(LABELLED)]: c for c in summary.lone_claims}
    assert LABELLED in lone
    label = lone[LABELLED]
    assert (label.outlet, label.supports, label.silent) == ("partisan-c.net", 0, 2)
    assert label.source.describe() == "no source record"
    notes = {n for *_, n in _rows(db, f"claim LIKE '{LABELLED}%'")}
    assert notes == {'does not name "US"'}
    # The claims every outlet reports do not rest on one alone.
    koval = [c for c in summary.claims if c.claim.startswith("Governor Anna Koval declared")]
    assert koval and all(c.supports == 2 for c in koval)
    text = "\n".join(summary_lines(summary))
    assert "Resting on one outlet alone:" in text and LABELLED in text
    assert "conflicting figures:" in text
    assert outcome.summaries and all(s.claims for s in outcome.summaries)


def test_the_command_prints_the_summaries(tmp_path: Path) -> None:
    from newsift.cli import app

    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    db = tmp_path / "corpus.duckdb"
    run_batch(BatchOptions(inputs=(str(source),), out=db, workers=0, quiet=True))
    result = CliRunner().invoke(app, ["stories", str(db), "--claims", "2"])
    assert result.exit_code == 0, result.output
    assert "claim comparisons" in result.output
    assert "Resting on one outlet alone:" in result.output
    assert "US-backed militia" in result.output
    assert "conflicting figures:" in result.output
    plain = CliRunner().invoke(app, ["stories", str(db)])
    assert plain.exit_code == 0 and "Resting on one outlet" not in plain.output
    # The rerun above had nothing new: it kept the comparisons and assigned nothing.
    assert "0 articles assigned" in plain.output and _rows(db)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Nearly half a million people were killed in the war.", 500_000, "peopl"),
        ("More than 300,000 people were killed.", 300_000, "peopl"),
        ("The floods killed 12,000 people this week.", 12_000, "peopl"),
        ("The union wants a 9% pay rise.", 9, "%pay"),
        ("Turnout rose to 61.5 percent of voters.", 61.5, "%voter"),
        ("The fund lost $3.5 billion in savings.", 3.5e9, "$"),
        ("The F-35 cost 80m dollars.", 80e6, "dolla"),
        ("Two million people have fled.", 2e6, "peopl"),
        ("Thousands of people were evacuated, 2.3m homes lost power.", 2.3e6, "homes"),
    ],
)
def test_figures_are_read_with_their_scale_and_what_they_count(
    sentence: str, value: float, unit: str
) -> None:
    figures = parse_figures(sentence)
    assert [(f.value, f.unit) for f in figures][-1] == (pytest.approx(value), unit)


def test_years_and_bare_numbers_are_not_figures() -> None:
    assert parse_figures("The dam was built in 1998 and rebuilt in 2011.") == []
    assert parse_figures("The score was 3.") == []
    assert [f.value for f in parse_figures("The wall is 5 m high.")] == [5]


def test_conflicts_need_the_same_quantity_and_more_than_fifteen_percent() -> None:
    claim = "Nearly half a million people were killed in the war."
    (pair,) = conflicts(claim, "More than 300,000 people were killed in the war, officials said.")
    assert (pair[0].value, pair[1].value) == (500_000, 300_000)
    assert conflicts(claim, "About 480,000 people were killed in the war.") == []  # within 15%
    assert conflicts(claim, "More than 300,000 homes were destroyed.") == []  # other noun
    assert conflicts("12,000 people were killed.", "40,000 people were evacuated.") == []
    assert differ(100, 120) and not differ(100, 115)  # of the larger: 16.7% and 13%
    (a,), (b,) = (
        parse_figures("4,500 workers went on strike"),
        parse_figures("Some 4,500 workers on strike"),
    )
    (c,) = parse_figures("The plant hired 4,500 workers in May")
    assert same_quantity(a, b) and not same_quantity(a, c)


def _match(sentence: str | None) -> Match:
    return Match("b.com", Sentence("x", "b.com", sentence) if sentence else None, 0.5)


def test_the_verdict_rule() -> None:
    from newsift.detectors.stance.inference import StanceResult

    agree = StanceResult("agree", {"agree": 0.7, "disagree": 0.1, "discuss": 0.2, "unrelated": 0})
    deny = StanceResult("disagree", {"agree": 0.1, "disagree": 0.7, "discuss": 0.2, "unrelated": 0})
    claim = "Rebels of the Northern Front killed 200 soldiers near Lisk."
    seen = "Rebels killed 200 soldiers near Lisk, the army said."
    assert judge(claim, _match(None), None, seen).verdict == SILENT
    assert judge(claim, _match(seen), agree, seen + " The Northern Front").verdict == SUPPORTS
    assert judge(claim, _match(seen), agree, seen).note == 'does not name "Northern Front"'
    assert judge(claim, _match(seen), deny, seen + " Northern Front").verdict == DISPUTES
    inflated = judge(claim, _match("Rebels killed 50 soldiers."), agree, "Northern Front Lisk")
    assert inflated.verdict == DISPUTES and '"200 soldiers" (200)' in inflated.conflict
    assert missing_names("The U.S. Navy said so.", "the US Navy said") == []


def test_a_story_that_gains_an_outlet_is_compared_again(tmp_path: Path) -> None:
    source, db = tmp_path / "news.jsonl", tmp_path / "corpus.duckdb"
    records = _records()
    first = [r for r in records if r["id"] != "flood-partisan-c.net"]
    source.write_text("".join(json.dumps(r) + "\n" for r in first), encoding="utf-8")
    run_batch(BatchOptions(inputs=(str(source),), out=db, workers=0, quiet=True))
    assign_corpus(db, window_days=3, threshold=0.2)
    wire_toll = "claim LIKE 'Floods in the Varda valley killed 12,000%'"
    assert {(r[3], r[4]) for r in _rows(db, wire_toll)} == {("daily-b.com", SUPPORTS)}
    strike_before = _rows(db, "article_id LIKE 'strike-%'")
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run_batch(BatchOptions(inputs=(str(source),), out=db, workers=0, quiet=True))
    outcome = assign_corpus(db, window_days=3, threshold=0.2)
    assert outcome.assigned == 1
    assert {(r[3], r[4]) for r in _rows(db, wire_toll)} == {
        ("daily-b.com", SUPPORTS),
        ("partisan-c.net", DISPUTES),
    }
    assert _rows(db, "article_id LIKE 'strike-%'") == strike_before  # untouched story
    # A corpus whose stories were assigned before claims were compared gets them all compared.
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE story_claims")
    con.close()
    again = assign_corpus(db, window_days=3, threshold=0.2)
    assert again.assigned == 0 and again.claim_rows == len(_rows(db)) > len(strike_before)


def test_the_source_record_is_described() -> None:
    from newsift.stories.compare.summary import SourceRecord

    assert SourceRecord(True, "hyperpartisan,conspiracy", 0.2).describe() == (
        "source record: rated 0.20; labelled hyperpartisan, conspiracy"
    )
    assert SourceRecord(True, "", None).describe() == "source record: listed, unrated"
    assert SourceRecord(False, "", None).describe() == "no source record"


def test_a_toll_given_in_a_sentence_worded_otherwise_is_disputed() -> None:
    from newsift.stories.compare.story import Claim, StoryText, compare_story

    claim = "The wildfire in the Oster hills has killed 90 people, insiders say."
    texts = [
        StoryText(
            "t",
            "times-d.org",
            "Firefighters battled the blaze in the Oster hills all week. By Thursday 23 people "
            "had died in the fire, officials said. Six villages were evacuated.",
        ),
        StoryText(
            "r",
            "rescue-e.org",
            "Firefighters battled the blaze in the Oster hills all week. Crews rescued 40 "
            "people from the villages, officials said.",
        ),
        StoryText("p", "partisan-c.net", claim),
    ]
    rows = {
        r.other_outlet: r for r in compare_story(1, texts, [Claim("p", "partisan-c.net", claim)])
    }
    times = rows["times-d.org"]
    assert times.verdict == DISPUTES
    assert times.evidence == "By Thursday 23 people had died in the fire, officials said."
    assert '"90 people" (90) against "23 people" (23)' in times.conflict
    # rescued is not killed: the same noun, another quantity, so no dispute
    assert rows["rescue-e.org"].verdict != DISPUTES and rows["rescue-e.org"].conflict is None
