"""rules-v0's numbers: the baseline, the band thresholds, the points of every signal, and the
findings that are listed without points."""

from __future__ import annotations

METHOD = "rules-v0"
BASELINE = 60.0
RELIABLE_AT = 67.0  # score >= this: "reliable"
UNRELIABLE_BELOW = 40.0  # score < this: "unreliable"

# Source labels (vocabulary of newsift.sources) -> points. The worst negative and the best
# positive label of a source are added, then kept within SOURCE_RANGE.
SOURCE_POINTS: dict[str, float] = {
    "fake": -35.0,
    "conspiracy": -30.0,
    "junksci": -25.0,
    "hate": -25.0,
    "questionable": -25.0,  # MBFC: extreme bias, propaganda, failed fact checks
    "unreliable": -20.0,
    "rumor": -20.0,
    "low_factuality": -20.0,
    "satire": -15.0,  # not false, but not news to be read literally
    "state": -10.0,
    "clickbait": -10.0,
    "bias": -8.0,
    "mixed_factuality": -8.0,
    "extreme_left": -8.0,
    "extreme_right": -8.0,
    "political": -5.0,
    "left": -2.0,
    "right": -2.0,
    "left_center": 0.0,
    "right_center": 0.0,
    "center": 0.0,
    "pro_science": 10.0,
    "reliable": 15.0,
    "high_factuality": 15.0,
}
SOURCE_RANGE = (-40.0, 15.0)

FUNDRAISING_FIRST, FUNDRAISING_EACH, FUNDRAISING_CAP = -15.0, -2.5, -20.0
NEUTRALITY_FIRST, NEUTRALITY_EACH, NEUTRALITY_CAP = -10.0, -2.0, -14.0
WORDING_PER_100_WORDS, WORDING_CAP = -5.0, -20.0
PROPAGANDA_SENTENCE_RATE, PROPAGANDA_SENTENCE_CAP = -25.0, -10.0
MISSING_BYLINE = -5.0
WELL_ATTRIBUTED, POORLY_ATTRIBUTED = 10.0, -10.0
ANONYMOUS_EACH, ANONYMOUS_CAP = -2.0, -8.0
CLICKBAIT_WEIGHT = -10.0
HYPERPARTISAN_WEIGHT = -15.0
ENCODING_EACH, ENCODING_CAP = -2.0, -4.0
CAPS_EACH, CAPS_CAP = -3.0, -6.0
EXCLAMATION_EACH, EXCLAMATION_CAP = -3.0, -6.0

# Findings that inform the reader but do not move the score.
INFORMATIONAL_CATEGORIES = frozenset({"claims", "stance"})
INFORMATIONAL_LABELS = frozenset(
    {
        ("sourcing", "partly_attributed"),
        ("source", "not_found"),
        ("source", "unknown"),
        # Which legacy encoding a file was read in: how it was stored, not how it was written.
        ("text_quality", "encoding_detected"),
        # learned-v1's reporting-style feature: rules-v0 predates it and does not weigh it.
        ("tone", "reporting_style"),
    }
)
NOT_OWN_VOICE = frozenset({"quoted", "furniture"})
