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
