"""The stance detector and `predict_stance` with the shipped model, on texts we wrote."""

import pytest

from newsift.detectors.stance import LABELS, StanceResult, predict_stance
from newsift.detectors.stance.detector import StanceDetector
from newsift.document import Document

CLAIM = "Giant sinkhole swallows three cars in downtown Denver"

AGREE_BODY = (
    "A giant sinkhole opened in downtown Denver on Tuesday and swallowed three parked cars, "
    "city officials confirmed. "
    "The sinkhole, about 12 metres wide, appeared shortly after 6 a.m. on Colfax Avenue. "
    "Fire crews said nobody was inside the three cars when the ground gave way. "
    "Engineers believe a broken water main washed away the soil under the street. "
    "The street will stay closed for at least two weeks while the hole is filled."
)

DISAGREE_BODY = (
    "Photos that claim to show a giant sinkhole swallowing three cars in downtown Denver are fake. "
    "The images are a hoax: they were taken in Guatemala in 2010 and have been digitally altered. "
    "Denver officials denied that any sinkhole opened in the city this week. "
    "No cars were damaged and no streets were closed, a city spokesman said. "
    "Fact-checkers debunked the story, which spread widely on social media."
)

UNRELATED_BODY = (
    "The national orchestra announced its new season on Friday, with twelve concerts of music "
    "by Beethoven, Brahms and living composers. "
    "Tickets go on sale next month, and students will pay half price. "
    "The conductor said the programme celebrates the orchestra's hundredth anniversary."
)


@pytest.fixture(scope="module")
def detector() -> StanceDetector:
    return StanceDetector()


def test_no_claim_means_no_findings(detector):
    assert detector.detect(Document(text=AGREE_BODY)) == []
    assert detector.detect(Document(text=AGREE_BODY, claim="   ")) == []


def test_predict_stance_returns_a_distribution():
    result = predict_stance(CLAIM, AGREE_BODY)
    assert isinstance(result, StanceResult)
    assert set(result.probabilities) == set(LABELS)
    assert sum(result.probabilities.values()) == pytest.approx(1.0, abs=1e-6)
    assert result.label in LABELS
    assert result.score == result.probabilities[result.label]


def test_supporting_article_is_related_and_not_disputing():
    result = predict_stance(CLAIM, AGREE_BODY)
    assert result.label != "unrelated"
    assert result.probabilities["agree"] > result.probabilities["disagree"]


def test_debunking_article_leans_to_disagree_more_than_the_supporting_one():
    debunk = predict_stance(CLAIM, DISAGREE_BODY)
    support = predict_stance(CLAIM, AGREE_BODY)
    assert debunk.label != "unrelated"
    # disagree is the model's weakest class (see the card), so only its direction is asserted
    assert debunk.probabilities["disagree"] > support.probabilities["disagree"]


def test_article_about_something_else_is_unrelated():
    assert predict_stance(CLAIM, UNRELATED_BODY).label == "unrelated"


def test_detector_findings_point_at_the_closest_sentences(detector):
    doc = Document(text=AGREE_BODY, claim=CLAIM)
    findings = detector.detect(doc)
    article = findings[0]
    assert article.level == "article" and article.category == "stance"
    assert article.label in {"agree", "disagree", "discuss"}
    assert article.score == pytest.approx(
        article.evidence["probabilities"][article.label], abs=1e-4
    )
    assert article.evidence["claim"] == CLAIM
    assert "claim" in article.explanation and f"{article.score:.2f}" in article.explanation
    sentences = findings[1:]
    assert 1 <= len(sentences) <= 3
    assert [[f.start, f.end] for f in sentences] == article.evidence["sentences"]
    starts = {s.start for s in doc.sentences}
    for f in sentences:
        assert f.level == "sentence" and f.label == "stance_evidence"
        assert f.start in starts
    # the best-matching sentence is the one that restates the claim
    assert "sinkhole opened in downtown Denver" in doc.text[sentences[0].start : sentences[0].end]


def test_unrelated_article_gives_one_finding_without_evidence(detector):
    findings = detector.detect(Document(text=UNRELATED_BODY, claim=CLAIM))
    assert len(findings) == 1
    assert findings[0].label == "unrelated"
    assert findings[0].evidence["sentences"] == []
    assert "not appear to be about" in findings[0].explanation


def test_claim_without_words_or_empty_body_is_unrelated():
    assert predict_stance("!!!", AGREE_BODY).label == "unrelated"
    assert predict_stance(CLAIM, "").evidence == []
