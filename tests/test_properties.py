"""Property-based tests (hypothesis) over every entry point that takes untrusted input.

Invariants: the only exception is the project's InputError; every finding's span and every
sentence lies inside the report's text; the report encodes to JSON (the standard library and
the API's orjson encoder) and decodes back to the same data.

Modest by default (this runs in every test session); NEWSIFT_HYPOTHESIS_EXAMPLES=2000 raises
the number of examples per test for a long fuzzing run.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsift.errors import InputError
from newsift.findings import Report
from newsift.ingest.formats import from_bytes
from newsift.ingest.html import from_html

settings.register_profile(
    "newsift",
    max_examples=int(os.environ.get("NEWSIFT_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,  # a shared CI machine is slow at times; time is tested by the scaling tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("newsift")

# --- strategies -----------------------------------------------------------------------------

WORDS = [
    "The", "mayor", "said", "on", "Tuesday", "that", "sources", "say", "Donate", "now",
    "traitor", "shocking", "you", "won't", "believe", "officials", "told", "reporters",
    "Поддержите", "нас", "нужно", "собрать", "рублей", "сообщили", "источники",
    "Selon", "des", "sources", "proches", "du", "dossier", "été", "déçu", "à", "Noël",
    "وقال", "المتحدث", "שלום", "עולם", "中文", "新闻", "日本語", "한국어",
    "😀", "👍🏽", "🇫🇷", "👨‍👩‍👧", "e\u0301", "a\u0308\u0323",
    "\u200b", "\u200d", "\u202e", "\u2066",
    "\ufeff", "\ufffd", "\ud800", "\udfff", "\udbff\udfff", "\x00", "\x02", "\x1b[2J", "\x07",
    "\x9b", "\x7f", "\r", "\r\n", "\t", "\n\n", "\u2028", "\u0085", '"', "“", "”", "«", "»",
    "'", "(", ")", "[bold]", "&amp;", "&#0;", "&#xd800;", "<", ">", ".", "?", "!", "...", "—",
]  # fmt: skip

# Every code point hypothesis can draw, surrogates and controls included.
any_char = st.characters(codec=None, categories=None, exclude_categories=())
token = st.one_of(
    st.sampled_from(WORDS),
    st.text(any_char, max_size=8),
    st.integers(1, 400).map(lambda n: "!" * n),  # runs of "!" once took quadratic time
    st.integers(1, 60).map(lambda n: "?!" * n),
)
separator = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ", ", "! "])
texts = st.lists(st.tuples(token, separator), max_size=60).map(
    lambda parts: "".join(t + s for t, s in parts)
)

TAGS = ["p", "div", "span", "b", "td", "tr", "table", "article", "h1", "a", "script", "style"]


def _element(tag_and_children: tuple[str, str, list[str]]) -> str:
    tag, attrs, children = tag_and_children
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


attributes = st.sampled_from(
    ["", ' class="x"', " id=a", ' href="javascript:alert(1)"', " x=\x02", ' title="\ud800"', " a"]
)
html_leaf = st.one_of(
    texts,
    st.sampled_from(["<br>", "<!--", "-->", "<![CDATA[x]]>", "<?xml?>", "</p>", "<p", "&", "\x1b"]),
)
html_tree = st.recursive(
    html_leaf,
    lambda children: st.tuples(
        st.sampled_from(TAGS), attributes, st.lists(children, max_size=4)
    ).map(_element),
    max_leaves=25,
)
htmls = st.one_of(
    html_tree,
    html_tree.map(lambda body: f"<html><head><title>T</title></head><body>{body}</body></html>"),
)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=10,
)
json_docs = st.one_of(
    st.fixed_dictionaries(
        {"text": texts},
        optional={"title": texts, "url": texts, "html": htmls, "byline": json_values},
    ),
    json_values,
).map(lambda obj: json.dumps(obj, ensure_ascii=True))  # lone surrogates become \ud800 escapes

CONTENT_TYPES = [
    None,
    "text/plain",
    "text/plain; charset=utf-8",
    "text/plain; charset=iso-8859-1",
    "text/html",
    "text/html; charset=windows-1251",
    "text/html; charset=bogus",
    "application/json",
    "application/xhtml+xml",
    "image/png",
    "application/octet-stream",
]
payloads = st.one_of(
    st.binary(max_size=400),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("cp1251", "replace")),
    texts.map(lambda t: t.encode("latin-1", "replace")),
    texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    htmls.map(lambda h: h.encode("utf-8", "surrogatepass")),
    json_docs.map(str.encode),
    st.sampled_from(
        [b"\x89PNG\r\n\x1a\n" + bytes(40), b"\x1f\x8b\x08\x00" + bytes(40), b"%PDF-1.4"]
    ),
)
SOURCE_NAMES = ["story.txt", "page.html", "data.json", "upload", "<stdin>"]

# --- invariants -----------------------------------------------------------------------------


def _same_json(a: Any, b: Any) -> bool:
    """Equal as JSON data, NaN equal to NaN (or to None: orjson writes NaN as null)."""
    if isinstance(a, float) and math.isnan(a):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_json(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):  # to_dict keeps tuples
        return len(a) == len(b) and all(_same_json(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def check_report(report: Report) -> None:
    from newsift.api.service import encode_report

    text = report.article.text
    n = len(text)
    for f in report.findings:
        assert (f.start is None) == (f.end is None), f
        if f.start is not None:
            assert 0 <= f.start <= f.end <= n, (f.detector, f.label, f.start, f.end, n)
    for start, end in report.article.sentences:
        assert 0 <= start <= end <= n, (start, end, n)

    data = report.to_dict()
    as_text = report.to_json()
    as_text.encode("utf-8")  # strict: no lone surrogate anywhere in the report
    assert _same_json(json.loads(as_text), data)
    plain = json.dumps(data, ensure_ascii=False, allow_nan=True)
    plain.encode("utf-8")
    assert _same_json(json.loads(plain), data)
    api = json.loads(encode_report(report))  # orjson, as the API answers
    assert _same_json(data, api)
    assert api["article"]["text"] == text


# --- the properties -------------------------------------------------------------------------


@PROFILE
@given(text=texts, title=st.none() | texts)
def test_analyze_text(analyzer, text, title):
    try:
        report = analyzer.analyze(text, title=title)
    except InputError:
        event("refused with InputError")
        return
    check_report(report)


@PROFILE
@given(html=htmls)
def test_analyze_html_string(analyzer, html):
    try:
        report = analyzer.analyze(html)
    except InputError:
        event("refused with InputError")
        return
    check_report(report)


@PROFILE
@given(html=htmls, url=st.sampled_from([None, "https://example.com/a", "http://[::1", "x"]))
def test_from_html(analyzer, html, url):
    try:
        doc = from_html(html, url=url)
    except InputError:
        event("refused with InputError")
        return
    assert isinstance(doc.text, str) and doc.text.strip()
    check_report(analyzer.analyze_document(doc))


@PROFILE
@given(
    data=payloads, content_type=st.sampled_from(CONTENT_TYPES), name=st.sampled_from(SOURCE_NAMES)
)
def test_from_bytes(analyzer, data, content_type, name):
    try:
        doc = from_bytes(data, source_name=name, content_type=content_type)
    except InputError:
        event("refused with InputError")
        return
    check_report(analyzer.analyze_document(doc))


@PROFILE
@given(doc=json_docs)
def test_json_documents(analyzer, doc):
    try:
        document = from_bytes(doc.encode(), source_name="doc.json", content_type="application/json")
    except InputError:
        event("refused with InputError")
        return
    check_report(analyzer.analyze_document(document))
