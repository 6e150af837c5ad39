"""Figures in a sentence, with their scale and what they count, and the ones that conflict.

"nearly half a million people" -> 500,000 (people); "more than 300,000 deaths" -> 300,000
(deaths); "a 9% pay rise" -> 9 (%, pay). Two figures are about the same quantity when they count
the same noun (a cheap stem of the word after the number) and, where both have one, share a word
of the context before it ("killed 12,000 people" ~ "have killed 40,000 people"); they conflict
when they differ by more than `TOLERANCE` of the larger. Qualifiers ("more than", "nearly") are
kept for the description but not bounded: outlets that disagree by 40% disagree, whatever the
hedge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.detectors.stance.word_lists import STOP_WORDS

TOLERANCE = 0.15
STEM = 5  # the same cheap stemmer as the story representation ("deaths" ~ "death")
CONTEXT_BEFORE = 3  # words before the number that say what happened to the counted noun

_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_QUALIFIER = (
    r"(?:(?P<qual>nearly|almost|about|around|roughly|some|over|under|up\s+to|at\s+least|"
    r"more\s+than|less\s+than|fewer\s+than|close\s+to)\s+)?"
)
# Abbreviated scales only when written on: "2.3m homes", but "5 m" is five metres.
_SCALE = r"(?:\s*(?P<scale>hundred|thousand|million|billion|trillion)\b|(?P<abbr>bn|mn|k|m)\b)?"
_PERCENT = r"(?:\s*(?P<{}>%|percent\b|per\s+cent\b))?"
_FIGURE = re.compile(
    rf"\b{_QUALIFIER}(?:"
    rf"(?:a\s+|one\s+)?(?P<frac>half|quarter|third)\s+(?:of\s+)?an?\s+(?P<fscale>million|billion|thousand)\b"
    rf"|(?<![\w.,-])(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?![.,]?\d){_SCALE}{_PERCENT.format('pct')}(?![\w-])"
    rf"|(?P<word>{'|'.join(_SMALL)})\s+(?P<wscale>hundred|thousand|million|billion)\b{_PERCENT.format('wpct')}"
    r")",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CURRENCY = frozenset("$£€¥")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True)
class Figure:
    """One figure: its value, the stemmed noun it counts and the stems of the words before."""

    value: float
    unit: str  # "%" + noun for percentages, else the noun
    context: frozenset[str]
    text: str  # the figure and its noun as written: "more than 300,000 deaths"


# Words that say the same thing happened to the counted noun, stemmed to one class, so that
# "killed 90 people" and "23 people had died" count one quantity, the dead.
_SAME_EVENT = {
    "death": (
        "kille",
        "kills",
        "kill",
        "died",
        "die",
        "dies",
        "dead",
        "death",
        "fatal",
        "lives",
        "peris",
        "toll",
        "lost",
    ),
    "injury": ("injur", "wound", "hurt"),
    "arrest": ("arres", "detai", "custo"),
    "evacuation": ("evacu", "fled", "flee", "displ"),
    "strike": ("strik", "walko", "walke"),
}
_CLASS_OF = {stem: f"~{name}" for name, stems in _SAME_EVENT.items() for stem in stems}


def _stem(word: str) -> str:
    return word.lower()[:STEM]


def _context_stem(word: str) -> str:
    stem = _stem(word)
    return _CLASS_OF.get(stem, stem)


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in STOP_WORDS and len(w) > 2]


def _noun(words: list[str]) -> tuple[str, list[str]]:
    """The word a figure counts ("people"; "thousands of people" -> "people") and the words after
    it; "" when the next word says nothing of what is counted ("for", "two")."""
    if words and words[0].lower() == "of":
        words = words[1:2] if len(words) > 1 and words[1].lower() != "the" else words[2:3]
    if not words or words[0].lower() in STOP_WORDS or words[0].lower() in _SMALL:
        return "", []
    return words[0], words[1:4]


def _value(m: re.Match[str]) -> float | None:
    if m["frac"]:
        return _FRACTIONS[m["frac"].lower()] * _SCALES[m["fscale"].lower()]
    if m["word"]:
        return _SMALL[m["word"].lower()] * _SCALES[m["wscale"].lower()]
    digits = m["digits"].replace(",", "")
    if _YEAR.match(digits) and not (m["scale"] or m["abbr"] or m["pct"]):
        return None  # "in 2024" is a date, not a count
    value = float(digits)
    scale = m["scale"] or m["abbr"]
    if scale:
        value *= _SCALES[scale.lower()]
    return value


def parse_figures(sentence: str) -> list[Figure]:
    """The figures of one sentence that count something named after them."""
    figures = []
    for m in _FIGURE.finditer(sentence):
        value = _value(m)
        if value is None:
            continue
        words = _WORD.findall(sentence[m.end() :])[:6]
        percent = bool(m["pct"] or m["wpct"])
        noun, rest = _noun(words)
        currency = sentence[max(0, m.start() - 2) : m.start()].strip()[-1:] in _CURRENCY
        if not (noun or percent or currency):
            continue  # a bare number: nothing says what it counts
        before = _content(_WORD.findall(sentence[: m.start()])[-CONTEXT_BEFORE:])
        text = sentence[m.start() : m.end()] + (f" {noun}" if noun else "")
        figures.append(
            Figure(
                value=value,
                unit=("%" if percent else "$" if currency else "") + _stem(noun),
                context=frozenset(_context_stem(w) for w in before + _content(rest)),
                text=text.strip(),
            )
        )
    return figures


def same_quantity(a: Figure, b: Figure, strict: bool = False) -> bool:
    """The same noun counted, and, where both say what happened to it, a shared context word
    (`strict`: a shared context word in any case)."""
    if a.unit != b.unit:
        return False
    if strict:
        return bool(a.context & b.context)
    return not (a.context and b.context) or bool(a.context & b.context)


def differ(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    larger = max(abs(a), abs(b))
    return larger > 0 and abs(a - b) / larger > tolerance


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:g}"


def conflicts(
    claim: str, evidence: str, tolerance: float = TOLERANCE
) -> list[tuple[Figure, Figure]]:
    """Pairs (claim's figure, evidence's figure) about one quantity that disagree, and no pair
    for a quantity on which the two also agree somewhere (the same count given twice)."""
    found = conflicts_among(claim, [evidence], tolerance, strict=False)
    return [(mine, theirs) for mine, theirs, _ in found]


def conflicts_among(
    claim: str, sentences: list[str], tolerance: float = TOLERANCE, strict: bool = True
) -> list[tuple[Figure, Figure, str]]:
    """As `conflicts`, over several sentences of one outlet: (claim's figure, the outlet's
    figure, the sentence that gives it) for each quantity that the outlet gives only otherwise.
    Sentences worded unlike the claim need a shared context word for the same quantity
    (`strict`): "killed 90 people" against "23 people had died", not "23 people were rescued"."""
    theirs = [(f, s) for s in sentences for f in parse_figures(s)]
    out = []
    for mine in parse_figures(claim):
        same = [(f, s) for f, s in theirs if same_quantity(mine, f, strict)]
        if same and all(differ(mine.value, f.value, tolerance) for f, _ in same):
            out.append((mine, same[0][0], same[0][1]))
    return out


def describe(pairs: list[tuple[Figure, Figure]], outlet: str) -> str | None:
    """'"40,000 people" (40,000) against "12,000 people" (12,000) in wire-a.com', or None."""
    if not pairs:
        return None
    return "; ".join(
        f'"{a.text}" ({_amount(a.value)}) against "{b.text}" ({_amount(b.value)}) in {outlet}'
        for a, b in pairs
    )
