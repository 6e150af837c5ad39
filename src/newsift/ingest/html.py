"""HTML to Document: trafilatura finds the article body and its metadata.

When trafilatura finds no article (a short page, an unusual layout) but the page has text, a
plain rendering of the body is used instead, so a user still gets a report.
"""

from __future__ import annotations

import logging
import re
import warnings
from itertools import islice
from typing import Any

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.text import build_document, normalise_paragraphs
from newsift.text.textscan import same_words

NO_TEXT = "no article text found in the HTML"

_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre",
    "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "figcaption",
)  # fmt: skip
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")


# Characters lxml refuses in any string ("All strings must be XML compatible"): C0 controls but
# tab/LF/CR, lone surrogates and the two non-characters. One of them in a page made it crash.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A start tag over 4 KB is attribute stuffing, not markup: lxml, jusText and htmldate are
# quadratic in the attributes of one element (80,000 of them took 33 s). Its attributes go;
# the scan stops at the next "<" and never backtracks, so the pass is linear.
_STUFFED_TAG = re.compile(r"<([A-Za-z][\w:-]{0,63}+)[^<>]{4096,}+>")  # possessive: no backtracking


# trafilatura is super-linear in the children of one element (400,000 <b> in one <p> took 63 s)
# and needs ~150 MB per MB of markup-dense HTML (49,000 elements with 20 attributes each, 8 MB,
# took 1.2 GB). An article page has a few thousand elements and attributes; past this many
# (start tags plus "=" signs, a cheap over-count of the attributes) the page is read by the plain
# lxml rendering instead: linear and light, without boilerplate removal or metadata.
MAX_MARKUP_ITEMS = 100_000
_START_TAG = re.compile(r"<[A-Za-z]")


def _too_much_markup(html: str) -> bool:
    budget = MAX_MARKUP_ITEMS - html.count("=")
    return budget < 0 or next(islice(_START_TAG.finditer(html), budget, None), None) is not None


def sanitise_html(html: str) -> str:
    """`html` made safe for lxml and trafilatura; the text comes from the result, so no offset
    into the raw page is kept and nothing needs remapping."""
    html = _XML_INCOMPATIBLE.sub(" ", html)
    return _STUFFED_TAG.sub(r"<\1>", html)


def _trafilatura(html: str, url: str | None) -> dict[str, Any]:
    import trafilatura

    # trafilatura logs and warns about malformed pages; the user sees our outcome instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                deduplicate=False,
            )
        except Exception:  # noqa: BLE001 - any parser failure on hostile HTML means "no article"
            return {}
    if result is None:
        return {}
    return result.as_dict() if hasattr(result, "as_dict") else dict(result)


def _plain_rendering(html: str) -> tuple[str, str | None]:
    """(body text with one paragraph per block element, <title>) by lxml, tolerant of breakage."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", None
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    for el in list(root.iter(*_INVISIBLE_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text that follows the element
    for el in root.iter():
        # Source line breaks are layout, not text; block elements below make the paragraphs.
        if isinstance(el.text, str) and el.tag != "pre":
            el.text = el.text.replace("\n", " ")
        if isinstance(el.tail, str):
            el.tail = el.tail.replace("\n", " ")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        if el.tag == "br":
            el.tail = "\n" + el.tail.lstrip("\n")
    body = root.find(".//body")
    text = (body if body is not None else root).text_content()
    return text, title or None


def _clean_field(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def from_html(html: str, *, url: str | None = None, source_name: str = "<html>") -> Document:
    """HTML to Document. `url` (the page's address) wins over the canonical/og:url of the page."""
    if not html or not html.strip():
        raise InputError(source_name, "empty input: no text to analyse")
    html = sanitise_html(html)
    found = {} if _too_much_markup(html) else _trafilatura(html, url)
    text = found.get("text") or ""
    title = _clean_field(found.get("title"))
    if not text.strip():
        text, fallback_title = _plain_rendering(html)
        title = title or _clean_field(fallback_title)
    # trafilatura gives one paragraph per line; Documents separate paragraphs by blank lines.
    # An indented line break is the page source's own line wrapping inside a paragraph.
    text = re.sub(r"\n[ \t]+", " ", text)
    body = normalise_paragraphs("\n\n".join(text.split("\n")))
    paragraphs = body.split("\n\n") if body else []
    if title and len(paragraphs) > 1 and same_words(paragraphs[0], title):
        body = "\n\n".join(paragraphs[1:])  # the headline repeated at the top of the body
    if not body.strip():
        raise InputError(source_name, NO_TEXT)
    page_url = _clean_field(found.get("url"))
    page_url = page_url if page_url and page_url.startswith(("http://", "https://")) else None
    doc = build_document(
        body,
        source_name=source_name,
        input_format="html",
        title=title,
        byline=_clean_field(found.get("author")),
        date=_clean_field(found.get("date")),
        url=url or page_url,
    )
    sitename = _clean_field(found.get("sitename"))
    if sitename:
        doc.cache["sitename"] = sitename
    return doc
