"""Which rules-v0 signal each finding feeds: the RULES table, and the grouping of findings into
signals (informational findings and other voices left out, unknown kinds listed at 0 points)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from newsift.document import Document
from newsift.findings import Finding
from newsift.scoring.points import INFORMATIONAL_CATEGORIES, INFORMATIONAL_LABELS, NOT_OWN_VOICE
from newsift.scoring.signals import (
    Indexed,
    _anonymous,
    _attribution,
    _caps,
    _clickbait,
    _encoding,
    _exclamations,
    _fundraising,
    _hyperpartisan,
    _missing_byline,
    _neutrality,
    _propaganda_sentences,
    _Signal,
    _source,
    _wording,
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
