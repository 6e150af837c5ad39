"""Plain-text bylines and credits, and headlines that ask what their article answers."""

from __future__ import annotations

import pytest

from newsift.detectors.attribution import AttributionDetector
from newsift.detectors.clickbait.detector import ClickbaitDetector, without_explainer_cue
from newsift.document import Document
from newsift.ingest.text import find_byline, from_text, parse_byline, parse_credit

BODY = (
    "The city council voted on Thursday to build protected cycle lanes through the centre, "
    "the mayor's office said in a statement.\n\n"
    "Work will start in March and cost 4 million pounds, council leader Ana Ruiz told reporters."
)


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("• By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By: May Bulman", "May Bulman"),
        ("Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("Jane Doe | AP", "Jane Doe | AP"),
        ("Jane Doe - Associated Press", "Jane Doe - Associated Press"),
        (
            "Amira Haddad, Senior Political Correspondent",
            "Amira Haddad, Senior Political Correspondent",
        ),
    ],
)
def test_byline_lines_are_read(line: str, byline: str) -> None:
    assert parse_byline(line) == byline
    doc = from_text(f"Council approves new cycle lanes\n\n{line}\n\n{BODY}")
    assert doc.byline == byline
    assert doc.title == "Council approves new cycle lanes"
    assert doc.text == BODY  # the byline line leaves the body


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday the river had risen two metres.",
        "By Tuesday Morning",
        "By the river, people waited for hours",
        "Ankara, Reuters",  # a place, not a name
        "Moscow | AP",
        "Turkey, Russia",
    ],
)
def test_prose_and_places_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None
    doc = from_text(f"Council approves new cycle lanes\n\n{line}\n\n{BODY}")
    assert doc.byline is None


def test_reporting_credits_name_the_reporters() -> None:
    credit = (
        "Reporting by Amira Haddad in Ankara and Thomas Keller in Moscow; "
        "editing by Ruth Pitchford."
    )
    assert parse_credit(credit) == "Amira Haddad and Thomas Keller"
    assert parse_credit("(Additional reporting by Jane Doe in Paris)") == "Jane Doe"
    assert parse_credit("Reporting by the Reuters team") is None
    doc = from_text(f"Council approves new cycle lanes\n\n{BODY}\n\n{credit}")
    assert doc.byline == "Amira Haddad and Thomas Keller"
    assert doc.text.endswith(credit)  # a credit line stays where it stands


def test_find_byline_reads_only_the_ends_of_a_long_text() -> None:
    middle = "The council met again. " * 5000
    assert find_byline(f"Jane Doe | AP\n\n{middle}") == "Jane Doe | AP"
    assert find_byline(f"{middle}\n\nReporting by Jane Doe; Editing by Tom Lee") == "Jane Doe"
    assert find_byline(f"{middle}\n\nBy Jane Doe\n\n{middle}") is None


def _labels(doc: Document) -> set[str]:
    return {f.label for f in AttributionDetector().detect(doc)}


@pytest.mark.parametrize(
    "head",
    ["• By Jane Doe", "By Jane Doe and John Roe", "Jane Doe, Reuters", "Jane Doe | AP"],
)
def test_a_byline_in_the_text_is_no_missing_byline(head: str) -> None:
    assert "missing_byline" not in _labels(Document(text=f"{head}\n\n{BODY}", language="en"))
    credit = f"{BODY}\n\nReporting by Jane Doe; Editing by Tom Lee"
    assert "missing_byline" not in _labels(Document(text=credit, language="en"))


def test_prose_starting_with_by_is_still_a_missing_byline() -> None:
    text = f"By Tuesday Morning The River Had Risen\n\n{BODY}"
    assert "missing_byline" in _labels(Document(text=text, language="en"))
    text = f"By Tuesday the river had risen two metres.\n\n{BODY}"
    assert "missing_byline" in _labels(Document(text=text, language="en"))


# --- headlines of explainers and fact-checks ---------------------------------------------------


def _flagged(title: str) -> bool:
    return bool(ClickbaitDetector().detect(Document(text=BODY, title=title, language="en")))


@pytest.mark.parametrize(
    ("title", "rest"),
    [
        ("What Happened When Russia Invaded Ukraine", "When Russia Invaded Ukraine"),
        ("Did Trump really say he would leave NATO?", "Trump say he would leave NATO"),
        ("Is it true that 5G spreads the virus?", "5G spreads the virus"),
        (
            "Fact check: Did the minister lie about hospital funding?",
            "Did the minister lie about hospital funding",
        ),
        ("What we know about the Manchester attack", "the Manchester attack"),
        ("Explained: Why the pound is falling", "the pound is falling"),
        ("The Brexit deal, explained", "The Brexit deal"),
    ],
)
def test_explainer_headlines_are_not_clickbait(title: str, rest: str) -> None:
    assert without_explainer_cue(title) == rest
    assert not _flagged(title)


def test_an_explainers_question_form_is_judged_on_the_rest() -> None:
    model = ClickbaitDetector().model
    titles = [
        "What we know about the Manchester attack",
        "Fact Check: 21 Celebrities Who Will Make You Cry",
    ]
    proba = model.predict_proba(titles)
    assert proba[0] >= 0.9  # the model alone would call the explainer bait
    assert model.flags(titles, proba) == [False, True]  # the bait is bait on other grounds


@pytest.mark.parametrize(
    "title",
    [
        "You Won't Believe What This Dog Did Next",
        "Did You Know These 17 Facts About Cats?",  # asks the reader: not an explainer
        "What Happens When You Eat Only Pizza For A Week",
    ],
)
def test_real_clickbait_is_still_flagged(title: str) -> None:
    assert without_explainer_cue(title) is None
    assert _flagged(title)
