"""The article representation: the lead counted twice, raw counts, claim vectors unchanged."""

from __future__ import annotations

import math
from collections import Counter

from newsift.stories.represent import (
    ARTICLE_LEAD_CHARS,
    Vocabulary,
    article_terms,
    lead,
    story_terms,
)


def test_the_lead_is_counted_twice_and_the_rest_once() -> None:
    title = "Flood closes harbour"
    body = " ".join(["Rain"] * 40) + " and the council met."
    counts = article_terms(f"{title} {body}")
    plain = story_terms(f"{title} {body}")
    assert len(lead(f"{title} {body}", ARTICLE_LEAD_CHARS)) <= ARTICLE_LEAD_CHARS
    assert counts["w:flood"] == 2 * plain["w:flood"] == 2
    assert counts["w:counc"] == plain["w:counc"] == 1


def test_an_article_vector_weighs_raw_counts_a_sentence_vector_one_plus_log() -> None:
    vocabulary = Vocabulary()
    for terms in (Counter({"w:flood": 1}), Counter({"w:harbo": 1})):
        vocabulary.add(terms)
    terms = Counter({"w:flood": 4, "w:harbo": 1})
    article = vocabulary.article_vector(terms)
    sentence = vocabulary.vector(terms)
    assert math.isclose(article["w:flood"] / article["w:harbo"], 4.0)
    assert math.isclose(sentence["w:flood"] / sentence["w:harbo"], 1.0 + math.log(4))
    assert math.isclose(sum(w * w for w in article.values()), 1.0)


def test_names_weigh_as_words_in_an_article_and_more_in_a_sentence() -> None:
    vocabulary = Vocabulary()
    terms = Counter({"w:flood": 1, "e:jane doe": 1})
    vocabulary.add(terms)
    assert math.isclose(vocabulary.article_vector(terms)["e:jane doe"], math.sqrt(0.5))
    sentence = vocabulary.vector(terms)
    assert math.isclose(sentence["e:jane doe"] / sentence["w:flood"], 1.5)
