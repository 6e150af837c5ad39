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

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsift.document import Document
from newsift.findings import Finding
from newsift.ingest.text import parse_byline
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

MAX_LINE = 400  # a furniture line (caption, share, subscribe...) is short; body paragraphs not
MAX_SLOGAN_CHARS, MAX_SLOGAN_WORDS = 60, 8
KNOWN_SLOGANS = frozenset(
    s.casefold()
    for s in (
        "Democracy Dies in Darkness",
        "All the News That's Fit to Print",
        "All the news that’s fit to print",
        "Without Fear or Favour",
        "Without Fear or Favor",
        "Journalism Without Fear or Favor",
        "Fair and Balanced",
        "Comment is free but facts are sacred",
        "The Truth Is Worth It",
        "Truth in Journalism",
        "Real News. Real Fast",
        "Real news, real fast",
        "The Paper of Record",
        "News You Can Trust",
        "Independent Journalism",
        "We Report, You Decide",
    )
)

# -- the pieces ---------------------------------------------------------------------------------

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
)
_NEWS_AGENCIES = (
    r"Reuters|REUTERS|AP|AFP|Associated Press|The Associated Press|Agence France-Presse|"
    r"Bloomberg|CNN|BBC|Xinhua|XINHUA|dpa|DPA|UPI|TASS|Tass|Interfax|RIA Novosti|IANS|PTI|ANI|"
    r"Sputnik|Anadolu|EFE|ANSA|Kyodo|Yonhap|AAP|Press Association|PA"
)
_PHOTO_AGENCIES = (
    r"Getty Images|Getty|EPA-EFE|EPA|Shutterstock|Alamy(?: Stock Photo)?|iStock(?:photo)?|"
    r"SOPA Images|NurPhoto|ZUMA(?: Press| Wire)?|Zuma(?: Press)?|Sipa(?: USA)?|"
    r"REX(?:/Shutterstock)?|"
    r"Rex Features|WireImage|LightRocket|Redux|Polaris|Abaca(?:press)?|MEGA|Pool|POOL|Corbis|"
    r"PA Wire|PA Images|Anadolu Agency|Xinhua News Agency|AP Photo|AFP Photo|AFP PHOTO|"
    r"Reuters Pictures"
)
_ANY_AGENCY = rf"(?:{_PHOTO_AGENCIES}|{_NEWS_AGENCIES})"
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_CAPS_WORD = r"[A-Z][A-Z'’.-]*[A-Z.]"
_DASH = r"(?:\s*(?:--?|[–—])\s*|\s+-\s*)"

# "WASHINGTON (Reuters) -", "ANKARA, Oct 23 -", "MOSCOW, RUSSIA - DECEMBER 20, 2016",
# "Washington (CNN) -": a place in capitals (or any place before an agency), then at least one of
# a second place, a date or an agency, and a dash; a lone capitalised word before a dash too.
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
    rf"(?P<second>,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})?"
    rf"(?P<date1>,?\s+{_DATE})?"
    rf"(?P<agency>\s*\((?:{_ANY_AGENCY})(?:/[A-Za-z ]+)?\))?"
    rf"(?P<dash>{_DASH})"
    rf"(?P<date2>{_DATE}\b)?"
)
_DATELINE_TITLE_PLACE = re.compile(
    rf"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    rf"\s*\((?:{_NEWS_AGENCIES})\)(?:{_DASH}|:\s)"
)
# "GEORGE OURFALIAN/AFP", "John Smith/Getty Images", "AFP via Getty Images"
_SLASH_CREDIT = re.compile(
    rf"(?:{_NAME_WORD}\s+){{0,4}}{_NAME_WORD}\s*/\s*(?:{_ANY_AGENCY})\b"
    rf"(?:\s+via\s+(?:{_PHOTO_AGENCIES}))?"
)
# "REUTERS/Kevin Lamarque", "AP Photo/Evan Vucci", "AFP PHOTO / JOHN DOE"
_AGENCY_SLASH = re.compile(
    rf"\b(?:{_ANY_AGENCY})(?:\s+(?:Photo|PHOTO))?\s*/\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
)
_VIA_CREDIT = re.compile(rf"\b(?:{_NAME_WORD}\s+){{0,3}}via\s+(?:{_PHOTO_AGENCIES})\b")
# "(Getty Images)", "(AP Photo/Evan Vucci)", "(Photo by John Doe/AFP)", "(Photo: Jane Roe)"
_PAREN_CREDIT = re.compile(
    rf"\((?:(?i:photo(?:graph)?s?|image|picture|credit|illustration)\b[^()\n]{{0,80}}"
    rf"|[^()\n]{{0,60}}?\b(?:{_PHOTO_AGENCIES})\b[^()\n]{{0,40}}"
    rf"|[^()\n]{{0,60}}?/\s*(?:{_NEWS_AGENCIES})\b[^()\n]{{0,20}})\)"
)
_PHOTO_LABEL = re.compile(
    r"(?i:photo(?:graph)?s?|photo credit|image(?: credit)?|picture|illustration|credit)"
    r"\s*(?::|\||–|—|\s-\s)"
    r"|(?i:photo(?:graph)?s?|images?|pictures?)\s+(?i:by|courtesy(?: of)?|via)\s+(?=[A-Z])"
)
_CAPTION_LABEL = re.compile(
    r"(?i:caption|pictured|file photo|file picture|above|top|main image|top image|"
    r"header image|in pictures|watch|video)\s*:"
)
_SHARE_TOKEN = (
    r"share(?: this(?: article| story| page| post| video)?| on \w+| via \w+| article)?|tweet|"
    r"e-?mail|print|copy link|copy|facebook|twitter|whatsapp|linkedin|pinterest|reddit|"
    r"messenger|telegram|flipboard|x|comments?|save(?: article)?|gift(?: this)? article"
)
_SHARE_LINE = re.compile(rf"(?i:(?:{_SHARE_TOKEN})(?:\s*[|/·•,:]?\s*(?:{_SHARE_TOKEN}))*)\s*")
_SHARE_LEAD = re.compile(r"(?i:share (?:this (?:article|story|page|post|video)|on|via)\b[^.!?]*)")
_SUBSCRIBE_LEAD = re.compile(
    r"(?i:subscribe|sign up|sign-up|signup|get (?:our|the)|join (?:our|the)|register|"
    r"already (?:a subscriber|subscribed|have an account)|newsletter|click here to subscribe)\b"
)
_SUBSCRIBE_WORDS = re.compile(
    r"(?i:newsletter|subscri|inbox|mailing list|e-?mail alerts|log ?in|sign ?in|free trial|"
    r"unlimited access|digital access|briefing)"
)
_ADVERTISEMENT = re.compile(
    r"(?i:advertisement|advertising|ad|sponsored(?: content)?|paid (?:post|content)|"
    r"story continues(?: below(?: advertisement)?)?|article continues below(?: this ad(?:vert)?)?|"
    r"continue reading(?: the main story| below)?|skip advert(?:isement)?|scroll to continue)\s*"
)
_RELATED = re.compile(
    r"(?i:read more|related(?: articles?| stories| coverage)?|recommended|more from \w+|"
    r"more on this story|see also|also read|read also|most read|most popular|trending|"
    r"you may also like|more stories)\s*(?:[:|›»\-–—]|$)"
)
_CREDIT_LINE = re.compile(
    r"\(?(?i:(?:additional )?(?:reporting|writing|written|editing|edited|compiled|"
    r"additional reporting|research|graphics|production) by)\s+[A-Z]"
)
_AGENCY_LINE = re.compile(rf"(?:{_ANY_AGENCY}|AGENCE FRANCE[- ]PRESSE|ASSOCIATED PRESS)\s*")
_COPYRIGHT = re.compile(r"©|\((?i:c)\)\s*\d{4}|(?i:copyright)\s*(?:©|\((?i:c)\)|\d{4})")
_ALL_RIGHTS = re.compile(r"(?i:all rights reserved)")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "de", "del", "for", "from", "in", "into", "is")
    + ("of", "on", "or", "the", "to", "with", "van", "von", "la", "le")
)
_LINES = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Furniture:
    """One piece of page furniture: offsets into the text, its kind (one of KINDS) and text."""

    start: int
    end: int
    kind: str
    text: str
    whole_line: bool = True  # False: a part of a line (a credit, a dateline)


def _title_case(line: str) -> bool:
    """A short line in Title Case or capitals, without sentence punctuation or digits."""
    if len(line) > MAX_SLOGAN_CHARS or any(ch.isdigit() for ch in line):
        return False
    if line.endswith(("?", "!", ":", ",", ";")) or re.search(r"[.!?]\s", line):
        return False
    words = _WORDS.findall(line)
    if not 2 <= len(words) <= MAX_SLOGAN_WORDS:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= 2 and all(w[0].isupper() or w.lower() in _SMALL for w in words)


def _dateline(line: str, offset: int) -> Furniture | None:
    m = _DATELINE.match(line)
    if m is not None:
        place_words = m.group("place").split()
        letters = sum(ch.isalpha() for ch in m.group("place"))
        extra = m.group("second") or m.group("date1") or m.group("agency") or m.group("date2")
        rest = line[m.end() :]
        if letters >= 3 and (extra or (len(place_words) == 1 and rest[:1].isupper())):
            end = m.end()
            while end > 0 and line[end - 1].isspace():
                end -= 1
            return _part(offset, offset + end, "dateline", line[:end])
    m = _DATELINE_TITLE_PLACE.match(line)
    if m is not None:
        end = len(line[: m.end()].rstrip())
        return _part(offset, offset + end, "dateline", line[:end])
    return None


def _part(start: int, end: int, kind: str, text: str) -> Furniture:
    return Furniture(start, end, kind, text, whole_line=False)


def _credits(line: str, offset: int) -> list[Furniture]:
    found: list[Furniture] = []
    if "/" in line:
        for pattern in (_SLASH_CREDIT, _AGENCY_SLASH):
            for m in pattern.finditer(line):
                found.append(_part(offset + m.start(), offset + m.end(), "photo_credit", m[0]))
    if "via " in line:
        for m in _VIA_CREDIT.finditer(line):
            found.append(_part(offset + m.start(), offset + m.end(), "photo_credit", m[0]))
    if "(" in line:
        for m in _PAREN_CREDIT.finditer(line):
            found.append(_part(offset + m.start(), offset + m.end(), "photo_credit", m[0]))
    return found


def _line_kind(line: str) -> str | None:
    """The kind of a whole furniture line, or None for a line of the article."""
    if len(line) > MAX_LINE:
        return None
    if _SHARE_LINE.fullmatch(line) or (len(line) <= 80 and _SHARE_LEAD.fullmatch(line)):
        return "share"
    if _ADVERTISEMENT.fullmatch(line):
        return "advertisement"
    if len(line) <= 160 and (
        (_SUBSCRIBE_LEAD.match(line) and _SUBSCRIBE_WORDS.search(line))
        or line.casefold().rstrip(" .!") in {"subscribe", "subscribe now", "sign up"}
    ):
        return "subscribe"
    if _CAPTION_LABEL.match(line):
        return "caption"
    if _PHOTO_LABEL.match(line):
        return "photo_credit"
    if _CREDIT_LINE.match(line):
        return "credit"
    if _AGENCY_LINE.fullmatch(line):
        return "credit"
    if len(line) <= 200 and (_COPYRIGHT.match(line) or _ALL_RIGHTS.search(line)):
        return "copyright"
    if len(line) <= 200 and _RELATED.match(line):
        return "related"
    if len(line) <= 120 and parse_byline(line) is not None:
        return "byline"
    return None


def _is_prose(line: str) -> bool:
    """A sentence of the article: ends in sentence punctuation and has a few words."""
    return len(_WORDS.findall(line)) >= 3 and line.rstrip("\"'”’»)").endswith((".", "!", "?"))


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
