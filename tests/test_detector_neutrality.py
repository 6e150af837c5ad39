"""Neutrality boilerplate: the outlet vouching for itself, not reports about others' claims."""

from __future__ import annotations

from newsift.detectors.neutrality import NeutralityClaimDetector
from newsift.document import Document


def _spans(text: str) -> list[str]:
    doc = Document(text=text)
    findings = NeutralityClaimDetector().detect(doc)
    assert all(f.category == "self_promotion" for f in findings)
    assert all(f.label == "neutrality_boilerplate" for f in findings)
    return [doc.text[f.start : f.end] for f in findings]


def test_self_proclaimed_neutrality_phrases_are_flagged() -> None:
    text = (
        "Dear reader, we are 100% independent. "
        "Stand with the only totally unbiased news coverage you can trust. "
        "This is the news they don't want you to see. "
        "We have no corporate sponsors."
    )
    assert _spans(text) == [
        "100% independent",
        "totally unbiased news coverage you can trust",
        "the news they don't want you to see",
        "no corporate sponsors",
    ]


def test_quoted_or_reported_claims_are_not_flagged() -> None:
    text = (
        'The website describes itself as "100% independent" and "totally unbiased". '
        "Analysts said the network offered news you can trust only in name."
    )
    assert _spans(text) == []


def test_neutral_uses_of_independent_are_not_flagged() -> None:
    text = (
        "An independent inquiry will report next year. "
        "The country became fully independent in 1991. "
        "Objective measures of growth were weak."
    )
    assert _spans(text) == []
