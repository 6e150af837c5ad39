"""Per-language cue lists for the rule-based detectors (donation appeals, neutrality boilerplate,
anonymous sourcing, reporting verbs, bylines).

English cues stay in the detectors themselves; every other language has a module here
(`fr`, `de`, ...) written from that language's own phrasing, not translated. Each module holds
tuples of lower-case regex alternatives (matched with `CaselessPattern`, so they must not contain
sentence-ending punctuation: the detectors scan the whole text once and share hits by sentence).
Patterns are compiled on first use per language, so a run pays only for the language it reads.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

from newsift.text.textscan import CaselessPattern

# Languages with a cue module here, plus English (whose cues live in the detectors).
LANGUAGES: frozenset[str] = frozenset({"en", "fr", "de", "es", "it", "pt", "ru"})


def language_of(doc: Any) -> str:
    """The document's language if cues exist for it, else "en" (None or unknown: English)."""
    code = getattr(doc, "language", None)
    if not isinstance(code, str) or not code:
        return "en"
    code = code.lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else "en"


def _module(language: str) -> Any:
    if language == "en" or language not in LANGUAGES:
        raise KeyError(f"no cue module for {language!r}")
    return importlib.import_module(f"newsift.cues.{language}")


@cache
def caseless(language: str, kind: str) -> CaselessPattern:
    """`kind` (APPEALS, BOILERPLATE, ANONYMOUS, REPORTING) of `language` as one pattern."""
    alternatives: tuple[str, ...] = getattr(_module(language), kind)
    return CaselessPattern(r"\b(?:" + "|".join(alternatives) + r")\b")


@cache
def regex(language: str, kind: str) -> re.Pattern[str]:
    """A case-sensitive pattern of `language` (BYLINE_LINE, CREDIT_BYLINE, CREDIT_LINE)."""
    source: str = getattr(_module(language), kind)
    return re.compile(source, re.MULTILINE)


def flag(language: str, name: str, default: bool = False) -> bool:
    """A boolean property of the language (e.g. CAPITALISED_NOUNS for German)."""
    if language == "en":
        return default
    return bool(getattr(_module(language), name, default))
