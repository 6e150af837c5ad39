"""A claim -> the most similar sentence of each other outlet of its story.

Similarity is the cosine of TF-IDF vectors of the story representation's terms (content words
cut to a stem, multi-word names, numbers with their digits), with document frequencies counted
over the story's own sentences, so the words every sentence of the story shares ("flood", the
town's name) count for little. For claims the terms leave out page boilerplate and attribution
words, and a sentence that shares no assertion word with the
claim (only its names, figures or attribution) has similarity 0 (compare.terms says why).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.stories.compare.terms import (
    assertion_words,
    claim_terms,
    lower_case_words,
    shares_assertion,
)
from newsift.stories.represent import Vector, Vocabulary, cosine
from newsift.text.segment import split_sentences

# Least similarity of a sentence that reports the claim, chosen on the development set
# (tests/fixtures/claim_matching/dev_pairs.jsonl; NOTES.md there).
MATCH_THRESHOLD = 0.2
# Sentences searched for a figure that conflicts with the claim's: any that shares a term with
# it. An outlet may give the death toll in a sentence worded unlike the claim ("By Thursday 23
# people had died"); figures.conflicts_among then asks for the same noun AND a shared context
# word, which within one story means the same quantity.
RELATED_THRESHOLD = 0.0
MIN_WORDS = 4  # shorter sentences are headings or fragments


@dataclass(frozen=True)
class Sentence:
    article_id: str
    outlet: str
    text: str


@dataclass(frozen=True)
class Match:
    """The best sentence of one outlet for one claim; `sentence` None when none reaches the
    threshold (`similarity` is then the best seen)."""

    outlet: str
    sentence: Sentence | None
    similarity: float
    related: tuple[Sentence, ...] = ()  # the outlet's sentences > RELATED_THRESHOLD, best first


_WORD = re.compile(r"[^\W\d_]+|\d+")


def is_statement(text: str) -> bool:
    """At least MIN_WORDS words: a heading, a credit or a signature line states nothing."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def sentences_of(article_id: str, outlet: str, text: str) -> list[Sentence]:
    return [
        Sentence(article_id, outlet, s.text.strip())
        for s in split_sentences(text)
        if len(s.text.split()) >= MIN_WORDS
    ]


class SentenceIndex:
    """The sentences of one story, vectorised once against the story's own frequencies."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.vocabulary = Vocabulary()
        terms = [claim_terms(s.text) for s in sentences]
        for counts in terms:
            self.vocabulary.add(counts)
        self.sentences = list(sentences)
        self.vectors = [self.vocabulary.vector(counts) for counts in terms]
        self.words = [assertion_words(s.text) for s in sentences]
        self.lower_words = lower_case_words(s.text for s in sentences)

    def vector(self, text: str) -> Vector:
        return self.vocabulary.vector(claim_terms(text))

    def similarity(self, claim: str, sentence: str) -> float:
        """How far `sentence` reports `claim`: their cosine, 0 when they share no assertion
        word."""
        if not shares_assertion(
            assertion_words(claim), assertion_words(sentence), self.lower_words
        ):
            return 0.0
        return cosine(self.vector(claim), self.vector(sentence))

    def best_per_outlet(
        self, claim: str, outlets: Sequence[str], threshold: float = MATCH_THRESHOLD
    ) -> list[Match]:
        """For each of `outlets`, its sentence most similar to `claim`."""
        wanted = set(outlets)
        query, words = self.vector(claim), assertion_words(claim)
        best: dict[str, tuple[float, Sentence]] = {}
        related: dict[str, list[tuple[float, Sentence]]] = {}
        for sentence, vector, its_words in zip(
            self.sentences, self.vectors, self.words, strict=True
        ):
            if sentence.outlet not in wanted:
                continue
            raw = cosine(query, vector)
            # Related sentences (for figures worded otherwise) need no shared assertion word.
            if raw > RELATED_THRESHOLD:
                related.setdefault(sentence.outlet, []).append((raw, sentence))
            similarity = raw if shares_assertion(words, its_words, self.lower_words) else 0.0
            if sentence.outlet not in best or similarity > best[sentence.outlet][0]:
                best[sentence.outlet] = (similarity, sentence)
        matches = []
        for outlet in outlets:
            similarity, sentence = best.get(outlet, (0.0, None))
            kept = sentence if sentence is not None and similarity >= threshold else None
            near = sorted(related.get(outlet, []), key=lambda pair: -pair[0])
            matches.append(Match(outlet, kept, round(similarity, 4), tuple(s for _, s in near)))
        return matches
