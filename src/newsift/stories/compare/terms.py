"""The terms claim matching compares, on top of the story representation's (represent.story_terms).

A claim's assertion is its predicate, not its attribution or page furniture, so for matching a
claim to a sentence:

- page boilerplate ("Sign up for our newsletter", "Once registered, you can:") is cut from the
  text before its terms are counted: segmenters glue it to real sentences;
- attribution words and speech verbs ("told", "according", "spokesman", "statement") do not
  count: two statements of one spokesman share them and nothing else;
- a sentence matches only when it shares with the claim at least one assertion word
  (`assertion_words`, `shares_assertion`): a content word, written in lower case by at least one
  of the two, that is not a figure word ("million", "aged"), a time word ("Wednesday",
  "afternoon") or attribution. Sharing only the names (the same people,
  another statement) or only a side figure (an age, "25") is not reporting the claim.

Story assignment keeps represent.story_terms unchanged; these choices are claim matching's only.
"""

from __future__ import annotations

import re
from collections import Counter
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
NOT_ASSERTION = ATTRIBUTION_WORDS | FIGURE_WORDS | TIME_WORDS

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
HEADLINE_CASE = 0.6  # share of capitalised words above which capitals do not mark names


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

    lower: frozenset[str]  # written in lower case (or in a headline-cased text): content words
    capitalised: frozenset[str]  # written capitalised only: a name, or a glued title's word


def assertion_words(text: str) -> AssertionWords:
    """The content words of `text` (no stop, attribution, figure or time words), split into
    those written in lower case and those only capitalised. In a headline-cased text capitals do
    not mark names, so all its words count as lower case."""
    words = [
        w
        for w in _words(strip_boilerplate(text))
        if len(w) > 2 and w.lower() not in STOP_WORDS and w.lower() not in NOT_ASSERTION
    ]
    headline = bool(words) and sum(w[0].isupper() for w in words) / len(words) > HEADLINE_CASE
    lower = frozenset(w.lower()[:WORD_PREFIX] for w in words if headline or not w[0].isupper())
    capitalised = frozenset(w.lower()[:WORD_PREFIX] for w in words) - lower
    return AssertionWords(lower, capitalised)


def shares_assertion(claim: AssertionWords, sentence: AssertionWords) -> bool:
    """Whether the two share a content word that at least one writes in lower case: a name is
    capitalised in both ("Modi", "City Hall"), a word of a glued title ("Cover Scrapped") is
    lower case in the other text."""
    return not (
        claim.lower.isdisjoint(sentence.lower | sentence.capitalised)
        and claim.capitalised.isdisjoint(sentence.lower)
    )
