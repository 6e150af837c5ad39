"""Sourcing: is there a byline, do factual statements say where they come from, who is anonymous?

Three kinds of finding (category "sourcing"):

- `missing_byline` (article): `Document.byline` is empty and the text carries no byline line
  ("By Jane Doe", "• By ...", "Jane Doe | AP", "Jane Doe, Reuters" near the top, or a
  "Reporting by ... ; Editing by ..." / "Written by ..." credit), as
  `newsift.ingest.text.find_byline` reads them.
- `well_attributed` / `partly_attributed` / `poorly_attributed` (article): the share of factual
  sentences that name a source or quote someone, with evidence {"attributed", "factual", "share"}.
  Needs at least MIN_FACTUAL factual sentences, otherwise no verdict.
- `anonymous_source` (span): "sources say", "people familiar with the matter", "it is said that",
  "many people are saying", "everyone knows"...

A "factual sentence" is a cheap heuristic: a declarative sentence (not a question, not an
exclamation, not wholly inside quotation marks, not a credit line such as "Photo: ..."), of at
least 6 words, containing a number, a reporting verb, or a capitalised word after the first
(a proxy for a named entity). It is "attributed" when it contains a reporting cue ("said",
"according to", "told", "in a statement"...) or a quotation of 3+ words, and no anonymous-source
phrase.

Quotations and reporting cues come from `newsift.text.reported_speech`, shared with the detectors
that must tell an outlet's own words from the words it reports.

Every list (byline words, credit lines, reporting verbs, anonymous phrases, quotation marks) is
the document's language's own: English here, fr/de/es/it/pt/ru in `newsift.cues`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from newsift import cues
from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.ingest.text import find_byline
from newsift.text.reported_speech import (
    inside,
    quoted_regions,
    reporting_cue,
    reporting_cue_in,
    starts_within,
)
from newsift.text.segment import Span
from newsift.text.textscan import CaselessPattern, Hit

MIN_FACTUAL = 3
WELL_AT = 0.5  # share >= this: well attributed
POORLY_BELOW = 0.25  # share < this: poorly attributed

_ANONYMOUS = CaselessPattern(
    r"\b(?:"
    r"(?:unnamed|anonymous|unidentified) (?:sources?|officials?|insiders?)"
    r"|sources (?:say|said|says|claim|claimed|told|suggest|suggested|close to)"
    r"|according to (?:unnamed |anonymous )?sources"
    r"|(?:people|persons|those|sources|someone|officials|insiders) (?:familiar with|close to|"
    r"with (?:direct )?knowledge of|briefed on)"
    r"|on (?:the )?condition of anonymity"
    r"|(?:it is|it's|it has been|it was) (?:said|claimed|rumou?red|alleged|widely believed|"
    r"believed) that"
    r"|(?:many|some|lots of) (?:people|experts|observers|insiders) (?:are saying|say|said|"
    r"believe|claim)"
    r"|(?:everyone|everybody|we all) knows?"
    r"|rumou?rs (?:are|have been) (?:swirling|circulating|flying)"
    r")\b"
)
_NUMBER = re.compile(r"\d")
_CREDIT_LINE = re.compile(
    r"^\s*(?:photo|image|picture|video|caption|source|credit|reporting|writing|editing|"
    r"additional reporting|read more|related|follow|share)\b",
    re.IGNORECASE,
)
_CREDIT_BYLINE = re.compile(
    r"\b(?:reporting|written|writing) by\s+[A-Z][\w'’-]+\s+[A-Z]", re.IGNORECASE
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


_ACRONYM = re.compile(r"[^\W\d_]{2,}")
_ENDINGS = ("?", "!", "?”", "!”", '?"', '!"')
_ENDINGS_QUOTED = (*_ENDINGS, "?»", "!»", "?“", "!“", "?«", "!«")


def _anonymous_pattern(language: str) -> CaselessPattern:
    return _ANONYMOUS if language == "en" else cues.caseless(language, "ANONYMOUS")


def has_byline(doc: Document) -> bool:
    if doc.byline and doc.byline.strip():
        return True
    head = doc.text[:400]
    language = cues.language_of(doc)
    if language != "en":
        line, credit = cues.regex(language, "BYLINE_LINE"), cues.regex(language, "CREDIT_BYLINE")
        return bool(line.search(head) or credit.search(doc.text))
    # A byline line near the top ("By Jane Doe", "• By ...", "Jane Doe | AP", "Jane Doe,
    # Reuters") or a credit at either end ("Reporting by ...; Editing by ..."), as plain-text
    # ingest reads them: short lines of name-like words, so "By Tuesday the river had risen"
    # is no byline.
    return find_byline(doc.text) is not None or bool(_CREDIT_BYLINE.search(doc.text))


def _names_someone(words: list[str], language: str) -> bool:
    """A capitalised word after the first: a cheap proxy for a named entity. German capitalises
    every noun, so there it takes an acronym ("SPD") or two capitalised words in a row
    ("Olaf Scholz", "Deutsche Bank")."""
    rest = words[1:]
    if cues.flag(language, "CAPITALISED_NOUNS"):
        caps = [w[0].isupper() for w in rest]
        pairs = any(a and b for a, b in zip(caps, caps[1:], strict=False))
        return pairs or any(w.isupper() and _ACRONYM.fullmatch(w) for w in rest)
    return any(w[0].isupper() for w in rest if w.lower() != "i")


def is_factual(
    sentence: Span, cue: Callable[[Span], bool] | None = None, language: str = "en"
) -> bool:
    """Cheap heuristic; see the module docstring. `cue` may answer `reporting_cue` for the
    sentence from a cache. `language` picks the credit-line words and quotation marks."""
    text = sentence.text.strip()
    words = _WORD.findall(text)
    if len(words) < 6 or text.endswith(_ENDINGS if language == "en" else _ENDINGS_QUOTED):
        return False
    credit = _CREDIT_LINE if language == "en" else cues.regex(language, "CREDIT_LINE")
    if credit.match(text):
        return False
    quotes = quoted_regions(text, language)
    if quotes and sum(e - s for s, e in quotes) >= 0.9 * len(text):
        return False  # a bare quotation carries no claim of the outlet's own
    if _NUMBER.search(text) or (cue(sentence) if cue else reporting_cue(text, language)):
        return True
    return _names_someone(words, language)


def is_attributed(
    sentence: Span,
    anonymous: bool | None = None,
    cue: Callable[[Span], bool] | None = None,
    language: str = "en",
) -> bool:
    """`anonymous` (whether the sentence has an anonymous-source phrase) and `cue` may come
    from work done once for the whole document."""
    text = sentence.text
    if _anonymous_pattern(language).search(text) if anonymous is None else anonymous:
        return False
    if cue(sentence) if cue else reporting_cue(text, language):
        return True
    return any(len(_WORD.findall(text[s:e])) >= 3 for s, e in quoted_regions(text, language))


class AttributionDetector(BaseDetector):
    """Byline, share of attributed factual sentences, and anonymous sourcing."""

    name = "attribution"
    category = "sourcing"
    version = "1"
    # Every part (byline words, reporting verbs, anonymous phrases) has lists for these.
    languages: ClassVar[frozenset[str] | None] = cues.LANGUAGES

    def detect(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        if not has_byline(doc):
            findings.append(
                self.finding(
                    "missing_byline",
                    "No author is named, so nobody is accountable for the reporting.",
                    level="article",
                )
            )
        # One scan of the whole text serves both the per-sentence check and the span findings:
        # the phrases are words and single spaces, so no match crosses a sentence boundary, and
        # a sentence holds a match exactly when one of the document's matches starts inside it.
        anonymous = list(_anonymous_pattern(cues.language_of(doc)).finditer(doc.text))
        verdict = self._attribution(doc, [m.start for m in anonymous])
        if verdict is not None:
            findings.append(verdict)
        findings.extend(self._anonymous(doc, anonymous))
        return findings

    def _attribution(self, doc: Document, anonymous_starts: list[int]) -> Finding | None:
        def cue(sentence: Span) -> bool:
            return reporting_cue_in(doc, sentence)

        def anonymous(sentence: Span) -> bool:
            return starts_within(anonymous_starts, sentence)

        language = cues.language_of(doc)
        factual = [s for s in doc.sentences if is_factual(s, cue, language)]
        if len(factual) < MIN_FACTUAL:
            return None
        attributed = [s for s in factual if is_attributed(s, anonymous(s), cue, language)]
        attributed_set = set(attributed)  # Spans are hashable; a list made this quadratic
        share = len(attributed) / len(factual)
        counts = f"{len(attributed)} of {len(factual)} factual sentences"
        if share >= WELL_AT:
            label, score = "well_attributed", share
            explanation = f"{counts} name a source or quote someone: claims can be traced."
        elif share < POORLY_BELOW:
            label, score = "poorly_attributed", 1.0 - share
            explanation = (
                f"Only {counts} name a source or quote someone: most claims cannot be traced."
            )
        else:
            label, score = "partly_attributed", share
            explanation = f"{counts} name a source or quote someone."
        return self.finding(
            label,
            explanation,
            score=score,
            level="article",
            evidence={
                "attributed": len(attributed),
                "factual": len(factual),
                "share": round(share, 3),
                "unattributed_sentences": [
                    [s.start, s.end] for s in factual if s not in attributed_set
                ][:20],
            },
        )

    def _anonymous(self, doc: Document, matches: list[Hit]) -> list[Finding]:
        quotes = quoted_regions(
            doc.text, cues.language_of(doc)
        )  # a quoted speaker's "everyone knows" is theirs
        return [
            self.finding(
                "anonymous_source",
                f"“{m.text}” does not say who is speaking, so the claim cannot be checked.",
                start=m.start,
                end=m.end,
                score=0.8,
            )
            for m in matches
            if not inside(quotes, m.start, m.end)
        ]
