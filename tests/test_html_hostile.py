"""Hostile HTML: characters lxml refuses and attribute stuffing must not crash or stall ingest."""

from __future__ import annotations

import pytest

from newsift.errors import InputError
from newsift.ingest.html import from_html, sanitise_html


@pytest.mark.parametrize("html", ["\x02", "<td></td>\x1b", "<p>\x00</p>"])
def test_control_character_only_pages_are_an_input_error(html: str) -> None:
    # lxml raised ValueError "All strings must be XML compatible" here: an internal error.
    with pytest.raises(InputError):
        from_html(html)


@pytest.mark.parametrize("bad", ["\x02", "\x1b", "\x0b", "\ud800", "\uffff"])
def test_control_characters_inside_text_keep_the_words(bad: str) -> None:
    doc = from_html(f"<html><body><p>Rain fell{bad} on the town.</p></body></html>")
    assert "Rain fell" in doc.text and "on the town" in doc.text
    assert bad not in doc.text


def test_stuffed_start_tag_loses_its_attributes_but_not_its_text() -> None:
    attrs = " ".join(f'a{i}="x"' for i in range(2000))
    html = f"<html><body><div {attrs}><p>The council met on Monday.</p></div></body></html>"
    assert "a1999" not in sanitise_html(html)
    assert "The council met on Monday." in from_html(html).text


def test_ordinary_attributes_are_kept() -> None:
    html = '<p class="lead" id="x">Hi</p>'
    assert sanitise_html(html) == html


@pytest.mark.parametrize("attributes", ["", ' a="1" b="2"'])
def test_a_page_with_too_much_markup_is_read_by_the_plain_rendering(
    monkeypatch, attributes: str
) -> None:
    from newsift.ingest import html as html_module

    monkeypatch.setattr(html_module, "MAX_MARKUP_ITEMS", 50 if not attributes else 100)
    called = []
    monkeypatch.setattr(html_module, "_trafilatura", lambda *a: called.append(a) or {})
    n = 60 if not attributes else 40  # 40 tags alone are under 100; with their "=" signs over
    words = "".join(f"<b{attributes}>w{i}</b> " for i in range(n))
    page = f"<html><body><p>{words}</p><p>The council met on Monday.</p></body></html>"
    doc = from_html(page)
    assert called == []  # the extractor never saw it
    assert "w0 w1" in doc.text and f"w{n - 1}" in doc.text
    assert "The council met on Monday." in doc.text
    few = "<html><body><p>The council met on Monday to approve the budget.</p></body></html>"
    from_html(few)
    assert len(called) == 1  # an ordinary page still goes to the extractor
