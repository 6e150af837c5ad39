"""Page furniture line by line: what kind of furniture one line of a page is (share, subscribe,
advertising, caption, credit, copyright, related-links or byline line), which photo credits and
dateline it holds, and whether it reads as a slogan or as the article's prose. Used by
`newsift.text.furniture`, which puts the lines of a page together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.ingest.text import parse_byline

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
    """One piece of page furniture: offsets into the text, its kind (one of
    `newsift.text.furniture.KINDS`) and text."""

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
