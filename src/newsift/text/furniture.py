"""Page furniture: the lines of a page that are not the article's own words.

Extraction keeps some of what surrounds an article: the masthead's slogan ("Democracy Dies in
Darkness"), photo credits ("GEORGE OURFALIAN/AFP", "(Getty Images)", "Photo: ..."), captions,
datelines ("MOSCOW, RUSSIA - DECEMBER 20, 2016", "WASHINGTON (Reuters) -"), share and subscribe
lines, reporting credits, advertising markers. A loaded word or a run of capitals there is not
the outlet's reporting voice. `find_furniture` finds them in the text; `mark_furniture` gives
every span finding inside one evidence["voice"] = "furniture" and evidence["furniture"] = kind.

Each kind is matched on its own line (a paragraph of `Document.text`), and only in forms an
article's sentence does not take: short, without sentence punctuation, or with a fixed shape
(a credit agency after a slash, a capitalised place before a dash and a date). A dateline or a
credit is the span of the dateline or credit alone: the sentence after a dateline stays the
article's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsift.document import Document
from newsift.findings import Finding
from newsift.text.furniture_lines import (
    _LINES,
    KNOWN_SLOGANS,
    MAX_LINE,
    Furniture,
    _credits,
    _dateline,
    _is_prose,
    _line_kind,
    _title_case,
)
from newsift.text.textscan import same_words

KINDS = (
    "masthead",
    "photo_credit",
    "caption",
    "dateline",
    "share",
    "subscribe",
    "credit",
    "advertisement",
    "related",
    "copyright",
    "byline",
)
READABLE = {
    "masthead": "masthead or slogan",
    "photo_credit": "photo credit",
    "caption": "caption",
    "dateline": "dateline",
    "share": "share line",
    "subscribe": "subscribe line",
    "credit": "reporting credit",
    "advertisement": "advertising",
    "related": "related-links line",
    "copyright": "copyright line",
    "byline": "byline",
}
# Findings about the bytes rather than the words: garbled text is the publisher's wherever it is.
NOT_VOICE = frozenset({("text_quality", "mojibake"), ("text_quality", "encoding_repaired")})
# Kinds that are credits or datelines: never shouting, whatever their capitals.
CREDIT_KINDS = frozenset({"dateline", "photo_credit", "credit"})


def find_furniture(text: str, title: str | None = None) -> list[Furniture]:
    """Every piece of page furniture in `text`, ordered by start (then widest first). A credit
    or a dateline on a furniture line is listed besides the line. `title`: the article's
    headline, which a short Title Case line with its words is, rather than a slogan."""
    lines = [(m.start(), m[0]) for m in _LINES.finditer(text)]
    found: list[Furniture] = []
    kinds: list[str | None] = []
    slogan_like: list[bool] = []
    for offset, raw in lines:
        stripped = raw.strip()
        if not stripped:
            kinds.append(None)
            slogan_like.append(False)
            continue
        start = offset + len(raw) - len(raw.lstrip())
        line_kind = _line_kind(stripped)
        credits = _credits(stripped, start)
        if line_kind is None and credits and len(stripped) <= MAX_LINE:
            line_kind = "caption"  # a line that carries a photo credit is a caption
        if line_kind is not None:
            found.append(Furniture(start, start + len(stripped), line_kind, stripped))
        found.extend(credits)
        dateline = _dateline(stripped, start)
        if dateline is not None:
            found.append(dateline)
        kinds.append(line_kind)
        known = stripped.casefold().rstrip(".") in KNOWN_SLOGANS
        slogan_like.append(
            line_kind is None
            and (known or _title_case(stripped))
            and not same_words(stripped, title)
        )
    found.extend(_mastheads(lines, kinds, slogan_like))
    found.sort(key=lambda f: (f.start, -f.end))
    return found


def _mastheads(
    lines: list[tuple[int, str]], kinds: list[str | None], slogan_like: list[bool]
) -> list[Furniture]:
    """Short Title Case lines that are slogans: a known one, one repeated on the page, or one
    among the furniture before the article's first sentence or after its last (an article
    without a sentence of prose has no such edge: its short lines may be all it says)."""
    prose = [i for i, (_, line) in enumerate(lines) if kinds[i] is None and _is_prose(line)]
    first, last = (prose[0], prose[-1]) if prose else (-1, len(lines))
    pairs = zip(lines, slogan_like, strict=True)
    repeated = Counter(line.strip().casefold() for (_, line), s in pairs if s)
    out: list[Furniture] = []
    for i, ((offset, raw), candidate) in enumerate(zip(lines, slogan_like, strict=True)):
        if not candidate:
            continue
        stripped = raw.strip()
        known = stripped.casefold().rstrip(".") in KNOWN_SLOGANS
        if known or repeated[stripped.casefold()] >= 2 or i < first or i > last:
            start = offset + len(raw) - len(raw.lstrip())
            out.append(Furniture(start, start + len(stripped), "masthead", stripped))
    return out


def furniture_of(doc: Document) -> list[Furniture]:
    """`find_furniture` of the document's text, found once per document."""
    found = doc.cache.get("furniture")
    if found is None:
        found = doc.cache["furniture"] = find_furniture(doc.text, doc.title)
    return found


def credit_regions(doc: Document) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges of the document's datelines and photo, agency and reporting
    credits ("MOSCOW, RUSSIA - DECEMBER 20, 2016", "GEORGE OURFALIAN/AFP"), for
    `reported_speech.inside`: capitals there are a convention, never shouting."""
    spans = sorted((f.start, f.end) for f in furniture_of(doc) if f.kind in CREDIT_KINDS)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class FurnitureIndex:
    """Which piece of furniture holds a span, by bisection. Whole lines do not overlap one
    another; the parts of lines (credits, datelines) are merged where they overlap, so each
    layer is sorted and disjoint and the narrower layer (parts) answers first."""

    def __init__(self, furniture: Sequence[Furniture]) -> None:
        parts = sorted((f for f in furniture if not f.whole_line), key=lambda f: (f.start, -f.end))
        merged: list[Furniture] = []
        for f in parts:
            if merged and f.start < merged[-1].end:
                last = merged[-1]
                if f.end > last.end:
                    merged[-1] = replace(
                        last, end=f.end, text=last.text + f.text[last.end - f.start :]
                    )
                continue
            merged.append(f)
        wholes: list[Furniture] = []
        for f in sorted((f for f in furniture if f.whole_line), key=lambda f: f.start):
            if wholes and f.start < wholes[-1].end:
                continue  # one line, two kinds: the first found stands
            wholes.append(f)
        self.layers = [
            (merged, [f.start for f in merged]),
            (wholes, [f.start for f in wholes]),
        ]

    def covering(self, start: int, end: int) -> Furniture | None:
        """The piece that holds [start, end), the narrower layer first; None outside both."""
        for pieces, starts in self.layers:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= pieces[k].end:
                return pieces[k]
        return None


def eligible(finding: Finding) -> bool:
    """A finding about words in the text with no voice yet: it has a span, and is not about
    encoding damage (garbled characters are the publisher's wherever they are)."""
    return (
        finding.start is not None
        and finding.end is not None
        and finding.end > finding.start
        and (finding.category, finding.label) not in NOT_VOICE
        and not (finding.evidence or {}).get("voice")
    )


def mark_furniture(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` in the same order and number, each one inside page furniture given
    evidence["voice"] = "furniture" and evidence["furniture"] = its kind. Marked findings are
    copies with a new evidence dict: nothing shared is changed."""
    if not any(eligible(f) for f in findings):
        return list(findings)
    furniture = furniture_of(doc)
    if not furniture:
        return list(findings)
    index = FurnitureIndex(furniture)
    out: list[Finding] = []
    for f in findings:
        piece = index.covering(f.start, f.end) if eligible(f) else None  # type: ignore[arg-type]
        if piece is None:
            out.append(f)
            continue
        evidence = {**(f.evidence or {}), "voice": "furniture", "furniture": piece.kind}
        out.append(replace(f, evidence=evidence))
    return out
