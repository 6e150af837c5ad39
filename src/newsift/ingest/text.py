"""Plain text to Document: paragraphs, a title line and a byline line found, damage repaired."""

from __future__ import annotations

import re

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.repair import repair_text
from newsift.text.safetext import scrub_surrogates
from newsift.text.textscan import same_words

EMPTY = "empty input: no text to analyse"

_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 25
_BYLINE_SEARCH_LINES = 3  # a byline sits within the first few lines
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s")
_BYLINE_BULLET = r"(?:[-•·*–—]\s*)?"  # "• By Jane Doe"
_BYLINE = re.compile(rf"^\s*{_BYLINE_BULLET}by[:\s]\s*(?P<rest>.+?)\s*$", re.IGNORECASE)
_NAME_JOINERS = frozenset({"and", "&", "de", "da", "del", "van", "von", "der", "den", "la", "le"})
_NAME_JOINERS |= frozenset({"bin", "al", "el", "di", "du", "dos", "y", "ibn", "st."})
# Capitalised words that start prose, not names: "By Tuesday the river had risen".
_NOT_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "then", "there", "now", "next", "last", "early"}
    | {"late", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"today", "tonight", "tomorrow", "yesterday", "noon", "midnight", "dawn", "night"}
    | {"morning", "evening", "afternoon", "weekend"}
)  # months stay: "By May Bulman" is a byline, and a month before a year is no name anyway
_BYLINE_MAX_CHARS = 120
# "Jane Doe, Reuters", "Jane Doe | AP", "Jane Doe - Associated Press", "Jane Doe, Staff Writer"
_AGENCIES = (
    r"Reuters|REUTERS|AP|Associated Press|The Associated Press|AFP|Agence France-Presse|"
    r"Bloomberg(?: News)?|CNN|BBC(?: News)?|Xinhua|dpa|DPA|UPI|PA|PA Media|Press Association|"
    r"Al Jazeera|ANSA|EFE|Kyodo|Yonhap|TASS|Anadolu(?: Agency)?"
)
_ROLE = (
    r"(?i:(?:(?:senior|chief|staff|political|foreign|special|contributing|investigative|"
    r"diplomatic|economics|business|health|science|technology|legal|security|defence|defense|"
    r"education|environment|sports?|local|national|international|world|[a-z]+ bureau)\s+)*"
    r"(?:correspondent|reporter|writer|editor|columnist|contributor|staff))"
)
_AGENCY_BYLINE = re.compile(
    rf"^\s*{_BYLINE_BULLET}(?P<names>[^,|/\n]+?)\s*(?:,|\||/|\s[-–—]\s)\s*"
    rf"(?P<outlet>(?:{_AGENCIES}|{_ROLE})(?:\s*(?:,|\||/|\s[-–—]\s)\s*(?:{_AGENCIES}|{_ROLE}))?)"
    r"\s*\.?\s*$"
)
# "Reporting by Jane Doe in Ankara; Editing by Tom Lee", "(Additional reporting by ...)"
_CREDIT = re.compile(
    rf"^\s*{_BYLINE_BULLET}\(?\s*(?:additional\s+)?(?:reporting|writing|written|compiled|words|"
    r"story|text|report)\s+by\s+(?P<names>[^;)\n]+)",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"\s+(?:in|from)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_CREDIT_SEARCH_LINES = 3  # a reporting credit closes the article
_WRAP_MIN_CHARS = 40  # lines of a hard-wrapped paragraph are at least this long


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines broken at a fixed width: no line but the last had room for the next line's first word.

    A headline followed by a long line, or a list, is not wrapped: the headline had room.
    """
    if len(lines) < 2 or any(_BULLET.match(line) for line in lines):
        return False
    width = max(len(line) for line in lines)
    return all(
        len(line) >= _WRAP_MIN_CHARS and len(line) + 1 + len(nxt.split(" ")[0]) > width
        for line, nxt in zip(lines, lines[1:], strict=False)
    )


def normalise_paragraphs(text: str) -> str:
    """Paragraphs separated by exactly one blank line; hard-wrapped lines joined.

    A hard-wrapped block becomes one paragraph; otherwise each line of a block is its own
    paragraph, except that a line starting in lower case continues the one above.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = text.replace("\u2028", "\n").replace("\f", "\n").replace("\v", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        wrapped = _is_hard_wrapped(lines)
        if wrapped:
            paragraphs.append(" ".join(lines))
            continue
        for i, line in enumerate(lines):
            # A line that starts in lower case continues the sentence above it.
            if i and line[0].islower() and not lines[i - 1].endswith((".", "!", "?", ":")):
                paragraphs[-1] += " " + line
            else:
                paragraphs.append(line)
    return "\n\n".join(paragraphs)


def looks_like_title(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > _MAX_TITLE_CHARS or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    return not _BULLET.match(line) and _BYLINE.match(line) is None and parse_byline(line) is None


def _name_like(names: str, min_words: int = 1) -> bool:
    """Words a name is made of: capitalised (or joiners such as "and", "de"), 1 to 12 of them,
    none a word that starts prose ("Tuesday", "The")."""
    words = names.split()
    if not 1 <= len(words) <= 12:
        return False
    named = 0
    for word in words:
        if word.lower() in _NAME_JOINERS:
            continue
        if not (word[0].isupper() and any(ch.isalpha() for ch in word)):
            return False  # "by the river" is prose, not a byline
        if word.lower().strip(".,") in _NOT_NAMES:
            return False
        named += 1
    return named >= min_words


def parse_byline(line: str) -> str | None:
    """A byline line, or None: 'By Jane Doe and John Roe, Reuters' -> 'Jane Doe and John Roe,
    Reuters' (also '• By ...'); 'Jane Doe | AP', 'Jane Doe, Reuters' -> the line as written.
    Short lines of name-like words only: "By Tuesday the river had risen" is prose."""
    if len(line) > _BYLINE_MAX_CHARS:
        return None
    m = _BYLINE.match(line)
    if m is not None:
        rest = m.group("rest").rstrip(".")
        names = re.split(r"\s*[,|/]\s*|\s+[–—-]\s+", rest)[0]
        return rest if _name_like(names) else None
    m = _AGENCY_BYLINE.match(line)
    if m is not None and _name_like(m.group("names"), min_words=2):
        return _BULLET_LEAD.sub("", line.strip()).rstrip(".")
    return None


_BULLET_LEAD = re.compile(rf"^{_BYLINE_BULLET}")


def parse_credit(line: str) -> str | None:
    """The reporters of a credit line: 'Reporting by Amira Haddad in Ankara and Thomas Keller
    in Moscow; editing by Ruth Pitchford.' -> 'Amira Haddad and Thomas Keller'; else None."""
    if len(line) > 2 * _BYLINE_MAX_CHARS:
        return None
    m = _CREDIT.match(line)
    if m is None:
        return None
    names = _IN_PLACE.sub("", m.group("names")).strip().rstrip(".")
    return names if _name_like(names) else None


def find_byline(text: str) -> str | None:
    """The byline a plain text carries: a byline line among its first paragraphs ("By Jane
    Doe", "• By ...", "Jane Doe | AP", "Jane Doe, Reuters"), or a reporting credit there or
    among its last ("Reporting by Jane Doe; Editing by Tom Lee")."""
    # Only the ends are read: a byline or a credit line is short, and the text may be long.
    reach = (_BYLINE_SEARCH_LINES + 1) * 2 * _BYLINE_MAX_CHARS
    head = [p.strip() for p in text[:reach].split("\n") if p.strip()]
    for paragraph in head[:_BYLINE_SEARCH_LINES]:
        found = parse_byline(paragraph) or parse_credit(paragraph)
        if found is not None:
            return found
    tail = text[-reach:].split("\n")
    if len(text) > reach:
        tail = tail[1:]  # the first line may be cut
    paragraphs = [p.strip() for p in tail if p.strip()]
    for paragraph in reversed(paragraphs[-_CREDIT_SEARCH_LINES:]):
        found = parse_credit(paragraph) or parse_byline(paragraph)
        if found is not None:
            return found
    return None


def _first_line_is_title(lines: list[str], given_title: str | None) -> bool:
    if len(lines) < 2:
        return False  # a lone line is the text itself
    first = lines[0]
    if given_title is not None:
        return same_words(first, given_title)
    nxt = lines[1].lstrip("\"'“‘«(")
    return looks_like_title(first) and not (nxt[:1].islower())


def split_title_byline(
    text: str, given_title: str | None = None
) -> tuple[str | None, str | None, str]:
    """(title, byline, body) of normalised text; the title and byline lines leave the body."""
    paragraphs = text.split("\n\n") if text else []
    title = None
    if _first_line_is_title(paragraphs, given_title):
        title = paragraphs.pop(0)
    byline = None
    for i, paragraph in enumerate(paragraphs[:_BYLINE_SEARCH_LINES]):
        found = parse_byline(paragraph)
        if found is not None and len(paragraphs) > 1:
            byline = found
            paragraphs.pop(i)
            break
    if byline is None:
        # A reporting credit ("Reporting by ...; Editing by ...") names the authors too; it
        # stays in the body, where it stands as a credit line.
        for paragraph in reversed(paragraphs[-_CREDIT_SEARCH_LINES:]):
            byline = parse_credit(paragraph)
            if byline is not None:
                break
    return title, byline, "\n\n".join(paragraphs)


def repair_field(value: str | None) -> str | None:
    """Repair a short field (title, byline); its repairs are not listed, having no offsets."""
    if value is None:
        return None
    fixed, _ = repair_text(scrub_surrogates(value))
    fixed = re.sub(r"\s+", " ", fixed).strip()
    return fixed or None


def build_document(
    body: str,
    *,
    source_name: str,
    input_format: str,
    title: str | None = None,
    byline: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """Repair the body and fields and assemble the Document; empty text is an InputError."""
    # A lone surrogate (Python API, JSON \ud800, a file name in argv) cannot be encoded
    # as UTF-8: it would break the report's JSON.
    body, repairs = repair_text(scrub_surrogates(body.strip()))
    url = scrub_surrogates(url) if url else url
    if not body.strip():
        raise InputError(source_name, EMPTY)
    return Document(
        text=body,
        title=repair_field(title),
        byline=repair_field(byline),
        date=date,
        url=url,
        domain=_domain(url),
        source_name=scrub_surrogates(source_name),
        input_format=input_format,
        repairs=repairs,
    )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    from newsift.text.domains import (
        registered_domain,  # tldextract is slow to import: only with a URL
    )

    return registered_domain(url)


def from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source_name: str = "<text>",
) -> Document:
    """Plain text to Document. A given `title` overrides the first-line guess."""
    if not text or not text.strip():
        raise InputError(source_name, EMPTY)
    normalised = normalise_paragraphs(text.lstrip("\ufeff"))
    found_title, byline, body = split_title_byline(normalised, title)
    if not body.strip():
        # Only a title-like line: analyse it as the text rather than return nothing.
        found_title, body = None, normalised
    return build_document(
        body,
        source_name=source_name,
        input_format="text",
        title=title if title is not None else found_title,
        byline=byline,
        url=url,
    )
