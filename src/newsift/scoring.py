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
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsift.document import Document
from newsift.findings import Band, Contribution, Finding, Reliability

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


@dataclass
class _Signal:
    name: str
    category: str
    points: float
    explanation: str
    findings: list[int]


Indexed = list[tuple[int, Finding]]


def _capped(n: int, first: float, each: float, cap: float) -> float:
    """first for one finding, `each` for every further one, never beyond `cap` (negative)."""
    return max(cap, first + each * (n - 1)) if n else 0.0


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


# -- one function per signal: (findings of the group, doc) -> _Signal | None ---------------------


def _source(group: Indexed, doc: Document) -> _Signal | None:
    labels: list[str] = []
    for _, f in group:
        labels.extend((f.evidence or {}).get("labels") or [f.label])
    weights = [SOURCE_POINTS[lab] for lab in dict.fromkeys(labels) if lab in SOURCE_POINTS]
    if not weights:
        return None
    worst, best = min([0.0, *weights]), max([0.0, *weights])
    points = min(SOURCE_RANGE[1], max(SOURCE_RANGE[0], worst + best))
    where = doc.domain or (group[0][1].evidence or {}).get("domain") or "the publisher"
    known = [lab for lab in dict.fromkeys(labels) if lab in SOURCE_POINTS]
    return _Signal(
        "source_record",
        "source",
        points,
        f"Reputation lists label {where} as {', '.join(known)}.",
        [i for i, _ in group],
    )


def _fundraising(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "fundraising_appeal",
        "fundraising",
        _capped(n, FUNDRAISING_FIRST, FUNDRAISING_EACH, FUNDRAISING_CAP),
        f"The article asks readers for money {_times(n)} inside the story, which news "
        "reports do not do.",
        [i for i, _ in group],
    )


def _neutrality(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "neutrality_boilerplate",
        "self_promotion",
        _capped(n, NEUTRALITY_FIRST, NEUTRALITY_EACH, NEUTRALITY_CAP),
        f"The outlet proclaims its own independence or lack of bias {_times(n)}; reliable "
        "reporting shows this through sourcing instead.",
        [i for i, _ in group],
    )


def distinct_spans(spans: Sequence[tuple[int, int]]) -> int:
    """Spans counted once however many detectors flag overlapping text."""
    count, last_end = 0, -1
    for start, end in sorted(spans):
        if start >= last_end:
            count += 1
            last_end = end
        else:
            last_end = max(last_end, end)
    return count


def _wording(group: Indexed, doc: Document) -> _Signal | None:
    n = distinct_spans([(f.start, f.end) for _, f in group if f.start is not None])
    if not n:
        return None
    words = max(doc.word_count, 1)
    density = 100.0 * n / words
    return _Signal(
        "manipulative_wording",
        "propaganda",
        max(WORDING_CAP, WORDING_PER_100_WORDS * density),
        f"{n} loaded, emotive or propaganda phrases in {words} words "
        f"({density:.1f} per 100 words).",
        [i for i, _ in group],
    )


def _propaganda_sentences(group: Indexed, doc: Document) -> _Signal | None:
    weight = sum(max(0.0, 2.0 * (f.score - 0.5)) for _, f in group)
    n_sentences = max(len(doc.sentences), 1)
    if weight <= 0:
        return None
    return _Signal(
        "propaganda_sentences",
        "propaganda",
        max(PROPAGANDA_SENTENCE_CAP, PROPAGANDA_SENTENCE_RATE * weight / n_sentences),
        f"{len(group)} of {n_sentences} sentences read like propaganda.",
        [i for i, _ in group],
    )


def _missing_byline(group: Indexed, doc: Document) -> _Signal:
    return _Signal(
        "missing_byline",
        "sourcing",
        MISSING_BYLINE,
        "No author is named, so nobody is accountable for the story.",
        [i for i, _ in group],
    )


def _attribution(group: Indexed, doc: Document) -> _Signal | None:
    i, f = group[0]
    ev = f.evidence or {}
    detail = (
        f" ({ev['attributed']} of {ev['factual']} factual sentences)"
        if "attributed" in ev and "factual" in ev
        else ""
    )
    if f.label == "well_attributed":
        return _Signal(
            "attribution",
            "sourcing",
            WELL_ATTRIBUTED,
            f"Most factual statements name their source{detail}.",
            [i],
        )
    return _Signal(
        "attribution",
        "sourcing",
        POORLY_ATTRIBUTED,
        f"Few factual statements say where they come from{detail}.",
        [i],
    )


def _anonymous(group: Indexed, doc: Document) -> _Signal:
    n = len(group)
    return _Signal(
        "anonymous_sources",
        "sourcing",
        max(ANONYMOUS_CAP, ANONYMOUS_EACH * n),
        f"Claims rest on unnamed sources {_times(n)} (e.g. “sources say”).",
        [i for i, _ in group],
    )


def _clickbait(group: Indexed, doc: Document) -> _Signal:
    p = max(f.score for _, f in group)
    return _Signal(
        "clickbait_headline",
        "headline",
        CLICKBAIT_WEIGHT * p,
        f"The headline reads like clickbait (probability {p:.2f}).",
        [i for i, _ in group],
    )


def _hyperpartisan(group: Indexed, doc: Document) -> _Signal | None:
    p = max(f.score for _, f in group)
    if p <= 0.5:
        return None
    return _Signal(
        "hyperpartisan_tone",
        "tone",
        HYPERPARTISAN_WEIGHT * 2.0 * (p - 0.5),
        f"The article reads as hyperpartisan (probability {p:.2f}).",
        [i for i, _ in group],
    )


def _per_finding(
    name: str, category: str, each: float, cap: float, what: str
) -> Callable[[Indexed, Document], _Signal]:
    def rule(group: Indexed, doc: Document) -> _Signal:
        n = len(group)
        return _Signal(name, category, max(cap, each * n), what.format(n=n), [i for i, _ in group])

    return rule


_encoding = _per_finding(
    "encoding_damage",
    "text_quality",
    ENCODING_EACH,
    ENCODING_CAP,
    "The text had {n} passage(s) of garbled characters, a sign of careless publishing.",
)
_caps = _per_finding(
    "shouting_capitals",
    "text_quality",
    CAPS_EACH,
    CAPS_CAP,
    "{n} passage(s) shout in capital letters.",
)
_exclamations = _per_finding(
    "exclamations",
    "text_quality",
    EXCLAMATION_EACH,
    EXCLAMATION_CAP,
    "Exclamation marks are overused ({n} finding(s)).",
)

# (category, label or None for any label) -> rule. Looked up label-first, then category-wide.
RULES: dict[tuple[str, str | None], Callable[[Indexed, Document], _Signal | None]] = {
    ("source", None): _source,
    ("fundraising", None): _fundraising,
    ("self_promotion", None): _neutrality,
    ("propaganda", "propaganda_sentence"): _propaganda_sentences,
    ("propaganda", None): _wording,
    ("sourcing", "missing_byline"): _missing_byline,
    ("sourcing", "well_attributed"): _attribution,
    ("sourcing", "poorly_attributed"): _attribution,
    ("sourcing", "anonymous_source"): _anonymous,
    ("headline", "clickbait"): _clickbait,
    ("tone", "hyperpartisan"): _hyperpartisan,
    ("text_quality", "encoding_repaired"): _encoding,
    ("text_quality", "mojibake"): _encoding,
    ("text_quality", "shouting_caps"): _caps,
    ("text_quality", "excessive_exclamation"): _exclamations,
}


def _rule_key(f: Finding) -> tuple[str, str | None] | None:
    """The RULES key a finding belongs to; None when it is informational, or when it is not
    in the outlet's own voice (quoted speech, page furniture: evidence["voice"])."""
    if (f.evidence or {}).get("voice") in NOT_OWN_VOICE:
        return None
    if f.category in INFORMATIONAL_CATEGORIES or (f.category, f.label) in INFORMATIONAL_LABELS:
        return None
    if (f.category, f.label) in RULES:
        return (f.category, f.label)
    if f.category == "propaganda" and f.start is None:
        return (f.category, f.label)  # wording density counts spans only; list the rest
    if (f.category, None) in RULES:
        return (f.category, None)
    return (f.category, f.label)  # unrecognised: listed with 0 points


def _signals(findings: Sequence[Finding], doc: Document) -> list[_Signal]:
    groups: dict[tuple[str, str | None], Indexed] = defaultdict(list)
    for i, f in enumerate(findings):
        key = _rule_key(f)
        if key is not None:
            groups[key].append((i, f))

    # Several keys may share one rule (e.g. both attribution labels, both encoding labels):
    # merge their findings so the rule runs once.
    by_rule: dict[object, Indexed] = {}
    unrecognised: list[_Signal] = []
    for key, group in groups.items():
        rule = RULES.get(key)
        if rule is None:
            category, label = key
            unrecognised.append(
                _Signal(
                    f"{category}:{label}",
                    category,
                    0.0,
                    f"{len(group)} finding(s) of a kind rules-v0 does not weigh yet.",
                    [i for i, _ in group],
                )
            )
            continue
        by_rule.setdefault(rule, []).extend(group)

    signals = [s for rule, group in by_rule.items() if (s := rule(group, doc)) is not None]
    return [s for s in signals if s.points != 0.0] + unrecognised


def _to_hundredths(values: Sequence[float], target: int) -> list[int]:
    """Round `values` (in points) to integer hundredths that sum exactly to `target`.

    Largest-remainder rounding: floor everything, then hand the missing hundredths to the
    values with the largest fractional parts.
    """
    scaled = [v * 100.0 for v in values]
    floors = [_floor(s) for s in scaled]
    missing = target - sum(floors)
    order = sorted(range(len(values)), key=lambda k: -(scaled[k] - floors[k]))
    for k in order[: max(missing, 0)]:
        floors[k] += 1
    for k in reversed(order[len(order) + min(missing, 0) :]):  # float noise the other way
        floors[k] -= 1
    return floors


def _floor(x: float) -> int:
    return math.floor(x + 1e-9)  # tolerate 0.1 + 0.2-style float noise


def _band(score: float) -> Band:
    if score >= RELIABLE_AT:
        return "reliable"
    if score < UNRELIABLE_BELOW:
        return "unreliable"
    return "mixed"


def _confidence(findings: Sequence[Finding], doc: Document, n_signals: int) -> float:
    """0..1: more text, a publisher on record and more independent signals mean more evidence."""
    length = min(doc.word_count / 400.0, 1.0)
    source_known = any(
        f.category == "source" and (f.category, f.label) not in INFORMATIONAL_LABELS
        for f in findings
    )
    value = 0.15 + 0.35 * length + 0.25 * source_known + 0.25 * min(n_signals / 5.0, 1.0)
    return round(min(value, 1.0), 2)


def score(findings: Sequence[Finding], doc: Document) -> Reliability:
    """Reliability of `doc` from its findings (indices in contributions index `findings`)."""
    signals = _signals(findings, doc)
    raw_delta = sum(s.points for s in signals)
    raw = BASELINE + raw_delta
    final = min(100.0, max(0.0, raw))
    factor = (final - BASELINE) / raw_delta if raw_delta and final != raw else 1.0

    target = round((final - BASELINE) * 100)
    hundredths = _to_hundredths([s.points * factor for s in signals], target)
    contributions = [
        Contribution(
            signal=s.name,
            category=s.category,
            points=h / 100.0,
            explanation=s.explanation,
            findings=s.findings,
        )
        for s, h in zip(signals, hundredths, strict=True)
    ]
    contributions.sort(key=lambda c: (-abs(c.points), c.signal))
    total = (round(BASELINE * 100) + sum(hundredths)) / 100.0
    return Reliability(
        score=total,
        band=_band(total),
        confidence=_confidence(findings, doc, len([s for s in signals if s.points])),
        baseline=BASELINE,
        contributions=contributions,
        method=METHOD,
    )
