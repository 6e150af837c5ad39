"""Features of a (claim, body) pair, computed in plain Python and numpy.

Two families, both computed identically at training and at analyse time:

- term vectors (UCL's FNC-1 recipe): L2-normalised term frequencies of the claim and of the body
  over the most frequent terms, plus the TF-IDF cosine between them; they feed the MLP;
- hand features (FNC-1 baseline and follow-ups): TF-IDF cosines against the whole body, its lead
  and its best-matching sentences, word and n-gram overlap, refuting, hedging and confirming cue
  words near the matching sentences; they feed the gradient-boosted trees.

Bodies are shared by many claims, so everything that depends on the body alone is computed once
per body (`BodyInfo`).

The cue-word and stop-word lists live in `word_lists`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsift.detectors.stance.word_lists import CONFIRMING, HEDGING, REFUTING, STOP_WORDS
from newsift.inference.tfidf import TfidfSpec, l2_normalised
from newsift.text.segment import Span, split_sentences

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_REFUTING_SET = frozenset(REFUTING)
_HEDGING_SET = frozenset(HEDGING)
_CONFIRMING_SET = frozenset(CONFIRMING)

N_LEAD_SENTENCES = 3  # sentences counted as the body's lead
N_TOP_SENTENCES = 3  # best-matching sentences used as evidence and for cue-word features


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; the one tokenizer behind every feature and the vocabulary."""
    return _TOKEN.findall(text.lower())


SparseVec = dict[int, float]


@dataclass(frozen=True)
class Vocabulary:
    """The stance TF-IDF (terms sorted by training frequency) and how many of its most frequent
    terms feed the MLP as plain term frequencies."""

    tfidf: TfidfSpec
    n_tf: int

    @classmethod
    def build(cls, terms: Sequence[str], idf: np.ndarray, n_tf: int) -> Vocabulary:
        spec = TfidfSpec(
            analyzer="word",
            ngram_range=(1, 1),
            terms=list(terms),
            idf=idf,
            token_pattern=_TOKEN.pattern,
            lowercase=True,
            sublinear_tf=False,
            norm="l2",
        )
        return cls(spec, n_tf)

    @property
    def terms(self) -> list[str]:
        return self.tfidf.terms

    @property
    def idf(self) -> np.ndarray:
        return self.tfidf.idf

    @property
    def index(self) -> dict[str, int]:
        return self.tfidf.index

    def counts(self, tokens: Sequence[str]) -> Counter[int]:
        return self.tfidf.term_counts(tokens)

    def tf(self, counts: Counter[int]) -> SparseVec:
        """L2-normalised term frequencies over the `n_tf` most frequent terms."""
        return l2_normalised({i: float(c) for i, c in counts.items() if i < self.n_tf})

    def tfidf_vector(self, counts: Counter[int]) -> SparseVec:
        return self.tfidf.sparse_tfidf(counts)


def cosine(a: SparseVec, b: SparseVec) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(i, 0.0) for i, v in a.items())


def _ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _char_grams(text: str, n: int) -> set[str]:
    text = " ".join(tokenize(text))
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _share(words: Sequence[str], vocabulary: frozenset[str]) -> float:
    return sum(w in vocabulary for w in words) / max(len(words), 1)


@dataclass
class TextInfo:
    """What the features need from one text (a claim or a sentence)."""

    tokens: list[str]
    content: set[str]  # tokens minus stop words
    counts: Counter[int]
    tf: SparseVec
    tfidf: SparseVec


def text_info(text: str, vocab: Vocabulary) -> TextInfo:
    tokens = tokenize(text)
    counts = vocab.counts(tokens)
    return TextInfo(
        tokens=tokens,
        content={t for t in tokens if t not in STOP_WORDS},
        counts=counts,
        tf=vocab.tf(counts),
        tfidf=vocab.tfidf_vector(counts),
    )


@dataclass
class BodyInfo:
    """Everything about one article body that does not depend on the claim."""

    whole: TextInfo
    lead: TextInfo
    sentences: list[Span]
    sentence_vectors: list[SparseVec]  # TF-IDF per sentence
    sentence_tokens: list[list[str]]
    token_set: set[str]
    lead_set: set[str]
    ngram_sets: dict[int, set[tuple[str, ...]]]
    char_grams: set[str]
    lead_char_grams: set[str]
    refuting: float
    hedging: float
    confirming: float


def body_info(body: str, vocab: Vocabulary) -> BodyInfo:
    sentences = split_sentences(body)
    whole = text_info(body, vocab)
    lead_text = " ".join(s.text for s in sentences[:N_LEAD_SENTENCES])
    lead = text_info(lead_text, vocab)
    sentence_tokens = [tokenize(s.text) for s in sentences]
    tokens = whole.tokens
    return BodyInfo(
        whole=whole,
        lead=lead,
        sentences=sentences,
        sentence_vectors=[vocab.tfidf_vector(vocab.counts(t)) for t in sentence_tokens],
        sentence_tokens=sentence_tokens,
        token_set=set(tokens),
        lead_set=set(lead.tokens),
        ngram_sets={n: _ngrams(tokens, n) for n in (2, 3, 4)},
        char_grams=_char_grams(body, 4),
        lead_char_grams=_char_grams(lead_text, 4),
        refuting=_share(tokens, _REFUTING_SET),
        hedging=_share(tokens, _HEDGING_SET),
        confirming=_share(tokens, _CONFIRMING_SET),
    )


def sentence_relatedness(claim: TextInfo, body: BodyInfo) -> list[float]:
    """TF-IDF cosine between the claim and each body sentence."""
    return [cosine(claim.tfidf, v) for v in body.sentence_vectors]


def top_sentences(relatedness: Sequence[float], k: int = N_TOP_SENTENCES) -> list[int]:
    """Indices of the `k` sentences most related to the claim, best first (ties: earlier first)."""
    order = sorted(range(len(relatedness)), key=lambda i: (-relatedness[i], i))
    return [i for i in order[:k] if relatedness[i] > 0]


HAND_FEATURE_NAMES: tuple[str, ...] = (
    "cos_body",
    "cos_lead",
    "cos_sentence_max",
    "cos_sentence_top3",
    "cos_sentence_second",
    "share_related_sentences",
    "overlap_jaccard",
    "overlap_claim_in_body",
    "overlap_claim_in_lead",
    "overlap_idf_weighted",
    "bigram_hits",
    "trigram_hits",
    "fourgram_hits",
    "chargram_hits",
    "chargram_hits_lead",
    "claim_refuting",
    "claim_hedging",
    "claim_question",
    "claim_polarity",
    "body_refuting",
    "body_hedging",
    "body_confirming",
    "top_refuting",
    "top_hedging",
    "top_confirming",
    "top_polarity",
    "lead_refuting",
    "claim_length",
    "body_length",
    "n_sentences",
    *(f"claim_has_{w}" for w in REFUTING),
    *(f"top_has_{w}" for w in REFUTING),
)


def hand_features(
    claim_text: str, claim: TextInfo, body: BodyInfo, vocab: Vocabulary
) -> np.ndarray:
    """The hand-feature vector of one pair, in HAND_FEATURE_NAMES order."""
    related = sentence_relatedness(claim, body)
    ranked = sorted(related, reverse=True)
    top = top_sentences(related)
    top_tokens = [t for i in top for t in body.sentence_tokens[i]]
    top_set = set(top_tokens)
    content = claim.content
    idf = vocab.idf
    weights = {t: float(idf[vocab.index[t]]) if t in vocab.index else 1.0 for t in content}
    total_weight = sum(weights.values()) or 1.0

    def hits(n: int) -> float:
        grams = _ngrams(claim.tokens, n)
        return len(grams & body.ngram_sets[n]) / max(len(grams), 1)

    claim_chars = _char_grams(claim_text, 4)
    claim_refuting = [w in claim.tokens for w in REFUTING]
    values = [
        cosine(claim.tfidf, body.whole.tfidf),
        cosine(claim.tfidf, body.lead.tfidf),
        ranked[0] if ranked else 0.0,
        sum(ranked[:3]) / 3 if ranked else 0.0,
        ranked[1] if len(ranked) > 1 else 0.0,
        sum(r > 0.2 for r in related) / max(len(related), 1),
        len(content & body.token_set) / max(len(content | body.token_set), 1),
        len(content & body.token_set) / max(len(content), 1),
        len(content & body.lead_set) / max(len(content), 1),
        sum(w for t, w in weights.items() if t in body.token_set) / total_weight,
        hits(2),
        hits(3),
        hits(4),
        len(claim_chars & body.char_grams) / max(len(claim_chars), 1),
        len(claim_chars & body.lead_char_grams) / max(len(claim_chars), 1),
        float(sum(claim_refuting)),
        float(sum(t in _HEDGING_SET for t in claim.tokens)),
        float("?" in claim_text),
        float(sum(claim_refuting) % 2),
        body.refuting,
        body.hedging,
        body.confirming,
        _share(top_tokens, _REFUTING_SET),
        _share(top_tokens, _HEDGING_SET),
        _share(top_tokens, _CONFIRMING_SET),
        float(sum(t in _REFUTING_SET for t in top_tokens) % 2),
        _share(body.lead.tokens, _REFUTING_SET),
        float(len(claim.tokens)),
        math.log1p(len(body.whole.tokens)),
        float(len(body.sentences)),
        *(float(x) for x in claim_refuting),
        *(float(w in top_set) for w in REFUTING),
    ]
    return np.asarray(values, dtype=np.float32)
