"""End-to-end: the Coverage panel of `newsift serve --corpus` in headless Chromium.

Needs what test_browser.py needs (Debian chromium, Playwright for Python); skips without them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from test_browser import open_page, serving

from test_serve_coverage import FIRE_ARTICLE, FIRE_LABEL, build_corpus

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory) -> Iterator[str]:
    from newsift.api import Settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSIFT_HOME", str(tmp_path_factory.mktemp("home")))
        corpus = build_corpus(tmp_path_factory.mktemp("corpus"))
        with serving(Settings(analysis_processes=0, corpus_path=corpus)) as url:
            yield url


@pytest.fixture
def page(browser, corpus_url):
    context, page = open_page(browser, corpus_url)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _analyse(page) -> dict:
    page.fill("#article-text", FIRE_ARTICLE)
    with page.expect_response(lambda r: r.url.endswith("/v1/analyze")) as response_info:
        page.click("#analyze-btn")
    page.wait_for_selector("#coverage:not([hidden])", timeout=60_000)
    return response_info.value.json()


def test_the_panel_shows_the_story_the_outlets_and_a_disputing_outlet(page):
    report = _analyse(page)
    assert page.text_content("#coverage .coverage-label") == FIRE_LABEL
    assert "4 articles from 4 outlets" in page.text_content("#coverage .coverage-story")
    assert page.locator("#coverage .coverage-article").count() == len(
        report["coverage"]["articles"]
    )
    disputes = page.locator("#coverage .verdict.v-disputes")
    assert disputes.count() >= 1
    badge = disputes.first
    assert "loudvoice.example" in badge.text_content() and "disputes" in badge.text_content()
    badge.click()  # opens the conflicting figures and the evidence sentence
    detail = page.locator("#coverage .verdict-detail:not([hidden])")
    assert "1,200" in detail.text_content()
    assert page.page_errors == [] and page.outside_requests == []


def test_corpus_strings_are_text_and_only_web_addresses_become_links(page):
    report = _analyse(page)
    coverage = report["coverage"]
    coverage["articles"][0]["title"] = HOSTILE_TITLE
    coverage["articles"][0]["url"] = "javascript:alert(2)"
    coverage["claims"][0]["claim"] = '<b id="injected">bold</b>'
    page.route(
        "**/v1/analyze",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(report)
        ),
    )
    page.click("#analyze-btn")
    page.wait_for_function(
        "t => [...document.querySelectorAll('#coverage .coverage-title')]"
        ".some(n => n.textContent === t)",
        arg=HOSTILE_TITLE,
        timeout=30_000,
    )
    page.wait_for_timeout(300)
    assert page.locator("#coverage img, #injected").count() == 0
    first = page.locator("#coverage .coverage-title").first
    assert first.text_content() == HOSTILE_TITLE
    assert first.evaluate("n => n.tagName") == "SPAN"  # a javascript: url is not a link
    links = page.locator("#coverage a.coverage-title")
    assert links.count() == len(coverage["articles"]) - 1
    assert all(h.startswith("https://") for h in links.evaluate_all("ns => ns.map(n => n.href)"))
    assert page.dialogs == [] and page.page_errors == []


def test_a_report_without_coverage_hides_the_panel(page):
    report = _analyse(page)
    del report["coverage"]
    page.route(
        "**/v1/analyze",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(report)
        ),
    )
    page.click("#analyze-btn")
    page.wait_for_selector("#coverage", state="hidden", timeout=30_000)
    assert page.locator("#coverage-body > *").count() == 0
