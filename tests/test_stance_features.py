"""Feature functions of the stance model."""

import numpy as np
import pytest

from newsift.detectors.stance import features as F

BODY = (
    "The city council approved a new bridge over the river on Monday. "
    "Construction will start next spring and cost 40 million dollars. "
    "Critics said the money should go to schools instead. "
    "The mayor called the vote a turning point for the city."
)


def _vocab(n_tf: int = 1000) -> F.Vocabulary:
    terms = sorted(
        {t for t in F.tokenize(BODY + " hoax fake moon cheese") if t not in F.STOP_WORDS}
    )
    return F.Vocabulary.build(terms, np.ones(len(terms), dtype=np.float32), min(n_tf, len(terms)))


def _features(claim: str) -> dict[str, float]:
    vocab = _vocab()
    values = F.hand_features(claim, F.text_info(claim, vocab), F.body_info(BODY, vocab), vocab)
    assert values.shape == (len(F.HAND_FEATURE_NAMES),)
    return dict(zip(F.HAND_FEATURE_NAMES, values.tolist(), strict=True))


def test_tokenize_lowercases_and_keeps_numbers():
    assert F.tokenize("NASA's 2 Moons, e-mail!") == ["nasa's", "2", "moons", "e", "mail"]


def test_cosine_of_normalised_vectors():
    a = {0: 0.6, 1: 0.8}
    assert F.cosine(a, a) == pytest.approx(1.0)
    assert F.cosine(a, {2: 1.0}) == 0.0
    assert F.cosine(a, {1: 1.0}) == pytest.approx(0.8)


def test_tf_is_l2_normalised_and_limited_to_the_tf_terms():
    vocab = _vocab(n_tf=3)
    counts = vocab.counts(F.tokenize(BODY))
    tf = vocab.tf(counts)
    assert tf and all(i < 3 for i in tf)
    assert sum(v * v for v in tf.values()) == pytest.approx(1.0)
    tfidf = vocab.tfidf_vector(counts)
    assert len(tfidf) > len(tf)
    assert sum(v * v for v in tfidf.values()) == pytest.approx(1.0)


def test_claim_taken_from_the_body_is_highly_related():
    f = _features("City council approved new bridge over the river")
    assert f["cos_sentence_max"] > 0.6
    assert f["overlap_claim_in_body"] == pytest.approx(1.0)
    assert f["bigram_hits"] > 0
    assert f["claim_refuting"] == 0


def test_unrelated_claim_has_no_overlap():
    f = _features("Moon made of cheese")
    assert f["cos_body"] == 0.0
    assert f["cos_sentence_max"] == 0.0
    assert f["overlap_claim_in_body"] == 0.0
    assert f["bigram_hits"] == 0.0


def test_refuting_words_in_the_claim_are_flagged():
    f = _features("Bridge vote was a hoax, council says it is fake")
    assert f["claim_has_hoax"] == 1.0
    assert f["claim_has_fake"] == 1.0
    assert f["claim_has_deny"] == 0.0
    assert f["claim_refuting"] == 2.0
    assert f["claim_polarity"] == 0.0


def test_top_sentences_rank_by_relatedness_and_skip_zero():
    assert F.top_sentences([0.1, 0.5, 0.0, 0.5]) == [1, 3, 0]
    assert F.top_sentences([0.0, 0.0]) == []


def test_body_info_keeps_sentence_offsets():
    vocab = _vocab()
    info = F.body_info(BODY, vocab)
    assert len(info.sentences) == 4
    for s in info.sentences:
        assert BODY[s.start : s.end] == s.text
