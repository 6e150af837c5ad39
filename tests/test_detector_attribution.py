"""Attribution: byline, share of attributed factual sentences, anonymous sourcing."""

from __future__ import annotations

from newsift.detectors.attribution import AttributionDetector, is_factual
from newsift.document import Document
from newsift.text.segment import Span

WIRE = (
    "Turkey and Russia agreed on Tuesday to deploy joint patrols along a 30-kilometre strip, "
    "the two foreign ministries said in a joint statement. "
    "Kurdish-led forces will withdraw within 150 hours, Defence Minister Sergei Shoigu told "
    "reporters in Sochi. "
    '"The situation remains fragile and the coming days will show whether both sides keep '
    'their commitments," said Sinem Adar, a researcher in Berlin. '
    "The United Nations said about 180,000 people had been displaced since Oct. 9. "
    "The war has killed more than 380,000 people since 2011, according to the Syrian "
    "Observatory for Human Rights."
)

PARTISAN = (
    "The US backed militias in the north are nothing but puppets of Washington. "
    "Their commanders take orders from foreign handlers in Ankara every week. "
    "Sources say the weapons keep arriving by the truckload. "
    "The conflict has killed nearly half a million people since 2011. "
    "Many people are saying that the ceasefire was a trick from the start. "
    "Is it really a coincidence that the attack began after the summit?"
)


def _by_label(doc: Document):
    findings = AttributionDetector().detect(doc)
    assert all(f.category == "sourcing" for f in findings)
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.label, []).append(f)
    return out


def test_wire_report_is_well_attributed_and_has_no_anonymous_sources() -> None:
    found = _by_label(Document(text=WIRE, byline="Amira Haddad"))
    assert set(found) == {"well_attributed"}
    ev = found["well_attributed"][0].evidence
    assert ev["factual"] == 5 and ev["attributed"] == 5 and ev["share"] == 1.0
    assert found["well_attributed"][0].level == "article"


def test_partisan_text_is_poorly_attributed_with_anonymous_spans() -> None:
    doc = Document(text=PARTISAN)
    found = _by_label(doc)
    assert "missing_byline" in found
    poor = found["poorly_attributed"][0]
    assert poor.evidence["attributed"] == 0 and poor.evidence["factual"] >= 3
    spans = [doc.text[f.start : f.end] for f in found["anonymous_source"]]
    assert spans == ["Sources say", "Many people are saying"]


def test_byline_in_text_or_credit_line_counts_as_byline() -> None:
    assert "missing_byline" not in _by_label(Document(text="By Jane Doe\n\n" + WIRE))
    credit = WIRE + "\n\nReporting by Jane Doe; editing by Tom Lee."
    assert "missing_byline" not in _by_label(Document(text=credit))
    assert "missing_byline" in _by_label(Document(text=WIRE, byline="  "))


def test_too_few_factual_sentences_gives_no_attribution_verdict() -> None:
    found = _by_label(Document(text="What a day! Is this real?", byline="A. Writer"))
    assert found == {}


def test_factual_sentence_heuristic() -> None:
    def factual(s: str) -> bool:
        return is_factual(Span(0, len(s), s))

    assert factual("The conflict has killed nearly half a million people since 2011.")
    assert not factual("Is it really a coincidence that the attack began after the summit?")
    assert not factual("We do not think so.")
    assert not factual("Photo: Protesters gather outside the embassy on Saturday.")
    assert not factual('"Nobody will stop us, not today and not ever in this town."')


def test_anonymous_phrases() -> None:
    text = (
        "According to people familiar with the matter, the deal is off. "
        "It is said that the minister will resign. "
        "An official spoke on condition of anonymity."
    )
    doc = Document(text=text, byline="A. Writer")
    spans = [doc.text[f.start : f.end] for f in _by_label(doc)["anonymous_source"]]
    assert spans == ["people familiar with", "It is said that", "on condition of anonymity"]


def test_quoted_everyone_knows_is_the_speakers_phrase() -> None:
    doc = Document(text='"Everyone knows I am competitive," Ryan said at the party on Friday.')
    assert "anonymous_source" not in _by_label(doc)


def test_no_comment_sentences_count_as_attributed() -> None:
    from newsift.detectors.attribution import is_attributed

    s = "The Syrian Democratic Forces did not immediately respond to a request for comment."
    assert is_attributed(Span(0, len(s), s))
