"""Plain text, HTML, JSON and strings to Document: structure, metadata and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.errors import InputError
from newsift.ingest import from_html, from_json, from_string, from_text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


# --- plain text -------------------------------------------------------------------------------


def test_text_title_byline_and_paragraphs() -> None:
    doc = from_text((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    assert doc.title == "Council approves new cycle lanes for city centre"
    assert doc.byline == "Jane Doe and John Roe, Reuters"
    assert doc.input_format == "text"
    assert doc.text.startswith("The city council voted on Thursday")
    assert "Council approves" not in doc.text and "Jane Doe" not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 3
    # hard-wrapped lines are joined into one paragraph
    assert "protected cycle lanes through the centre" in paragraphs[0]
    assert "\n" not in paragraphs[0]


def test_title_followed_by_a_single_line_break() -> None:
    body = "The city council voted on Thursday to build six kilometres of cycle lanes. " * 3
    doc = from_text("Council approves new cycle lanes for the city centre\n" + body)
    assert doc.title == "Council approves new cycle lanes for the city centre"
    assert doc.text == body.strip()


def test_one_paragraph_per_line_without_blank_lines() -> None:
    doc = from_text("Headline\nFirst paragraph here.\nSecond paragraph here.\n- a list item")
    assert doc.title == "Headline"
    assert doc.text.split("\n\n") == [
        "First paragraph here.",
        "Second paragraph here.",
        "- a list item",
    ]


def test_text_sentences_come_from_document() -> None:
    doc = from_text("Headline here\n\nFirst sentence. Second sentence.\n\nThird one.")
    assert [s.text for s in doc.sentences] == ["First sentence.", "Second sentence.", "Third one."]


@pytest.mark.parametrize(
    "first_line",
    [
        "The minister resigned on Monday after a week of pressure from her own party.",
        "This line is far too long to be a headline because it keeps going "
        "with words and words and words and words and words and words and more words",
    ],
)
def test_sentence_first_line_is_not_a_title(first_line: str) -> None:
    doc = from_text(first_line + "\n\nSecond paragraph follows here.")
    assert doc.title is None
    assert doc.text.startswith(first_line)


@pytest.mark.parametrize(
    "text",
    [
        "The government said on Monday that it would\nraise taxes next year.",
        "Officials said on Monday\nthat taxes would rise.\n\nMore later.",
    ],
)
def test_first_line_continuing_in_lower_case_is_not_a_title(text: str) -> None:
    doc = from_text(text)
    assert doc.title is None
    first_line = text.split("\n")[0]
    assert doc.text.startswith(first_line + " ")  # joined with its continuation


def test_lone_line_is_text_not_title() -> None:
    doc = from_text("Short statement without a period")
    assert doc.title is None
    assert doc.text == "Short statement without a period"


def test_question_headline_is_a_title() -> None:
    doc = from_text("Is coffee good for you?\n\nScientists disagree, a new review says.")
    assert doc.title == "Is coffee good for you?"


def test_byline_without_title() -> None:
    doc = from_text("By Ana María de la Cruz\n\nThe market opened higher. Traders were calm.")
    assert doc.byline == "Ana María de la Cruz"
    assert doc.text == "The market opened higher. Traders were calm."


def test_prose_starting_with_by_is_not_a_byline() -> None:
    doc = from_text("Title line\n\nBy the river, people waited for hours.\n\nThen it rained.")
    assert doc.byline is None
    assert doc.text.startswith("By the river")


def test_given_title_overrides_and_matching_first_line_is_removed() -> None:
    doc = from_text("Storm hits coast\n\nThe storm arrived at noon.", title="Storm Hits Coast")
    assert doc.title == "Storm Hits Coast"
    assert doc.text == "The storm arrived at noon."
    other = from_text("Subheading here\n\nThe storm arrived at noon.", title="Storm")
    assert other.title == "Storm"
    assert other.text.startswith("Subheading here")


def test_url_gives_domain() -> None:
    doc = from_text("Some text here. More text.", url="https://www.bbc.co.uk/news/x")
    assert doc.url == "https://www.bbc.co.uk/news/x"
    assert doc.domain == "bbc.co.uk"


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t \n"])
def test_empty_text_is_an_input_error(empty: str) -> None:
    with pytest.raises(InputError, match="empty input: no text to analyse") as info:
        from_text(empty)
    assert info.value.input_name == "<text>"


# --- HTML -------------------------------------------------------------------------------------


def test_html_article_metadata_and_paragraphs() -> None:
    doc = from_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert doc.title == "Flood waters rise in river town"
    assert doc.byline == "Maria Lopez"
    assert doc.date == "2024-02-11"
    assert doc.url == "https://www.valleycourier.co.uk/news/flood-waters-rise"
    assert doc.domain == "valleycourier.co.uk"  # from the canonical link
    assert doc.input_format == "html"
    assert doc.cache.get("sitename") == "The Valley Courier"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Flood waters rose by nearly a metre")
    for boilerplate in ("Home", "Most read", "All rights reserved", "tracker", "font-family"):
        assert boilerplate not in doc.text


def test_html_url_argument_wins_over_canonical() -> None:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    doc = from_html(html, url="https://mirror.example.com/story")
    assert doc.domain == "example.com"
    assert doc.url == "https://mirror.example.com/story"


def test_short_html_falls_back_to_plain_rendering() -> None:
    doc = from_html("<p>Hello world. Second <b>bold</b> sentence.</p><p>Another one.</p>")
    assert doc.text == "Hello world. Second bold sentence.\n\nAnother one."


def test_html_source_line_wrapping_is_not_a_paragraph_break() -> None:
    doc = from_html("<p>Flood waters rose\n    in the town.<br>Second line here.</p>")
    assert doc.text == "Flood waters rose in the town.\n\nSecond line here."


@pytest.mark.parametrize(
    "broken",
    [
        "<<<>>>< p><div unclosed <b>bold & stuff</i> text here",
        "<html><body><p>Unclosed paragraph<div><span>nested text</body>",
        "<p>Text with a stray </html> and <![CDATA[ junk ]]> inside.</p>",
    ],
)
def test_broken_html_does_not_raise(broken: str) -> None:
    doc = from_html(broken)
    assert "text" in doc.text or "Text" in doc.text


@pytest.mark.parametrize(
    "empty_html",
    [
        "<html><body><script>var x = 1;</script></body></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<!-- a comment and nothing else -->",
    ],
)
def test_html_without_text_is_an_input_error(empty_html: str) -> None:
    with pytest.raises(InputError, match="no article text found in the HTML"):
        from_html(empty_html, source_name="page.html")


# --- JSON -------------------------------------------------------------------------------------


def test_json_object_fields() -> None:
    obj = json.loads((FIXTURES / "article.json").read_text(encoding="utf-8"))
    doc = from_json(obj)
    assert doc.title == "Rail strike called off after late-night talks"
    assert doc.byline == "Sam Patel"
    assert doc.date == "2024-05-02"
    assert doc.domain == "example.org"
    assert doc.input_format == "json"
    assert (
        doc.text.split("\n\n")[1]
        == "The union said it had received an improved offer on pay and working hours."
    )


def test_json_with_html_field() -> None:
    doc = from_json({"html": "<p>One paragraph here.</p><p>Two.</p>", "title": "T"})
    assert doc.text == "One paragraph here.\n\nTwo."
    assert doc.title == "T"


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([1, 2], "JSON input must be an object, not an array"),
        ("text", "JSON input must be an object, not a string"),
        ({"title": "No body"}, "JSON object has no 'text' or 'html' field"),
        ({"text": "   "}, "empty input: no text to analyse"),
        ({"text": 42}, "JSON field 'text' must be a string"),
    ],
)
def test_bad_json_is_an_input_error(obj: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_json(obj, source_name="a.json")


# --- strings (Python and REST APIs) -----------------------------------------------------------


def test_from_string_sniffs_each_format() -> None:
    assert from_string("Just some words. And more.").input_format == "text"
    assert from_string("<p>Some words here.</p>").input_format == "html"
    html = "Intro text <div>one</div> <p>two words</p> <span>three</span>"
    assert from_string(html).input_format == "html"
    as_json = from_string('{"text": "Words in JSON. More.", "title": "J"}')
    assert (as_json.input_format, as_json.title) == ("json", "J")


def test_from_string_text_mentioning_a_tag_stays_text() -> None:
    doc = from_string("Use the <p> tag for paragraphs. It is simple.")
    assert doc.input_format == "text"
    assert "<p>" in doc.text


def test_from_string_braces_that_are_not_json_are_text() -> None:
    doc = from_string("{Editor's note} This story was updated. It was wrong before.")
    assert doc.input_format == "text"


def test_from_string_overrides() -> None:
    doc = from_string("<p>Body text here.</p>", url="https://apnews.com/a", title="Given")
    assert (doc.title, doc.domain, doc.url) == ("Given", "apnews.com", "https://apnews.com/a")


def test_from_string_json_array_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be an object"):
        from_string('[{"text": "a"}]')


def test_from_string_empty_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty input"):
        from_string("  \n ")
