"""Whether an outlet supports a claim, disputes it or is silent: a sentence-level rule on top
of the stance model.

The stance model (newsift.detectors.stance, trained on FNC-1 headline-body pairs) reads the claim
as the headline and the outlet's best-matching sentence as the body. On single sentences it
tells "agree" from "discuss" poorly (a paraphrase gets either) and rarely says "disagree", so
the rule takes from it only what it is good at, and adds what it cannot see:

1. disputes a figure of the claim conflicts with the outlet's figure for the same quantity, in
            its best-matching sentence or in another sentence near the claim
            (matching.RELATED_THRESHOLD): the toll is often given in a sentence of its own;
2. silent   no sentence of the outlet reaches the matching threshold;
3. disputes the stance model says "disagree" (a denial, a refutation);
4. silent   the model says "unrelated", or a name the claim asserts ("the US-backed militia")
            is nowhere in that outlet's articles: the outlet reports the event, not this claim;
5. supports otherwise (the model's "agree" or "discuss": the outlet reports the same thing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.detectors.claims.checkable import find_entities
from newsift.detectors.stance.inference import StanceResult, default_model, predict_pairs
from newsift.stories.compare.figures import conflicts, conflicts_among, describe
from newsift.stories.compare.matching import Match, Sentence

SUPPORTS, DISPUTES, SILENT = "supports", "disputes", "silent"
VERDICTS = (SUPPORTS, DISPUTES, SILENT)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    conflict: str | None  # the figures that disagree, described
    note: str | None  # why, when the figures do not say it
    evidence: Sentence | None = None  # the sentence it rests on, when not the best match


def _plain(text: str) -> str:
    """Lower case without dots, so "U.S." finds "US"."""
    return text.lower().replace(".", "")


def missing_names(claim: str, outlet_text: str) -> list[str]:
    """The names of `claim` that `outlet_text` (all the outlet's articles) never mentions."""
    haystack = _plain(outlet_text)
    return [
        name
        for name in find_entities(claim)
        if not re.search(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", haystack)
    ]


def judge(claim: str, match: Match, stance: StanceResult | None, outlet_text: str) -> Verdict:
    """The verdict of one outlet on one claim, from its best sentence and the model's stance."""
    if match.sentence is not None:
        conflict = describe(conflicts(claim, match.sentence.text), match.outlet)
        if conflict:
            return Verdict(DISPUTES, conflict, None)
    elsewhere = _conflict_elsewhere(claim, match)
    if elsewhere:
        return elsewhere
    if match.sentence is None or stance is None:
        return Verdict(SILENT, None, "no sentence reports it")
    if stance.label == "disagree":
        return Verdict(DISPUTES, None, f"stance model: disagree (p={stance.score:.2f})")
    if stance.label == "unrelated":
        return Verdict(SILENT, None, f"stance model: unrelated (p={stance.score:.2f})")
    missing = missing_names(claim, outlet_text)
    if missing:
        return Verdict(SILENT, None, "does not name " + ", ".join(f'"{n}"' for n in missing))
    return Verdict(SUPPORTS, None, None)


def _conflict_elsewhere(claim: str, match: Match) -> Verdict | None:
    """Disputes, when the outlet's sentences near the claim give its figure otherwise."""
    others = [s for s in match.related if s != match.sentence]
    found = conflicts_among(claim, [s.text for s in others])
    if not found:
        return None
    mine, theirs, text = found[0]
    sentence = next(s for s in others if s.text == text)
    return Verdict(DISPUTES, describe([(mine, theirs)], match.outlet), None, sentence)


def stances(claims: Sequence[str], matches: Sequence[Match]) -> list[StanceResult | None]:
    """The stance of each match's sentence toward its claim, batched; None where no match."""
    wanted = [i for i, m in enumerate(matches) if m.sentence is not None]
    results = predict_pairs(
        default_model(),
        [claims[i] for i in wanted],
        [matches[i].sentence.text for i in wanted],  # type: ignore[union-attr]
    )
    out: list[StanceResult | None] = [None] * len(matches)
    for i, result in zip(wanted, results, strict=True):
        out[i] = result
    return out
