"""The terms claim matching compares, on top of the story representation's (represent.story_terms).

A claim's assertion is its predicate, not its attribution or page furniture, so for matching a
claim to a sentence:

- page boilerplate ("Sign up for our newsletter", "Once registered, you can:") is cut from the
  text before its terms are counted: segmenters glue it to real sentences;
- attribution words and speech verbs ("told", "according", "spokesman", "statement") do not
  count: two statements of one spokesman share them and nothing else;
- a sentence matches only when it shares with the claim at least one assertion word
  (`assertion_words`, `shares_assertion`): a content word that the story writes in lower case
  somewhere (so not a name), and not a figure word ("million", "aged"), a time word
  ("Wednesday", "afternoon"), a title ("Prime Minister") or attribution. Sharing only the
  names (the same people, another statement) or only a side figure (an age, "25") is not
  reporting the claim.

Story assignment keeps represent.story_terms unchanged; these choices are claim matching's only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsift.detectors.stance.word_lists import STOP_WORDS
from newsift.stories.represent import WORD_PREFIX, story_terms

_ATTRIBUTION_TEXT = """
    told tell tells telling according reported reports report reporting reportedly reporter
    reporters statement statements spokesman spokeswoman spokesperson spokespeople announced
    announces announcing announcement added adding saying quoted quoting quote claimed claiming
    stated stating wrote writes writing tweet tweeted tweets interview interviews briefing
    official officials officially source sources news press conference media agency comment
    comments commented message asked cited citing noted explained confirmed confirms
    """
ATTRIBUTION_WORDS = frozenset(_ATTRIBUTION_TEXT.split())
# A figure's words: sharing only "thousands of dollars" or an age is a side fact.
_FIGURE_TEXT = """
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions billion billions trillion dozen dozens
    percent cent per dollars dollar pounds euros cents aged old
    """
FIGURE_WORDS = frozenset(_FIGURE_TEXT.split())
_TIME_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday january february april
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec today yesterday tomorrow tonight morning afternoon evening night week weekend
    earlier later ago
    """
TIME_WORDS = frozenset(_TIME_TEXT.split())
# Titles and ranks say who, not what: "Prime Minister Modi" asserts nothing.
_TITLE_TEXT = """
    mr mrs ms dr sen senator rep gov governor president vice prime minister secretary
    chancellor king queen prince princess sir lord lady pope judge justice mayor chief
    commissioner inspector det detective officer sgt sergeant lt lieutenant col colonel gen
    general capt captain cpl corporal adm admiral
    """
TITLE_WORDS = frozenset(_TITLE_TEXT.split())
NOT_ASSERTION = ATTRIBUTION_WORDS | FIGURE_WORDS | TIME_WORDS | TITLE_WORDS

# Page furniture, up to the end of its clause: cut before terms are counted.
BOILERPLATE = re.compile(
    r"(?:sign(?:ing)?\s+up\s+(?:for|to)\b|subscribe\s+(?:to|now)\b|our\s+newsletters?\b|"
    r"once\s+registered\b|click\s+here\b|read\s+more\b|related\s*:|follow\s+us\b|"
    r"all\s+rights\s+reserved\b|you\s+have\s+reached\s+the\s+limit\b|free\s+access\b|"
    r"advertisement\b)[^.:;!?]*[.:;!?]?",
    re.IGNORECASE,
)
# The word tokens of represent.story_terms (copied: that module belongs to story assignment).
_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*|\d[\d.,]*\d|\d")


def strip_boilerplate(text: str) -> str:
    return BOILERPLATE.sub(" ", text)


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if not t[0].isdigit()]


def claim_terms(text: str) -> Counter[str]:
    """story_terms of `text` without its boilerplate and its attribution words."""
    text = strip_boilerplate(text)
    terms = story_terms(text)
    for word in _words(text):
        lower = word.lower()
        if lower in ATTRIBUTION_WORDS:
            key = "w:" + lower[:WORD_PREFIX]
            if terms.get(key, 0) > 1:
                terms[key] -= 1
            else:
                terms.pop(key, None)
    return terms


@dataclass(frozen=True)
class AssertionWords:
    """The word prefixes of a text that can carry its assertion, by how they were written."""

    lower: frozenset[str]  # written in lower case: content words
    capitalised: frozenset[str]  # only capitalised here: a name, or a word of a title


def assertion_words(text: str) -> AssertionWords:
    """The content words of `text` (no stop, attribution, figure, time or title words), split
    into those it writes in lower case and those it only capitalises."""
    words = [
        w
        for w in _words(strip_boilerplate(text))
        if len(w) > 2 and w.lower() not in STOP_WORDS and w.lower() not in NOT_ASSERTION
    ]
    lower = frozenset(w.lower()[:WORD_PREFIX] for w in words if not w[0].isupper())
    capitalised = frozenset(w.lower()[:WORD_PREFIX] for w in words) - lower
    return AssertionWords(lower, capitalised)


def lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    """The word prefixes some text of the story writes in lower case."""
    return frozenset(w for text in texts for w in assertion_words(text).lower)


def shares_assertion(
    claim: AssertionWords, sentence: AssertionWords, story_lower: frozenset[str] = frozenset()
) -> bool:
    """Whether the two share a content word that is written in lower case in one of them or
    elsewhere in the story (`story_lower`): a name is never ("Modi", "Aliyev"); a title's
    capitalised word ("Turkeys Infected") is, in the other texts."""
    known = claim.lower | sentence.lower | story_lower
    mine = claim.lower | (claim.capitalised & known)
    theirs = sentence.lower | (sentence.capitalised & known)
    return not mine.isdisjoint(theirs)
