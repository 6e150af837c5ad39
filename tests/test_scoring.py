"""Scoring rules-v0: sums, clipping, bands, ordering, indices, confidence."""

from __future__ import annotations

import pytest

from newsift import scoring
from newsift.detectors import get
from newsift.document import Document
from newsift.findings import Finding

WORDS = " ".join(["word"] * 200)  # a 200-word body for density rules


def F(detector: str, category: str, label: str, **kw) -> Finding:  # noqa: N802
    return Finding(detector=detector, category=category, label=label, explanation="x", **kw)


def _hundredths(x: float) -> int:
    return round(x * 100)


def _assert_exact(rel) -> None:
    assert sum(_hundredths(c.points) for c in rel.contributions) == _hundredths(
        rel.score - rel.baseline
    )
    assert 0.0 <= rel.score <= 100.0


def test_no_findings_gives_the_baseline() -> None:
    rel = scoring.score([], Document(text=WORDS))
    assert rel.score == scoring.BASELINE and rel.contributions == []
    assert rel.band == "mixed" and rel.method == "rules-v0"


def test_points_follow_the_table_and_add_up() -> None:
    findings = [
        F("fundraising", "fundraising", "donation_appeal", start=0, end=4),
        F("fundraising", "fundraising", "donation_appeal", start=5, end=9),
        F("neutrality_claim", "self_promotion", "neutrality_boilerplate", start=10, end=14),
        F("attribution", "sourcing", "missing_byline", level="article"),
        F("clickbait", "headline", "clickbait", score=0.8, level="article"),
    ]
    rel = scoring.score(findings, Document(text=WORDS))
    points = {c.signal: c.points for c in rel.contributions}
    assert points == {
        "fundraising_appeal": -17.5,
        "neutrality_boilerplate": -10.0,
        "missing_byline": -5.0,
        "clickbait_headline": -8.0,
    }
    assert rel.score == pytest.approx(60 - 40.5)
    assert rel.band == "unreliable"
    by_signal = {c.signal: c for c in rel.contributions}
    assert by_signal["fundraising_appeal"].findings == [0, 1]
    assert by_signal["clickbait_headline"].findings == [4]
    assert [abs(c.points) for c in rel.contributions] == sorted(
        (abs(c.points) for c in rel.contributions), reverse=True
    )
    _assert_exact(rel)


def test_caps_limit_repeated_signals() -> None:
    appeals = [F("fundraising", "fundraising", "x", start=i, end=i + 1) for i in range(10)]
    anon = [F("attribution", "sourcing", "anonymous_source", start=i, end=i + 1) for i in range(9)]
    rel = scoring.score(appeals + anon, Document(text=WORDS))
    points = {c.signal: c.points for c in rel.contributions}
    assert points["fundraising_appeal"] == scoring.FUNDRAISING_CAP
    assert points["anonymous_sources"] == scoring.ANONYMOUS_CAP


def test_wording_density_counts_overlapping_spans_once() -> None:
    doc = Document(text=WORDS)
    lexicon = F("propaganda", "propaganda", "Loaded_Language", start=0, end=4)
    model = F("propaganda", "propaganda", "Loaded_Language", start=0, end=9)  # same words
    other = F("propaganda", "propaganda", "Name_Calling,Labeling", start=20, end=24)
    rel = scoring.score([lexicon, model, other], doc)
    (c,) = rel.contributions
    # 2 distinct spans in 200 words = 1 per 100 words -> -5
    assert c.signal == "manipulative_wording" and c.points == -5.0 and c.findings == [0, 1, 2]


def test_probability_signals() -> None:
    doc = Document(text="One. Two. Three. Four.")
    hyper = F("hyperpartisan", "tone", "hyperpartisan", score=0.9, level="article")
    weak = F("hyperpartisan", "tone", "hyperpartisan", score=0.4, level="article")
    sent = F(
        "propaganda",
        "propaganda",
        "propaganda_sentence",
        score=1.0,
        start=0,
        end=4,
        level="sentence",
    )
    assert scoring.score([hyper], doc).contributions[0].points == pytest.approx(-12.0)
    assert scoring.score([weak], doc).contributions == []
    # one certain sentence of four: -25 * 1 / 4
    assert scoring.score([sent], doc).contributions[0].points == pytest.approx(-6.25)


def test_source_labels_use_worst_and_best() -> None:
    doc = Document(text=WORDS, domain="example.com")

    def src(labels: list[str]) -> float:
        f = F("source", "source", labels[0], level="source", evidence={"labels": labels})
        (c,) = scoring.score([f], doc).contributions
        assert c.category == "source" and "example.com" in c.explanation
        return c.points

    assert src(["fake", "bias"]) == -35.0
    assert src(["reliable", "left_center"]) == 15.0
    assert src(["fake", "conspiracy", "reliable"]) == -20.0
    assert src(["reliable", "high_factuality"]) == 15.0


def test_informational_and_unknown_findings() -> None:
    findings = [
        F("claims", "claims", "check_worthy", start=0, end=4, level="sentence"),
        F("stance", "stance", "agree", level="article"),
        F("attribution", "sourcing", "partly_attributed", level="article"),
        F("future", "tone", "sarcasm", level="article"),
    ]
    rel = scoring.score(findings, Document(text=WORDS))
    assert rel.score == scoring.BASELINE
    (c,) = rel.contributions
    assert c.signal == "tone:sarcasm" and c.points == 0.0 and c.findings == [3]


def test_clipping_at_zero_scales_contributions_to_sum_exactly() -> None:
    findings = [F("fundraising", "fundraising", "x", start=i, end=i + 1) for i in range(5)]
    findings += [F("neutrality_claim", "self_promotion", "x", start=i, end=i + 1) for i in range(5)]
    findings += [
        F("propaganda", "propaganda", "Loaded_Language", start=i * 5, end=i * 5 + 4)
        for i in range(30)
    ]
    findings += [F("source", "source", "fake", level="source", evidence={"labels": ["fake"]})]
    findings += [F("attribution", "sourcing", "poorly_attributed", level="article")]
    findings += [F("clickbait", "headline", "clickbait", score=0.97, level="article")]
    rel = scoring.score(findings, Document(text=WORDS))
    assert rel.score == 0.0 and rel.band == "unreliable"
    _assert_exact(rel)
    assert all(c.points < 0 for c in rel.contributions)
    # proportions are kept: the source record stays the biggest signal
    assert rel.contributions[0].signal == "source_record"


def test_clipping_at_hundred() -> None:
    findings = [
        F("source", "source", "reliable", level="source", evidence={"labels": ["reliable"]}),
        F("attribution", "sourcing", "well_attributed", level="article"),
    ]
    rel = scoring.score(findings, Document(text=WORDS))
    assert rel.score == 85.0 and rel.band == "reliable"
    _assert_exact(rel)


def test_rounding_stays_exact_with_awkward_fractions() -> None:
    findings = [
        F("clickbait", "headline", "clickbait", score=0.777777, level="article"),
        F("hyperpartisan", "tone", "hyperpartisan", score=0.6666666, level="article"),
        F(
            "propaganda",
            "propaganda",
            "propaganda_sentence",
            score=0.91,
            start=0,
            end=3,
            level="sentence",
        ),
        F("propaganda", "propaganda", "Loaded_Language", start=0, end=3),
    ]
    doc = Document(text="Aaa bbb ccc. " * 7)
    rel = scoring.score(findings, doc)
    _assert_exact(rel)
    assert all(_hundredths(c.points) / 100 == c.points for c in rel.contributions)


def test_bands() -> None:
    assert scoring._band(67.0) == "reliable"
    assert scoring._band(66.99) == "mixed"
    assert scoring._band(40.0) == "mixed"
    assert scoring._band(39.99) == "unreliable"


def test_confidence_grows_with_evidence() -> None:
    short = scoring.score([], Document(text="A short note."))
    long_ = scoring.score([], Document(text=WORDS * 2))
    sourced = scoring.score(
        [F("source", "source", "reliable", level="source", evidence={"labels": ["reliable"]})],
        Document(text=WORDS * 2),
    )
    assert 0.0 <= short.confidence < long_.confidence < sourced.confidence <= 1.0


PARTISAN = """Turkey's president has thrown what may be his final temper tantrum. Once again the \
Middle Eastern bully boy has sent his tanks across the border.

The US backed militias in the north are nothing but puppets of Washington. Everyone knows it. \
Sources say the weapons keep arriving by the truckload.

Dear reader, we are 100% independent and funded only by you. We need to raise £1,000,000 by \
the end of this month to keep the truth alive. Any donation of any size helps. Donate Here and \
stand with the only totally unbiased news coverage you can trust!

The conflict has killed nearly half a million people since 2011. Patriots everywhere know that \
our homeland will never surrender to these thugs!!"""

WIRE = """By Amira Haddad

Turkey and Russia agreed on Tuesday to deploy joint patrols along a 30-kilometre strip of \
northern Syria, the two countries' foreign ministries said in a joint statement.

Kurdish-led forces will withdraw from the area within 150 hours, Russian Defence Minister \
Sergei Shoigu told reporters in Sochi.

The United Nations said on Monday that about 180,000 people had been displaced since the \
operation began on Oct. 9.

The war in Syria has killed more than 380,000 people since 2011, according to the Syrian \
Observatory for Human Rights."""

RULE_DETECTORS = [
    "text_quality",
    "fundraising",
    "neutrality_claim",
    "attribution",
    "propaganda",
]


def _end_to_end(text: str):
    doc = Document(text=text)
    findings = [f for name in RULE_DETECTORS for f in get(name).detect(doc)]
    return scoring.score(findings, doc)


def test_partisan_appeal_scores_below_wire_report() -> None:
    partisan, wire = _end_to_end(PARTISAN), _end_to_end(WIRE)
    assert partisan.score < 40 <= 67 <= wire.score
    assert partisan.band == "unreliable" and wire.band == "reliable"
    signals = {c.signal for c in partisan.contributions}
    assert {
        "fundraising_appeal",
        "neutrality_boilerplate",
        "manipulative_wording",
        "missing_byline",
    } <= signals
    assert {c.signal for c in wire.contributions} == {"attribution"}
    _assert_exact(partisan)
    _assert_exact(wire)


def test_every_source_label_has_a_weight() -> None:
    from newsift.sources import LABELS

    assert set(LABELS) == set(scoring.SOURCE_POINTS)


def test_article_level_propaganda_finding_is_listed_not_counted_as_a_span() -> None:
    findings = [
        F("propaganda", "propaganda", "Loaded_Language", start=0, end=4),
        F("propaganda", "propaganda", "propaganda_article", score=0.9, level="article"),
    ]
    rel = scoring.score(findings, Document(text=WORDS))
    by_signal = {c.signal: c for c in rel.contributions}
    assert by_signal["manipulative_wording"].findings == [0]
    assert by_signal["manipulative_wording"].points == -2.5
    assert by_signal["propaganda:propaganda_article"].points == 0.0
