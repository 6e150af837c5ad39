"""Telling the outlet's own words from the words it reports: quotations and reporting cues.

Several detectors need this: a donation appeal, a neutrality boast or a loaded word inside a
quotation, or in a sentence that says who said it ("the charity said", "according to"), is the
outlet reporting someone else, not speaking for itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from newsift import cues
from newsift.document import Document
from newsift.text.segment import Span
from newsift.text.textscan import CaselessPattern, Hit, hits_by_sentence

_QUOTE_PAIRS = re.compile(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»|„[^„“”]*[“”]")
# German also quotes »so« and ‚so‘; only there, since » ... « between two French quotations
# would otherwise read as one.
_QUOTE_PAIRS_DE = re.compile(_QUOTE_PAIRS.pattern + r"|»[^»«\n]*«|‚[^‚‘’\n]*[‘’]")
REPORTING = CaselessPattern(
    r"\b(?:said|says|say|told|tells|according to|reported|reports|announced|stated|"
    r"confirmed|estimated|estimates|wrote|writes|testified|added|explained|noted|"
    r"warned|urged|appealed|asked|claimed|claims|acknowledged|denied|insisted|argued|"
    r"in a statement|in an interview|spokes(?:man|woman|person)|data (?:from|show)|"
    r"figures (?:from|show)|a report by|a study (?:by|in|published)|published (?:by|in)|"
    r"describes? itself|calls? itself|bills? itself|(?:did not|didn't|declined to) "
    r"(?:immediately )?(?:respond|reply|comment)|request for comment)\b"
)


def quoted_regions(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of quotations ("...", “...”, «...», „...“; in German also »...«, ‚...‘)
    in `text`. French « ... » with no-break spaces inside is one quotation like any other."""
    pairs = _QUOTE_PAIRS_DE if language == "de" else _QUOTE_PAIRS
    return [(m.start(), m.end()) for m in pairs.finditer(text)]


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies in one of `regions` (sorted, not overlapping, as
    `quoted_regions` gives them): a bisection, since a scan per hit was O(hits × quotes)."""
    k = bisect_right(regions, (start, float("inf"))) - 1
    return k >= 0 and end <= regions[k][1]


def reporting_pattern(language: str = "en") -> CaselessPattern:
    """The reporting cues of `language` (English: REPORTING; others: newsift.cues)."""
    return REPORTING if language == "en" else cues.caseless(language, "REPORTING")


def reporting_cue(sentence: str, language: str = "en") -> bool:
    """True when the sentence reports what someone else said or did ("said", "according to")."""
    return reporting_pattern(language).search(sentence) is not None


def starts_within(starts: list[int], span: Span) -> bool:
    """Whether any of the sorted offsets `starts` lies inside `span`."""
    k = bisect_left(starts, span.start)
    return k < len(starts) and starts[k] < span.end


def reporting_cue_in(doc: Document, sentence: Span) -> bool:
    """`reporting_cue(sentence.text)` for a sentence of `doc`, from one scan of the whole text.

    The cues are words and single spaces, so none crosses a sentence boundary: a sentence holds
    a cue exactly when a match of the whole text starts inside it.
    """
    language = cues.language_of(doc)
    key = "reporting_cue_starts" if language == "en" else f"reporting_cue_starts:{language}"
    starts = doc.cache.get(key)
    if starts is None:
        starts = doc.cache[key] = reporting_pattern(language).starts(doc.text)
    return starts_within(starts, sentence)


def own_phrases(doc: Document, pattern: CaselessPattern) -> list[tuple[Span, list[Hit]]]:
    """The matches of a phrase `pattern` that are the outlet's own words, by sentence: outside
    quotations, in sentences without a reporting cue.

    The reporting cues and quotation marks are those of the document's language. The phrases
    must not cross a sentence boundary (no sentence-ending punctuation in them):
    then one scan of the whole text finds every sentence's phrases and rules out most articles
    at once.
    """
    hits = list(pattern.finditer(doc.text))
    if not hits:
        return []
    quotes = quoted_regions(doc.text, cues.language_of(doc))
    found = []
    for k, in_sentence in sorted(hits_by_sentence(hits, doc.sentences).items()):
        own = [hit for hit in in_sentence if not inside(quotes, hit.start, hit.end)]
        if own and not reporting_cue_in(doc, doc.sentences[k]):
            found.append((doc.sentences[k], own))
    return found
