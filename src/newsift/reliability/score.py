"""Findings -> Reliability with the learned combiner: the score, its band and per-signal points."""

from __future__ import annotations

from collections.abc import Sequence

from newsift import scoring
from newsift.document import Document
from newsift.findings import Contribution, Finding, Reliability
from newsift.reliability.features import BY_NAME, NAMES, Features, extract
from newsift.reliability.model import METHOD, ReliabilityModel, shipped

# The detectors learned-v1 was built on: their findings reach the score through its features
# (or, like stance's, are left out of it on purpose). Any other detector's findings, a new
# built-in one's included, are listed at 0 points until the combiner is retrained with them.
BUILT_ON = frozenset(
    {
        "source",
        "text_quality",
        "fundraising",
        "neutrality_claim",
        "attribution",
        "clickbait",
        "propaganda",
        "stance",
        "claims",
        "hyperpartisan",
        "style",
    }
)


def _explain(signal: str, points: float, feats: dict[str, tuple[float, str]], doc: Document) -> str:
    """One sentence a reader can check against the findings the contribution lists."""
    up = points > 0
    value, note = feats.get(signal, (0.0, ""))
    where = doc.domain or "the publisher"
    if signal == "source_record":
        rating = feats.get("source_rating", (0.0, ""))[1]
        labels = (
            feats.get("source_bad_label", (0.0, ""))[1]
            or feats.get("source_good_label", (0.0, ""))[1]
        )
        parts = [
            f"domain-quality rating: {rating}" if rating else "",
            f"labels: {labels}" if labels else "",
        ]
        detail = "; ".join(p for p in parts if p)
        verb = "raises" if up else "lowers"
        return f"The record of {where} {verb} trust ({detail})."
    if signal == "attribution":
        if up:
            return f"Factual statements name their source ({note})."
        return f"Few factual statements say where they come from ({note})."
    if signal == "hyperpartisan_tone":
        p = value + 0.5
        if up:
            return f"The tone is measured, not hyperpartisan (probability {p:.2f})."
        return f"The article reads as hyperpartisan (probability {p:.2f})."
    if signal == "reporting_style":
        from newsift.detectors.style.detector import rating_of, reading

        # The finding's own reading: "leans toward" between the cut-offs, "reads like" beyond.
        return f"The wording {reading(rating_of(value))} ({note}; see the words listed)."
    if signal == "clickbait_headline":
        return f"The headline reads like clickbait (probability {value:.2f})."
    if signal == "missing_byline":
        return "No author is named, so nobody is accountable for the story."
    if signal == "fundraising_appeal":
        return f"The article asks readers for money {note} inside the story."
    if signal == "neutrality_boilerplate":
        return f"The outlet proclaims its own independence or lack of bias {note}."
    if signal == "manipulative_wording":
        return f"Loaded, emotive or propaganda phrases in the outlet's own voice: {note}."
    if signal == "propaganda_sentences":
        return f"Sentences that read like propaganda: {note}."
    if signal == "anonymous_sources":
        return f"Claims rest on unnamed sources {note}."
    if signal == "encoding_damage":
        return f"Garbled characters {note}, a sign of careless publishing."
    if signal == "shouting_capitals":
        return f"Passages shout in capital letters {note}."
    if signal == "exclamations":
        return f"Exclamation marks are overused ({note})."
    return BY_NAME[signal].meaning if signal in BY_NAME else signal


def _unscored(findings: Sequence[Finding]) -> list[Contribution]:
    """0-point contributions listing the findings of detectors learned-v1 was not built on
    (instances handed to the Analyzer, plug-ins, a new capability): it has no weight for them
    until it is retrained with them as features, but the reader still sees that they were
    found."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(findings):
        if f.detector in BUILT_ON:
            continue
        if (f.evidence or {}).get("voice") in scoring.NOT_OWN_VOICE:
            continue
        groups.setdefault((f.detector, f.category, f.label), []).append(i)
    return [
        Contribution(
            signal=f"{category}:{label}",
            category=category,
            points=0.0,
            explanation=(
                f"{len(rows)} finding(s) from the detector {detector!r}, which {METHOD} does "
                "not weigh yet."
            ),
            findings=rows,
        )
        for (detector, category, label), rows in sorted(groups.items())
    ]


def from_features(
    features: Features,
    findings: Sequence[Finding],
    doc: Document,
    model: ReliabilityModel | None = None,
) -> Reliability:
    model = model or shipped()
    raw_score, per_feature = model.points(features)
    baseline = round(model.baseline, 2)
    final = round(raw_score, 2)

    # Features of one signal (the three source features) are reported together.
    by_signal: dict[str, float] = {}
    rests_on: dict[str, list[int]] = {}
    for name, pts in per_feature.items():
        if abs(pts) < 1e-9:
            continue
        signal = BY_NAME[name].signal
        by_signal[signal] = by_signal.get(signal, 0.0) + pts
        k = NAMES.index(name)
        rests_on.setdefault(signal, []).extend(features.findings[k])
    signals = sorted(by_signal)
    target = round((final - baseline) * 100)
    hundredths = scoring._to_hundredths([by_signal[s] for s in signals], target)

    feats = {
        n: (v, note) for n, v, note in zip(NAMES, features.values, features.notes, strict=True)
    }
    for name in NAMES:  # signals named after their feature
        feats.setdefault(BY_NAME[name].signal, feats[name])
    contributions = [
        Contribution(
            signal=s,
            category=BY_NAME[next(n for n in NAMES if BY_NAME[n].signal == s)].category,
            points=h / 100.0,
            explanation=_explain(s, h / 100.0, feats, doc),
            findings=sorted(set(rests_on[s])),
        )
        for s, h in zip(signals, hundredths, strict=True)
        if h != 0
    ]
    contributions.sort(key=lambda c: (-abs(c.points), c.signal))
    n_scored = len(contributions)
    contributions += _unscored(findings)
    total = (round(baseline * 100) + sum(hundredths)) / 100.0
    return Reliability(
        score=total,
        band=scoring._band(total),
        confidence=scoring._confidence(findings, doc, n_scored),
        baseline=baseline,
        contributions=contributions,
        method=METHOD,
    )


def score(
    findings: Sequence[Finding], doc: Document, model: ReliabilityModel | None = None
) -> Reliability:
    """Reliability of `doc` from its findings with the learned combiner."""
    return from_features(extract(findings, doc), findings, doc, model)
