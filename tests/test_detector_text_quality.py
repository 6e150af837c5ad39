"""Text quality: repaired and residual encoding damage, shouting capitals, exclamations."""

from __future__ import annotations

from newsift.detectors.text_quality import TextQualityDetector
from newsift.document import Document, Repair


def _detect(doc: Document):
    findings = TextQualityDetector().detect(doc)
    assert all(f.category == "text_quality" for f in findings)
    return findings


def _labels(doc: Document) -> list[str]:
    return [f.label for f in _detect(doc)]


def test_each_repair_becomes_a_finding_with_its_span_and_before_after() -> None:
    text = "Photo: Россия. Москва. Protesters gather."
    start = text.index("Россия")
    doc = Document(
        text=text,
        repairs=[
            Repair(
                "cyrillic_codepage",
                "–осси€. ћосква.",
                "Россия. Москва.",
                "cp1251",
                start,
                start + len("Россия. Москва."),
            ),
            Repair("ftfy", "cafÃ©", "café", "utf-8 read as latin-1"),  # offsets unknown
        ],
    )
    findings = _detect(doc)
    assert [f.label for f in findings] == ["encoding_repaired", "encoding_repaired"]
    first, second = findings
    assert doc.text[first.start : first.end] == "Россия. Москва."
    assert "–осси€. ћосква." in first.explanation and "→" in first.explanation
    assert second.start is None and second.level == "article"
    assert second.evidence == {"kind": "ftfy", "before": "cafÃ©", "after": "café"}


def test_residual_mojibake_is_flagged_per_word() -> None:
    doc = Document(text="Itâ€™s a cafÃ© in –осси€ with a \ufffd sign. Москва is fine.")
    findings = [f for f in _detect(doc) if f.label == "mojibake"]
    assert [doc.text[f.start : f.end] for f in findings] == ["Itâ€™s", "cafÃ©", "–осси€", "\ufffd"]


def test_clean_accented_and_cyrillic_text_is_not_flagged() -> None:
    doc = Document(text="The naïve café in Москва – a short walk – was “quiet”, it’s said.")
    assert _labels(doc) == []


def test_runs_of_capitals_but_not_acronyms() -> None:
    doc = Document(
        text="BREAKING NEWS: THEY LIED TO YOU. Officials at NATO and the UN met the US "
        "delegation at the IMF."
    )
    findings = _detect(doc)
    assert [doc.text[f.start : f.end] for f in findings] == ["BREAKING NEWS: THEY LIED TO YOU"]
    assert findings[0].label == "shouting_caps"
    assert _labels(Document(text="NATO, UN AND US officials met.")) == []


def test_exclamation_runs_and_exclaimed_sentences() -> None:
    doc = Document(text="They will pay!! Shocking?! We said so. It is fine.")
    spans = [doc.text[f.start : f.end] for f in _detect(doc)]
    assert spans == ["!!", "?!"]
    shouty = Document(text="Wake up! Share this! They lie! Read on. It is over.")
    article = [f for f in _detect(shouty) if f.level == "article"]
    assert len(article) == 1 and article[0].evidence == {"exclaimed": 3, "sentences": 5}
    assert _labels(Document(text="What a goal! The match ended 2-1. Fans cheered.")) == []


def test_quoted_shouting_and_headings_are_not_the_outlets_voice() -> None:
    doc = Document(
        text='A user wrote "SEE YOU MONDAY MORNING!!" online.\n\nFIGHTING FLARES UP AGAIN\n\n'
        "Clashes erupted on Sunday."
    )
    assert _labels(doc) == []


def test_one_letter_words_do_not_break_a_run() -> None:
    doc = Document(text="Critics said THEY WANT A WAR WITH US and left.")
    assert [doc.text[f.start : f.end] for f in _detect(doc)] == ["THEY WANT A WAR WITH US"]
