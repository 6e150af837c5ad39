"""Fundraising detector: the outlet's own appeals are flagged, reported appeals are not."""

from __future__ import annotations

from newsift.detectors.fundraising import FundraisingDetector
from newsift.document import Document

BEGGING = (
    "The ministry denied the report on Monday. "
    "We need to raise £1,000,000 by the end of this month to keep the truth alive. "
    "Any donation of any size helps. "
    "Donate Here and stand with us! "
    "Please support our independent journalism. "
    "Become a patron today. "
    "Can you chip in $5?"
)

WIRE_ABOUT_CHARITY = (
    "The Red Cross said on Tuesday it needed to raise $5 million by the end of the month "
    "to fund its winter shelters. "
    '"We need to raise this money quickly, and any donation of any size helps," said '
    "Maria Lopez, the charity's regional director. "
    "The charity urged people to donate online through its website. "
    "Donations have fallen by a third since 2022, according to its annual report."
)


def _detect(text: str):
    doc = Document(text=text)
    return doc, FundraisingDetector().detect(doc)


def test_outlet_appeals_are_flagged_per_sentence_with_exact_spans() -> None:
    doc, findings = _detect(BEGGING)
    flagged = [doc.text[f.start : f.end] for f in findings]
    assert flagged == [
        "We need to raise £1,000,000 by the end of this month to keep the truth alive.",
        "Any donation of any size helps.",
        "Donate Here and stand with us!",
        "Please support our independent journalism.",
        "Become a patron today.",
        "Can you chip in $5?",
    ]
    assert all(f.category == "fundraising" and f.label == "donation_appeal" for f in findings)
    assert all(f.level == "sentence" for f in findings)
    assert "We need to raise" in findings[0].evidence["cues"]
    assert "Donate Here" in findings[2].explanation


def test_first_sentence_without_appeal_is_not_flagged() -> None:
    doc, findings = _detect(BEGGING)
    assert all(f.start >= BEGGING.index("We need") for f in findings)


def test_wire_report_quoting_a_charity_appeal_is_not_flagged() -> None:
    _, findings = _detect(WIRE_ABOUT_CHARITY)
    assert findings == []


def test_unquoted_appeal_without_reporting_cue_is_still_flagged() -> None:
    _, findings = _detect("Without your support we cannot continue. Donate now.")
    assert len(findings) == 2


def test_ordinary_uses_of_money_words_are_not_flagged() -> None:
    text = (
        "The government will raise taxes by 2% next year. "
        "Supporters of the bill gathered outside parliament. "
        "PayPal shares rose 4% after the results."
    )
    _, findings = _detect(text)
    assert findings == []


def test_chip_in_needs_a_request_not_a_processor() -> None:
    _, findings = _detect("Samsung is making a new chip in the Apple Watch, analysts said today.")
    assert findings == []
    _, findings = _detect("If you value this site, chip in what you can.")
    assert len(findings) == 1
