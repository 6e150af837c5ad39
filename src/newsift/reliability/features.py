"""The learned combiner's inputs: each detector signal as one number with a fixed direction.

A feature is a number computed from the findings of one report, 0 when its signal is absent,
so that the reference article (no signal fired, publisher unknown, tone neither partisan nor
neutral) is the zero vector. Its `direction` is the sign its weight is constrained to: +1 means
more of it can only raise the score, -1 only lower it. The directions are a fact-checker's,
fixed before any data is seen, so the model cannot learn one dataset's quirks the wrong way
round (more propaganda never raises the score).

Only the outlet's own voice counts: span findings marked as quoted speech or page furniture
(evidence["voice"], set by newsift.text.voice / newsift.text.furniture) are left out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.document import Document
from newsift.findings import Finding
from newsift.scoring import distinct_spans
from newsift.sources import EFFECT

NOT_OWN_VOICE = frozenset({"quoted", "furniture"})
STYLE_CLIP = 4.0  # logit; beyond this the style model is only more sure of the same thing
WORDING_DENSITY_CAP = 5.0  # spans per 100 words; beyond this a text is just saturated


@dataclass(frozen=True)
class FeatureSpec:
    name: str
    direction: int  # +1: can only raise the score; -1: can only lower it
    signal: str  # the contribution it is reported under
    category: str  # the findings' category
    source: bool  # from the publisher's record (absent in text-only runs)
    meaning: str


SPECS: tuple[FeatureSpec, ...] = (
    FeatureSpec(
        "source_rating",
        +1,
        "source_record",
        "source",
        True,
        "2 x (rating - 0.5): the outlet's aggregate domain-quality rating, -1..1",
    ),
    FeatureSpec(
        "source_bad_label",
        -1,
        "source_record",
        "source",
        True,
        "how badly the worst reputation label weighs (0..1, e.g. fake 1.0, satire 0.5)",
    ),
    FeatureSpec(
        "source_good_label",
        +1,
        "source_record",
        "source",
        True,
        "how well the best reputation label weighs (0..1, e.g. high_factuality)",
    ),
    FeatureSpec(
        "fundraising",
        -1,
        "fundraising_appeal",
        "fundraising",
        False,
        "log(1 + appeals for money inside the story)",
    ),
    FeatureSpec(
        "neutrality_boilerplate",
        -1,
        "neutrality_boilerplate",
        "self_promotion",
        False,
        "log(1 + claims of the outlet's own independence or neutrality)",
    ),
    FeatureSpec(
        "manipulative_wording",
        -1,
        "manipulative_wording",
        "propaganda",
        False,
        "distinct loaded or propaganda spans in the outlet's own voice per 100 words (cap 5)",
    ),
    FeatureSpec(
        "propaganda_sentences",
        -1,
        "propaganda_sentences",
        "propaganda",
        False,
        "sum over sentences of 2 x (p - 0.5) where p > 0.5, per sentence",
    ),
    FeatureSpec(
        "missing_byline",
        -1,
        "missing_byline",
        "sourcing",
        False,
        "1 when no author is named",
    ),
    FeatureSpec(
        "attribution",
        +1,
        "attribution",
        "sourcing",
        False,
        "share of factual sentences that name their source, minus 0.5 (0 when too few)",
    ),
    FeatureSpec(
        "anonymous_sources",
        -1,
        "anonymous_sources",
        "sourcing",
        False,
        "log(1 + claims resting on unnamed sources)",
    ),
    FeatureSpec(
        "clickbait_headline",
        -1,
        "clickbait_headline",
        "headline",
        False,
        "the clickbait probability of the headline when flagged (>= 0.5), else 0",
    ),
    FeatureSpec(
        "hyperpartisan_tone",
        -1,
        "hyperpartisan_tone",
        "tone",
        False,
        "hyperpartisan probability minus 0.5 (negative: a measured tone raises the score)",
    ),
    FeatureSpec(
        "reporting_style",
        +1,
        "reporting_style",
        "tone",
        False,
        "the reporting-style model's output: 10 x (the outlet rating its wording suggests - "
        "0.55), clipped to -4..4",
    ),
    FeatureSpec(
        "encoding_damage",
        -1,
        "encoding_damage",
        "text_quality",
        False,
        "log(1 + passages of garbled characters)",
    ),
    FeatureSpec(
        "shouting_capitals",
        -1,
        "shouting_capitals",
        "text_quality",
        False,
        "log(1 + passages in capitals, own voice)",
    ),
    FeatureSpec(
        "exclamations",
        -1,
        "exclamations",
        "text_quality",
        False,
        "log(1 + findings of overused exclamation marks, own voice)",
    ),
)
NAMES: tuple[str, ...] = tuple(s.name for s in SPECS)
DIRECTIONS: tuple[int, ...] = tuple(s.direction for s in SPECS)
SOURCE_FEATURES: tuple[int, ...] = tuple(i for i, s in enumerate(SPECS) if s.source)
BY_NAME: dict[str, FeatureSpec] = {s.name: s for s in SPECS}


@dataclass
class Features:
    """One article's feature values and, per feature, the findings (indices) it rests on."""

    values: list[float]
    findings: list[list[int]]
    notes: list[str]  # per feature: what the number came from, for the explanation

    def as_dict(self) -> dict[str, float]:
        return dict(zip(NAMES, self.values, strict=True))


def own_voice(f: Finding) -> bool:
    return (f.evidence or {}).get("voice") not in NOT_OWN_VOICE


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def extract(findings: Sequence[Finding], doc: Document) -> Features:
    """Feature values of one report (indices refer to `findings`)."""
    return extract_counts(findings, doc.word_count, len(doc.sentences))


def extract_counts(findings: Sequence[Finding], word_count: int, sentences: int) -> Features:
    """`extract` from the two document figures it needs (a cached report keeps just these)."""
    values = dict.fromkeys(NAMES, 0.0)
    used: dict[str, list[int]] = {n: [] for n in NAMES}
    notes: dict[str, str] = dict.fromkeys(NAMES, "")
    counts: dict[str, int] = dict.fromkeys(NAMES, 0)
    wording_spans: list[tuple[int, int]] = []
    sentence_weight = 0.0
    n_sentences = max(sentences, 1)
    words = max(word_count, 1)

    for i, f in enumerate(findings):
        ev = f.evidence or {}
        cat, label = f.category, f.label
        if f.start is not None and not own_voice(f):
            continue
        if cat == "source":
            rating = ev.get("rating")
            if isinstance(rating, int | float) and not isinstance(rating, bool):
                values["source_rating"] = 2.0 * (float(rating) - 0.5)
                used["source_rating"].append(i)
                notes["source_rating"] = str(ev.get("rating_reason") or f"rating {rating:.2f}")
            labels = [lab for lab in (ev.get("labels") or [label]) if lab in EFFECT]
            bad = [-EFFECT[lab] for lab in labels if EFFECT[lab] < 0]
            good = [EFFECT[lab] for lab in labels if EFFECT[lab] > 0]
            if bad:
                values["source_bad_label"] = max(bad)
                used["source_bad_label"].append(i)
                notes["source_bad_label"] = ", ".join(labels)
            if good:
                values["source_good_label"] = max(good)
                used["source_good_label"].append(i)
                notes["source_good_label"] = ", ".join(labels)
        elif cat == "fundraising":
            counts["fundraising"] += 1
            used["fundraising"].append(i)
        elif cat == "self_promotion":
            counts["neutrality_boilerplate"] += 1
            used["neutrality_boilerplate"].append(i)
        elif cat == "propaganda" and label == "propaganda_sentence":
            if f.score > 0.5:
                sentence_weight += 2.0 * (f.score - 0.5)
                used["propaganda_sentences"].append(i)
        elif cat == "propaganda" and f.start is not None and f.end is not None:
            wording_spans.append((f.start, f.end))
            used["manipulative_wording"].append(i)
        elif cat == "sourcing" and label == "missing_byline":
            values["missing_byline"] = 1.0
            used["missing_byline"].append(i)
        elif cat == "sourcing" and label in {
            "well_attributed",
            "partly_attributed",
            "poorly_attributed",
        }:
            share = ev.get("share")
            if isinstance(share, int | float):
                values["attribution"] = float(share) - 0.5
                used["attribution"].append(i)
                notes["attribution"] = (
                    f"{ev.get('attributed')} of {ev.get('factual')} factual sentences"
                )
        elif cat == "sourcing" and label == "anonymous_source":
            counts["anonymous_sources"] += 1
            used["anonymous_sources"].append(i)
        elif cat == "headline" and label == "clickbait":
            values["clickbait_headline"] = max(values["clickbait_headline"], f.score)
            used["clickbait_headline"].append(i)
        elif cat == "tone" and label == "hyperpartisan":
            values["hyperpartisan_tone"] = f.score - 0.5
            used["hyperpartisan_tone"].append(i)
        elif cat == "tone" and label == "reporting_style":
            logit = ev.get("logit")
            if isinstance(logit, int | float):
                values["reporting_style"] = max(-STYLE_CLIP, min(STYLE_CLIP, float(logit)))
                used["reporting_style"].append(i)
                notes["reporting_style"] = f"it suggests an outlet rated {f.score:.2f} of 1"
        elif cat == "text_quality" and label in {"encoding_repaired", "mojibake"}:
            counts["encoding_damage"] += 1
            used["encoding_damage"].append(i)
        elif cat == "text_quality" and label == "shouting_caps":
            counts["shouting_capitals"] += 1
            used["shouting_capitals"].append(i)
        elif cat == "text_quality" and label == "excessive_exclamation":
            counts["exclamations"] += 1
            used["exclamations"].append(i)

    for name, n in counts.items():
        if n:
            values[name] = math.log1p(n)
            notes[name] = _times(n)
    n_spans = distinct_spans(wording_spans)
    if n_spans:
        density = 100.0 * n_spans / words
        values["manipulative_wording"] = min(WORDING_DENSITY_CAP, density)
        notes["manipulative_wording"] = (
            f"{n_spans} phrases in {words} words ({density:.1f} per 100 words)"
        )
    if sentence_weight:
        values["propaganda_sentences"] = sentence_weight / n_sentences
        notes["propaganda_sentences"] = (
            f"{len(used['propaganda_sentences'])} of {n_sentences} sentences"
        )
    return Features(
        values=[values[n] for n in NAMES],
        findings=[used[n] for n in NAMES],
        notes=[notes[n] for n in NAMES],
    )
