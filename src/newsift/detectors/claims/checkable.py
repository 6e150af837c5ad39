"""Find the numbers, dates and named entities that make a sentence checkable.

Regular expressions and capitalisation heuristics only: no model download, fast, and good enough
to show a reader what a fact-checker would look up. Dates are found first; a number inside a
date ("2016" in "March 2016") is reported as part of the date, not again as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsift.text.textscan import CaselessPattern

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = CaselessPattern(
    rf"""
    \b(?=\w)(?:  # each date starts a word: tested once per position before the alternatives
    \b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:1[89]|20)\d\d)?\b   # March 3, 2016
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+(?:1[89]|20)\d\d)?\b  # 3 May
    | \b(?:{_MONTHS})\.?,?\s+(?:1[89]|20)\d\d\b                                 # March 2016
    | \b(?:1[89]|20)\d\d-\d\d-\d\d\b                                            # 2016-03-03
    | \b\d{{1,2}}/\d{{1,2}}/(?:\d\d)?\d\d\b                                     # 3/3/2016
    | \b(?:in|since|by|until|before|after|from|during|of)\s+(?:the\s+)?(?:1[89]|20)\d\d(?:s)?\b
    | \b(?:1[89]|20)\d0s\b                                                      # the 1990s
    | \b(?:last|next|this)\s+(?:week|month|year|decade|century|{_WEEKDAYS}|{_MONTHS})\b
    | \b(?:yesterday|today|tomorrow)\b
    | \b(?:on\s+)?(?:{_WEEKDAYS})\b
    )
    """,
    re.VERBOSE,
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|trillions|"
    "dozen|dozens|half|twice|double|triple|third|quarter|percent"
)
_SCALE = r"(?:\s*(?:%|percent|per\s+cent|percentage\s+points?|hundred|thousand|million|billion|trillion|bn|m|k)\b)?"  # noqa: E501
_NUMBER = CaselessPattern(
    rf"""
    (?=[$£€¥\w])(?:  # what every alternative starts with: most positions fail here at once
    [$£€¥]\s?\d[\d,]*(?:\.\d+)?{_SCALE}            # $3.5 billion
    | (?<![\w-])\d[\d,]*(?:\.\d+)?(?:%|{_SCALE})     # 12,000 / 4.5% / 30 percent (not F-35)
    | \b(?:(?:nearly|almost|about|over|more\s+than|less\s+than|some)\s+)?
       (?:(?:a|one)\s+)?(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}|a|of\s+a))*\b
    )
    """,
    re.VERBOSE,
)
# A single number word ("one", "half") is rarely a checkable figure on its own.
_WEAK_NUMBER = re.compile(rf"^(?:{_NUMBER_WORDS}|a|one|half|third|quarter)$", re.IGNORECASE)
_NAME_WORD = (
    r"(?:(?:al|el|bin|ibn|de|da|di|van|von)-)?"  # al-Assad, bin-Salman
    r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'’\-]*\w|[A-Z]{2,})"  # U.S. | Ohio, F-35 | NATO
)
_CAPITALISED = re.compile(
    rf"\b{_NAME_WORD}(?:\s+(?:(?:of|the|for|de|al|von|van|bin)\s+)?{_NAME_WORD})*"
)
# Capitalised words that are not names when they open a sentence or stand alone.
_NOT_NAMES_TEXT = """
    a an the this that these those there their they them then than i i'm i've i'd i'll we
    we're we've you your he she it its his her our my me us and but or so if as at by for from
    in into of on to with without yet not no yes now well oh also because when where while who
    what which why how all any each every some many most more much several both either neither
    after before during since until although though however therefore meanwhile mr mrs ms dr
    today yesterday tomorrow let let's thank thanks please here just only even still again
    one two three four five six seven eight nine ten first second third last next"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_COMPOUND_SUFFIX = re.compile(r"-(?:based|led|backed|born|owned|run|funded|made)$")
_MONTH_OR_DAY = re.compile(rf"^(?:{_MONTHS}|{_WEEKDAYS})\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Checkables:
    numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"numbers": self.numbers, "dates": self.dates, "entities": self.entities}

    def __bool__(self) -> bool:
        return bool(self.numbers or self.dates or self.entities)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def find_dates(sentence: str) -> tuple[list[str], list[tuple[int, int]]]:
    found, spans = [], []
    for m in _DATE.finditer(sentence):
        text = m.text.strip()
        for prefix in ("in ", "since ", "by ", "until ", "before ", "after ", "from ", "on "):
            if text.lower().startswith(prefix):
                text = text[len(prefix) :]
                break
        for prefix in ("during ", "of ", "the "):
            if text.lower().startswith(prefix):
                text = text[len(prefix) :]
        found.append(text)
        spans.append((m.start, m.end))
    return found, spans


def find_numbers(sentence: str, taken: list[tuple[int, int]] | None = None) -> list[str]:
    taken = taken or []
    found = []
    for m in _NUMBER.finditer(sentence):
        text = m.text.strip(" ,")
        if not text or _overlaps(m.start, m.end, taken) or _WEAK_NUMBER.match(text):
            continue
        found.append(text)
    return found


def _is_common_word(word: str) -> bool:
    """A capitalised common word ("The", "We", "March"), not an acronym ("US", "WHO")."""
    if len(word) > 1 and word.isupper():
        return False
    return word.lower().strip("'’") in _NOT_NAMES or bool(_MONTH_OR_DAY.match(word))


def find_entities(sentence: str) -> list[str]:
    """Capitalised word runs that look like names (people, places, organisations, acronyms)."""
    found = []
    for m in _CAPITALISED.finditer(sentence):
        words = m.group().split()
        # A sentence-initial capital is grammar, not a name: drop it if it is a common word.
        while words and _is_common_word(words[0]):
            words = words[1:]
        while words and words[-1].lower() in {"of", "the", "for", "and", "de", "al"}:
            words = words[:-1]
        if not words:
            continue
        name = _COMPOUND_SUFFIX.sub("", " ".join(words))  # "Kurdish-led" -> "Kurdish"
        at_start = sentence[: m.start()].strip(" \"'“‘(") == ""
        if at_start and len(words) == 1 and not name.isupper() and name == m.group().split()[0]:
            continue  # one capitalised word opening the sentence: usually not a name
        found.append(name)
    return found


def find_checkables(sentence: str) -> Checkables:
    dates, date_spans = find_dates(sentence)
    return Checkables(
        numbers=_unique(find_numbers(sentence, date_spans)),
        dates=_unique(dates),
        entities=_unique(find_entities(sentence)),
    )


def describe(found: Checkables, limit: int = 3) -> str:
    """A phrase naming what can be checked, e.g. 'figures (12%, $3 billion) and names (Ohio)'."""

    def quoted(items: list[str]) -> str:
        return ", ".join(items[:limit]) + (", ..." if len(items) > limit else "")

    parts = []
    if found.numbers:
        parts.append(f"figures ({quoted(found.numbers)})")
    if found.dates:
        parts.append(f"dates ({quoted(found.dates)})")
    if found.entities:
        parts.append(f"names ({quoted(found.entities)})")
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
