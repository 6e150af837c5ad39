"""Whose words a finding is on: quotations, reported speech and page furniture."""

from __future__ import annotations

import pytest

from newsift.analyzer import Analyzer
from newsift.detectors.text_quality import TextQualityDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.render.html import render_html
from newsift.render.terminal import render_terminal
from newsift.text.furniture import find_furniture, mark_furniture
from newsift.text.voice import mark_voice


def _doc(text: str) -> Document:
    return Document(text=text, language="en")


def _span(text: str, words: str, label: str = "Loaded_Language", **kw) -> Finding:
    start = text.index(words)
    return Finding(
        "propaganda", "propaganda", label, "loaded", start=start, end=start + len(words), **kw
    )


def _voice(text: str, words: str) -> tuple[str | None, str | None]:
    (found,) = mark_voice(_doc(text), [_span(text, words)])
    evidence = found.evidence or {}
    return evidence.get("voice"), evidence.get("speaker")


# --- quotations and reported speech ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Writing in the Times, columnist Jane Doe called the royal family a "
            '"vengeful monarchy" that had lost its way.',
            "vengeful monarchy",
            "columnist Jane Doe",
        ),
        (
            "“I am waiting to die,” said Amina Hassan, a refugee in the camp near Kilis.",
            "waiting to die",
            "Amina Hassan",
        ),
        (
            'Amina Hassan fled Aleppo in 2016. "I am waiting to die," she said.',
            "waiting to die",
            "Amina Hassan",  # "she" is the person named in the sentence before
        ),
        ('"We will crush the thugs," Erdogan said on Tuesday.', "thugs", "Erdogan"),
        (
            "In a statement, the ministry said:\n“The terrorist thugs will be crushed.”",
            "thugs",
            "the ministry",
        ),
        (
            "A spokesman for the UN refugee agency, Andrej Mahecic, said the terrorist "
            "thugs had fled the town.",
            "thugs",
            "Andrej Mahecic",
        ),
        (
            "The terrorist thugs had fled, according to the Syrian Observatory for Human "
            "Rights, a monitoring group.",
            "thugs",
            "the Syrian Observatory for Human Rights",
        ),
    ],
)
def test_someone_elses_words_are_quoted_with_their_speaker(
    text: str, words: str, speaker: str
) -> None:
    assert _voice(text, words) == ("quoted", speaker)


def test_a_span_mostly_inside_a_quotation_is_quoted() -> None:
    text = 'Columnist Mark Stone called it a "vengeful monarchy" that punishes its critics.'
    assert _voice(text, 'vengeful monarchy" that') == ("quoted", "Columnist Mark Stone")
    assert _voice(text, 'monarchy" that punishes its critics') == (None, None)


def test_a_quotation_whose_speaker_is_not_named_is_still_quoted() -> None:
    assert _voice('"They are thugs," a man shouted from the crowd.', "thugs") == (
        "quoted",
        "a man",
    )
    voice, speaker = _voice('"I am waiting to die," she said. Nobody came.', "waiting to die")
    assert voice == "quoted" and speaker is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # scare quotes, attributed to nobody: the outlet's irony
        ('The so-called "liberation" of the city left thousands homeless.', "liberation"),
        # anonymous or vague speakers do not lend the words to someone else
        ("Sources say the terrorist thugs had been routed from the hills.", "thugs"),
        ("Many people are saying that the thugs were paid by Washington.", "thugs"),
        # the outlet quoting itself
        ("We said last week that the terrorist thugs would be routed.", "thugs"),
        ('"The thugs will pay," I wrote in this column last year.', "thugs"),
        # a relative clause's "said" is not the sentence's speaker
        ("The invaders, who said they came in peace, will pay for every village.", "invaders"),
        # plain prose
        ("The invaders will pay for every village they burn.", "invaders"),
    ],
)
def test_the_outlets_own_words_stay_unmarked(text: str, words: str) -> None:
    assert _voice(text, words) == (None, None)


def test_the_attribution_itself_is_the_outlets_words() -> None:
    text = "The brutal regime said the rebels were terrorists."
    doc = _doc(text)
    regime, rebels = _span(text, "brutal regime"), _span(text, "terrorists")
    out = mark_voice(doc, [regime, rebels])
    assert out[0].evidence is None  # the speaker's description is the outlet's own
    assert out[1].evidence == {"voice": "quoted", "speaker": "The brutal regime"}


def test_order_count_and_inputs_are_kept() -> None:
    text = '"The thugs will pay," said Jane Doe. The thugs will pay, we say.'
    doc = _doc(text)
    evidence = {"definition": "a loaded word"}
    quoted = _span(text, "thugs", evidence=evidence)
    own_start = text.rindex("thugs")
    own = Finding("propaganda", "propaganda", "L", "x", start=own_start, end=own_start + 5)
    article = Finding("attribution", "sourcing", "missing_byline", "x", level="article")
    findings = [article, quoted, own]
    out = mark_voice(doc, findings)
    assert [f.label for f in out] == ["missing_byline", "Loaded_Language", "L"]
    assert out[0] is article and out[2] is own
    assert out[1].evidence == {
        "definition": "a loaded word",
        "voice": "quoted",
        "speaker": "Jane Doe",
    }
    assert evidence == {"definition": "a loaded word"}  # the shared dict is not changed
    assert quoted.evidence is evidence and findings[1] is quoted


def test_encoding_damage_inside_a_quotation_is_still_the_publishers() -> None:
    text = '"Ã©tÃ©," said Jane Doe.'
    damage = Finding("text_quality", "text_quality", "mojibake", "x", start=1, end=5)
    assert mark_voice(_doc(text), [damage])[0] is damage


# --- page furniture --------------------------------------------------------------------------

PAGE = """Democracy Dies in Darkness

MOSCOW, RUSSIA - DECEMBER 20, 2016

WASHINGTON (Reuters) - The president said on Tuesday that the talks would resume next week.

Syrian refugees wait at the border crossing near Kilis. OURFALIANGEORGE OURFALIAN/AFP

Soldiers march through the old town on Friday (Getty Images)

Photo: Protesters gather outside the embassy on Saturday.

Share this article

Share on Facebook

Subscribe to our newsletter

Share prices fell sharply on Tuesday as investors worried about the talks.

Credit Suisse shares fell 5% on Monday after the bank reported a loss.

By Tuesday the river had risen two metres above its usual level.

Copyright law is changing fast in Europe, and publishers are worried about it.

Reporting by Amira Haddad; Editing by Ruth Pitchford"""


def test_furniture_kinds_are_found() -> None:
    found = {(f.kind, f.text) for f in find_furniture(PAGE)}
    assert ("masthead", "Democracy Dies in Darkness") in found
    assert ("dateline", "MOSCOW, RUSSIA - DECEMBER 20, 2016") in found
    assert ("dateline", "WASHINGTON (Reuters) -") in found
    assert ("photo_credit", "OURFALIANGEORGE OURFALIAN/AFP") in found
    assert ("photo_credit", "(Getty Images)") in found
    assert ("caption", "Syrian refugees wait at the border crossing near Kilis. "
            "OURFALIANGEORGE OURFALIAN/AFP") in found  # fmt: skip
    assert ("photo_credit", "Photo: Protesters gather outside the embassy on Saturday.") in found
    assert ("share", "Share this article") in found and ("share", "Share on Facebook") in found
    assert ("subscribe", "Subscribe to our newsletter") in found
    assert ("credit", "Reporting by Amira Haddad; Editing by Ruth Pitchford") in found


def test_ordinary_sentences_are_not_furniture() -> None:
    furniture = find_furniture(PAGE)
    covered = [(f.start, f.end) for f in furniture]
    for sentence in (
        "Share prices fell sharply",
        "Credit Suisse shares fell",
        "By Tuesday the river had risen",
        "Copyright law is changing",
        "The president said on Tuesday",  # after the dateline: the article's own sentence
    ):
        at = PAGE.index(sentence)
        assert not any(s <= at < e for s, e in covered), sentence
    prose = "The talks resumed.\n\nThe Road Ahead\n\nBoth sides met again in Geneva on Monday."
    assert find_furniture(prose) == []  # a sub-heading between paragraphs is the article's


def test_a_short_line_alone_or_matching_the_headline_is_no_masthead() -> None:
    assert find_furniture("Bully Boy Strikes Again") == []
    text = "Bully Boy Strikes Again\n\nThe president sent his tanks across the border today."
    assert find_furniture(text, title="Bully Boy Strikes Again") == []
    assert [f.kind for f in find_furniture(text)] == ["masthead"]


def test_findings_in_furniture_are_marked_with_their_kind() -> None:
    doc = _doc(PAGE)
    slogan = _span(PAGE, "Dies in Darkness")
    credit = _span(PAGE, "OURFALIAN/AFP", label="shouting_caps")
    prose = _span(PAGE, "worried about the talks")
    out = mark_furniture(doc, [slogan, credit, prose])
    assert out[0].evidence == {"voice": "furniture", "furniture": "masthead"}
    assert out[1].evidence == {"voice": "furniture", "furniture": "photo_credit"}
    assert out[2] is prose


def test_datelines_and_credits_are_not_shouting_but_shouting_is() -> None:
    text = (
        "MOSCOW, RUSSIA - DECEMBER 20, 2016\n\n"
        "Refugees wait at the crossing. OURFALIANGEORGE OURFALIAN/AFP\n\n"
        "REUTERS/KEVIN LAMARQUE JONES\n\n"
        "The crowd chanted THEY WILL NEVER WIN THIS WAR in the square."
    )
    found = [f for f in TextQualityDetector().detect(_doc(text)) if f.label == "shouting_caps"]
    assert [text[f.start : f.end] for f in found] == ["THEY WILL NEVER WIN THIS WAR"]


# --- in the report ---------------------------------------------------------------------------


def test_the_analyzer_marks_findings_before_scoring() -> None:
    text = (
        "Shocking scenes!! OURFALIANGEORGE OURFALIAN/AFP\n\n"
        "The talks in Geneva resumed on Monday, officials said.\n\n"
        "We will not stand for this!! The government must act now."
    )
    report = Analyzer(["text_quality"]).analyze_document(_doc(text))
    marks = [
        (text[f.start : f.end], (f.evidence or {}).get("voice"))
        for f in report.findings
        if f.label == "excessive_exclamation"
    ]
    assert marks == [("!!", "furniture"), ("!!", None)]


def _report_with(text: str, findings: list[Finding]):
    return Analyzer(["text_quality"])._report(_doc(text), findings, [])


def test_renderers_show_the_mark_and_escape_it() -> None:
    text = '"The <thugs> will pay," said Jane Doe.\n\nShare this article & more'
    quoted = _span(text, "<thugs>")
    speaker_html = Finding(
        "propaganda",
        "propaganda",
        "Name_Calling",
        "x",
        start=quoted.start,
        end=quoted.end,
        evidence={"voice": "quoted", "speaker": "<script>alert(1)</script>"},
    )
    report = _report_with(text, [quoted, speaker_html])
    assert report.findings[0].evidence == {"voice": "quoted", "speaker": "Jane Doe"}
    assert report.findings[1].evidence["speaker"] == "<script>alert(1)</script>"  # kept as given

    page = render_html(report)
    assert '<span class="voice">quoted (Jane Doe)</span>' in page
    assert "quoted (&lt;script&gt;alert(1)&lt;/script&gt;)" in page
    assert "<script>" not in page
    assert "voice-quoted" in page  # the highlighted words are shown as someone else's

    terminal = render_terminal(report, record=True)
    assert "[quoted (Jane Doe)]" in terminal
    assert "[quoted (<script>alert(1)</script>)]" in terminal  # printed as text, not obeyed


def test_renderers_show_page_furniture() -> None:
    text = "The talks resumed in Geneva on Monday.\n\nSyria rebels flee. GEORGE OURFALIAN/AFP"
    credit = _span(text, "GEORGE OURFALIAN", label="shouting_caps")
    report = _report_with(text, [credit])
    assert report.findings[0].evidence == {"voice": "furniture", "furniture": "photo_credit"}
    assert "page furniture (photo credit)" in render_html(report)
    assert "[page furniture (photo credit)]" in render_terminal(report, record=True)
