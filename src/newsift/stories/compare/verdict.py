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
from newsift.stories.compare.terms import TITLE_WORDS

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


# Capitalised words that are not names, or not the distinctive part of one: titles and ranks
# ("Sen", "Gov"), weekdays and months.
_NOT_NAME_TEXT = """
    st the monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec
    """
NOT_NAME_WORDS = TITLE_WORDS | frozenset(_NOT_NAME_TEXT.split())
_POSSESSIVE = re.compile(r"['’]s$")
_RUN = re.compile(r"[A-Z][\w'’\-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+|for[ \t]+)?[A-Z][\w'’\-]*)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def _mentions(word: str, haystack: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_plain(word))}(?!\w)", haystack) is not None


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` is the words' prefixes run together, each word giving at least its
    initial: NATO for North Atlantic Treaty Organization, CENTCOM for Central Command."""
    if not acronym:
        return not words
    if not words:
        return False
    word = words[0].lower()
    return any(
        _abbreviates(acronym[n:], words[1:])
        for n in range(1, min(len(word), len(acronym)) + 1)
        if acronym[:n] == word[:n]
    )


def _spelt_out(acronym: str, text: str) -> bool:
    """Whether some run of capitalised words of `text` is what `acronym` abbreviates."""
    for run in _RUN.finditer(text):
        words = [w for w in run.group().split() if w.lower() not in {"of", "the", "for"}]
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                if _abbreviates(acronym.lower(), words[start:end]):
                    return True
    return False


def _abbreviated(words: list[str], text: str) -> bool:
    """Whether `text` has an acronym for `words` ("Central Command" -> CENTCOM)."""
    return any(_abbreviates(a.group().lower(), words) for a in _ACRONYM.finditer(text))


def name_present(name: str, outlet_text: str) -> bool | None:
    """Whether the outlet names `name`, allowing its variants: its last distinctive word
    (a surname: "Brown" for Mike or Michael Brown; "Post" for the NY Post), its acronym spelt
    out or its words abbreviated. None when `name` is no name at all (a title, a weekday)."""
    words = [_POSSESSIVE.sub("", w) for w in name.split()]
    distinctive = [w for w in words if _plain(w) not in NOT_NAME_WORDS]
    if not distinctive:
        return None
    haystack = _plain(outlet_text)
    if _mentions(" ".join(words), haystack):
        return True
    if len(distinctive) > 1 and _mentions(distinctive[-1], haystack):
        return True
    plain = name.replace(".", "")
    if plain.isupper() and len(plain) > 1:
        return _spelt_out(plain, outlet_text)
    return len(distinctive) > 1 and _abbreviated(distinctive, outlet_text)


def missing_names(claim: str, outlet_text: str) -> list[str]:
    """The names of `claim` that `outlet_text` (all the outlet's articles) never mentions, in
    any of their variants (name_present)."""
    return [name for name in find_entities(claim) if name_present(name, outlet_text) is False]


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
