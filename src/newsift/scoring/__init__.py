"""Reliability score v0 ("rules-v0"): one transparent function from findings to a 0-100 score.

Start at BASELINE; every signal adds or removes points; the sum is clipped to 0..100. Each
signal groups findings by category (and label or detector), and its points follow this table:

| signal                 | findings: category / label             | points                        |
|------------------------|----------------------------------------|-------------------------------|
| source_record          | source / evidence["labels"] (or label) | worst negative + best positive|
|                        |                                        | label (SOURCE_POINTS), kept in|
|                        |                                        | -40..+15                      |
| fundraising_appeal     | fundraising / any                      | -15, -2.5 per extra, cap -20  |
| neutrality_boilerplate | self_promotion / any                   | -10, -2 per extra, cap -14    |
| manipulative_wording   | propaganda / any span label (lexicon   | -5 per distinct span per 100  |
|                        | and trained detector; overlaps once)   | words, cap -20                |
| propaganda_sentences   | propaganda / propaganda_sentence (p)   | -25 x sum(2(p-0.5)) / number  |
|                        |                                        | of sentences, cap -10         |
| missing_byline         | sourcing / missing_byline              | -5                            |
| attribution            | sourcing / well_ or poorly_attributed  | +10 / -10                     |
| anonymous_sources      | sourcing / anonymous_source            | -2 each, cap -8               |
| clickbait_headline     | headline / clickbait (p)               | -10 x p                       |
| hyperpartisan_tone     | tone / hyperpartisan (p)               | -15 x 2(p-0.5) when p > 0.5   |
| encoding_damage        | text_quality / encoding_repaired,      | -2 each, cap -4               |
|                        | mojibake                               |                               |
| shouting_capitals      | text_quality / shouting_caps           | -3 each, cap -6               |
| exclamations           | text_quality / excessive_exclamation   | -3 each, cap -6               |
| (informational)        | claims / any, stance / any, sourcing / | 0, not listed                 |
|                        | partly_attributed, source / not_found  |                               |
| category:label         | anything else                          | 0, listed, so it shows that   |
|                        |                                        | rules-v0 does not weigh it yet|

Points are kept in hundredths. When the raw total falls outside 0..100, every contribution is
scaled by the same factor; either way the points add up exactly (to the hundredth) to
`score - baseline`, and each contribution lists the indices of the findings it rests on.
Bands: reliable >= 67, unreliable < 40, mixed in between. Confidence (0..1) grows with text
length, a known source and the number of distinct signals.

The package: `points` (the numbers), `signals` (one function per signal), `rules` (which
findings feed which signal) and `assembly` (the score, its rounding, band and confidence).
"""

from __future__ import annotations

from newsift.scoring.assembly import _band, _confidence, _to_hundredths, score
from newsift.scoring.points import (
    ANONYMOUS_CAP,
    ANONYMOUS_EACH,
    BASELINE,
    CAPS_CAP,
    CAPS_EACH,
    CLICKBAIT_WEIGHT,
    ENCODING_CAP,
    ENCODING_EACH,
    EXCLAMATION_CAP,
    EXCLAMATION_EACH,
    FUNDRAISING_CAP,
    FUNDRAISING_EACH,
    FUNDRAISING_FIRST,
    HYPERPARTISAN_WEIGHT,
    INFORMATIONAL_CATEGORIES,
    INFORMATIONAL_LABELS,
    METHOD,
    MISSING_BYLINE,
    NEUTRALITY_CAP,
    NEUTRALITY_EACH,
    NEUTRALITY_FIRST,
    NOT_OWN_VOICE,
    POORLY_ATTRIBUTED,
    PROPAGANDA_SENTENCE_CAP,
    PROPAGANDA_SENTENCE_RATE,
    RELIABLE_AT,
    SOURCE_POINTS,
    SOURCE_RANGE,
    UNRELIABLE_BELOW,
    WELL_ATTRIBUTED,
    WORDING_CAP,
    WORDING_PER_100_WORDS,
)
from newsift.scoring.rules import RULES
from newsift.scoring.signals import Indexed, distinct_spans

# The underscored helpers are shared with learned-v1 (newsift.reliability.score), which rounds,
# bands and rates confidence the same way.
__all__ = [
    "ANONYMOUS_CAP",
    "ANONYMOUS_EACH",
    "BASELINE",
    "CAPS_CAP",
    "CAPS_EACH",
    "CLICKBAIT_WEIGHT",
    "ENCODING_CAP",
    "ENCODING_EACH",
    "EXCLAMATION_CAP",
    "EXCLAMATION_EACH",
    "FUNDRAISING_CAP",
    "FUNDRAISING_EACH",
    "FUNDRAISING_FIRST",
    "HYPERPARTISAN_WEIGHT",
    "INFORMATIONAL_CATEGORIES",
    "INFORMATIONAL_LABELS",
    "METHOD",
    "MISSING_BYLINE",
    "NEUTRALITY_CAP",
    "NEUTRALITY_EACH",
    "NEUTRALITY_FIRST",
    "NOT_OWN_VOICE",
    "POORLY_ATTRIBUTED",
    "PROPAGANDA_SENTENCE_CAP",
    "PROPAGANDA_SENTENCE_RATE",
    "RELIABLE_AT",
    "RULES",
    "SOURCE_POINTS",
    "SOURCE_RANGE",
    "UNRELIABLE_BELOW",
    "WELL_ATTRIBUTED",
    "WORDING_CAP",
    "WORDING_PER_100_WORDS",
    "Indexed",
    "_band",
    "_confidence",
    "_to_hundredths",
    "distinct_spans",
    "score",
]
