"""End-to-end: the web page in headless Chromium against a real `newsift serve` app.

Needs the Debian packages chromium + chromium-driver and Playwright for Python (no browser
download: the system Chromium is used). Skips with the reason when either is missing.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Chromium is not installed (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path("/tmp/newsift-e2e.png")
XSS_ARTICLE = (
    "The council met on Monday and approved the budget, officials said.\n\n"
    "A reader posted <script>window.__xss=1</script> and "
    '<img src=x onerror="window.__xss=2"> under the story.'
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(settings) -> Iterator[str]:
    """The real app (every registered detector) served by uvicorn in a thread."""
    import uvicorn

    from newsift.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    from newsift.api import Settings

    # As `newsift serve` runs by default: analyses in a separate process.
    with serving(Settings(analysis_processes=1)) as url:
        yield url


def open_page(browser, base_url: str):
    """A fresh page that may reach the app only: any other request is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.outside_requests = []
    page.page_errors = []

    def guard(route) -> None:
        if route.request.url.startswith((base_url, "blob:", "data:")):
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    page.goto(base_url + "/")
    return context, page


@pytest.fixture
def page(browser, server_url):
    context, page = open_page(browser, server_url)
    yield page
    context.close()


def analyse_text(page, text: str) -> None:
    page.fill("#article-text", text)
    page.click("#analyze-btn")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)


def test_partisan_example_shows_highlights_score_and_explanations(page):
    analyse_text(page, (EXAMPLES / "partisan.txt").read_text(encoding="utf-8"))

    propaganda = page.locator('#article-body mark.hl[data-category="propaganda"]')
    fundraising = page.locator('#article-body mark.hl[data-category="fundraising"]')
    propaganda.first.wait_for(state="visible")
    assert fundraising.first.is_visible()
    highlighted = " ".join(propaganda.all_text_contents()).lower()
    assert "bully boy" in highlighted
    assert "donat" in " ".join(fundraising.all_text_contents()).lower()

    score = int(page.text_content("#score-value"))
    assert 0 <= score <= 100
    assert page.text_content("#score-band") in {"reliable", "mixed", "unreliable"}
    assert page.locator("#contributions li.contribution").count() >= 2
    # The reports' order: what lowers trust first, largest first, then what raises it.
    shown = [
        float(t) for t in page.locator("#contributions li.contribution .points").all_text_contents()
    ]
    assert shown == sorted(shown, key=lambda p: (p >= 0, -abs(p)))
    assert shown[0] < 0  # this article's largest contribution lowers trust, and comes first
    assert page.locator('#legend .chip[data-category="propaganda"]').is_visible()
    assert page.locator("#claims li").count() >= 1

    # Hover shows the explanation, with the technique's definition for propaganda.
    mark = propaganda.filter(has_text="bully boy").first
    mark.hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    explanation = tooltip.text_content().lower()
    assert "propaganda" in explanation and "definition:" in explanation
    assert len(explanation) > 60
    # Clicking pins it; Escape closes it.
    mark.click()
    assert "pinned" in (tooltip.get_attribute("class") or "")
    page.keyboard.press("Escape")
    assert tooltip.is_hidden()

    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # The legend filters a category out of the article and back in.
    chip = page.locator('#legend .chip[data-category="propaganda"]')
    chip.click()
    assert propaganda.count() == 0
    assert fundraising.count() > 0
    chip.click()
    assert propaganda.count() > 0

    # The report downloads as JSON that matches what the page shows.
    with page.expect_download() as download_info:
        page.click("#download-btn")
    report = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert round(report["reliability"]["score"]) == score

    assert page.outside_requests == []
    assert page.page_errors == []


def test_article_markup_is_shown_as_text_and_never_runs(page):
    analyse_text(page, XSS_ARTICLE)
    page.wait_for_timeout(300)  # give an injected onerror handler the time it would need
    assert page.evaluate("typeof window.__xss") == "undefined"
    body = page.locator("#article-body")
    shown = body.text_content()
    assert "<script>window.__xss=1</script>" in shown
    assert '<img src=x onerror="window.__xss=2">' in shown
    assert body.locator("script, img").count() == 0
    assert page.page_errors == []


def test_an_html_file_can_be_opened(page):
    page.set_input_files("#file-input", str(EXAMPLES / "partisan.html"))
    page.wait_for_selector("#file-note:not([hidden])")
    page.click("#analyze-btn")
    page.wait_for_selector('#article-body mark.hl[data-category="fundraising"]', timeout=30_000)
    assert "<" not in page.text_content("#article-body")[:200]
    assert page.outside_requests == []


def test_errors_are_shown_to_the_analyst(page):
    page.click("#tab-url")
    page.fill("#article-url", "http://127.0.0.1:9/private-story")
    page.click("#analyze-btn")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert error.text_content().strip()
    assert page.locator("#results").is_hidden()


def test_api_docs_render_offline(page, server_url):
    page.goto(server_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert "/v1/analyze" in page.text_content(".swagger-ui")
    assert page.outside_requests == []


def _russian_page(declared_charset: str) -> str:
    return (
        f'<html><head><meta charset="{declared_charset}"><title>Новости</title></head><body>'
        "<article><h1>Москва объявила новые меры</h1>"
        "<p>Правительство России в понедельник объявило новые меры поддержки для семей, "
        "сообщили в министерстве. Решение вступит в силу в январе.</p>"
        "<p>По словам чиновников, программа обойдётся бюджету в 40 миллиардов рублей.</p>"
        "</article></body></html>"
    )


def test_a_legacy_encoded_html_file_is_decoded(page, tmp_path):
    html = _russian_page("windows-1251")
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("windows-1251"))
    page.set_input_files("#file-input", str(path))
    page.wait_for_selector("#file-note:not([hidden])")
    page.click("#analyze-btn")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    assert "Правительство России" in page.text_content("#article-body")


def test_a_page_that_declares_the_wrong_charset_is_decoded_on_the_server(page, tmp_path):
    # Declares UTF-8 but is Windows-1251: the browser sends the bytes, the server detects.
    html = _russian_page("utf-8")
    path = tmp_path / "lying.html"
    path.write_bytes(html.encode("windows-1251"))
    page.set_input_files("#file-input", str(path))
    page.wait_for_selector("#file-note:not([hidden])")
    assert "detected on the server" in page.text_content("#file-note")
    page.click("#analyze-btn")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    body = page.text_content("#article-body")
    assert "Правительство России" in body
    assert "\ufffd" not in body


def test_saved_analyses_can_be_reopened(browser, tmp_path):
    from newsift.api import Settings

    with serving(Settings(store_path=tmp_path / "analyses.sqlite")) as url:
        context, page = open_page(browser, url)
        try:
            analyse_text(page, (EXAMPLES / "wire.txt").read_text(encoding="utf-8"))
            wire_title = page.text_content("#article-title-out")
            analyse_text(page, (EXAMPLES / "partisan.txt").read_text(encoding="utf-8"))
            history = page.locator("#history-list li")
            expect = playwright_api.expect
            expect(history).to_have_count(2)
            page.click("#history summary")
            history.filter(has_text=wire_title).first.click()
            page.wait_for_function(
                "t => document.querySelector('#article-title-out').textContent === t",
                arg=wire_title,
            )
            assert page.locator('#article-body mark.hl[data-category="fundraising"]').count() == 0
        finally:
            context.close()


# Emoji, a flag, a ZWJ family, a skin-tone modifier (all outside the BMP: two UTF-16 units each
# in the browser, one code point each in the report) and combining accents ("q\u0301" has no
# precomposed form, so it stays two code points after NFC) before and between highlights.
UNICODE_ARTICLE = (
    "😀😀😀 Big news. Sources say the mayor lied about the budget. "
    "Cafe\u0301 owners, q\u0301 staff 🇫🇷 👩\u200d👩\u200d👧 were not asked.\n\n"
    "According to people familiar with the matter, the vote was rigged. "
    "Please donate today to keep our reporting free! 🙏🏽 We are the only truly independent voice."
)
UNICODE_SHOT = Path("/tmp/newsift-e2e-unicode.png")


def analyse_and_capture(page, text: str) -> dict:
    """Analyse `text` on the page; the report exactly as the server sent it."""
    page.fill("#article-text", text)
    with page.expect_response(lambda r: r.url.endswith("/v1/analyze")) as response_info:
        page.click("#analyze-btn")
    page.wait_for_selector("#results:not([hidden])", timeout=30_000)
    return response_info.value.json()


def marked_text(page, index: int) -> str:
    """The text the page highlights for finding `index`: its marks, in document order."""
    return page.evaluate(
        """i => [...document.querySelectorAll('#article-body mark.hl')]
            .filter(m => m.dataset.findings.split(' ').includes(String(i)))
            .map(m => m.textContent).join('')""",
        index,
    )


def test_highlights_land_on_the_right_words_after_emoji_and_combining_marks(page):
    report = analyse_and_capture(page, UNICODE_ARTICLE)
    text = report["article"]["text"]
    assert "😀😀😀" in text and "q\u0301" in text  # the tricky characters reach the page

    # Named spans, each after several non-BMP characters.
    anonymous = page.locator('#article-body mark.hl[data-label="anonymous_source"]')
    assert anonymous.all_text_contents() == ["Sources say", "people familiar with"]
    boilerplate = page.locator('#article-body mark.hl[data-label="neutrality_boilerplate"]')
    assert boilerplate.all_text_contents() == ["truly independent voice"]

    # Every span-level finding is drawn over exactly the code points the report names.
    spans = [(i, f) for i, f in enumerate(report["findings"]) if f["start"] is not None]
    assert len(spans) >= 5
    for index, f in spans:
        assert marked_text(page, index) == text[f["start"] : f["end"]], f["label"]

    # The side panel's claim texts are sliced with the same converted offsets.
    claims = [c.strip() for c in page.locator("#claims .claim-text").all_text_contents()]
    assert "Sources say the mayor lied about the budget." in claims

    # The download is the server's report, offsets untouched (code points, as documented).
    with page.expect_download() as download_info:
        page.click("#download-btn")
    downloaded = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert downloaded["findings"] == report["findings"]
    assert downloaded["article"]["sentences"] == report["article"]["sentences"]
    page.screenshot(path=str(UNICODE_SHOT), full_page=True)
    assert page.page_errors == []


RUSSIAN_ARTICLE = (
    "Правительство России в понедельник объявило новые меры поддержки для семей с детьми, "
    "сообщили в министерстве труда. Решение вступит в силу в январе следующего года.\n\n"
    "По словам чиновников, программа обойдётся федеральному бюджету в сорок миллиардов рублей. "
    "Эксперты считают, что этого недостаточно.\n\n"
    "Поддержите нас: нам нужно собрать 100 000 рублей, чтобы продолжать работу."
)


def test_a_russian_article_names_its_language_and_the_detectors_not_run(page):
    report = analyse_and_capture(page, RUSSIAN_ARTICLE)
    assert report["article"]["language"] == "ru"
    assert report["skipped"], "the English-only detectors should be listed as skipped"

    language = page.text_content("#article-language")
    assert "Russian" in language and "%" in language
    note = page.locator("#skipped-note")
    assert note.is_visible()
    line = note.text_content()
    assert line.startswith("Not run for this language (Russian):")
    assert "\n" not in line
    for skipped in report["skipped"]:
        assert skipped["detector"].replace("_", " ") in line
        assert skipped["reason"] in line
    assert page.page_errors == []


def test_an_english_article_shows_no_skip_line(page):
    report = analyse_and_capture(page, (EXAMPLES / "wire.txt").read_text(encoding="utf-8"))
    assert not report.get("skipped")
    assert page.locator("#skipped-note").is_hidden()


def test_language_and_skip_fields_are_shown_as_text_only(page):
    """A hostile report (as a tampered store could hold) cannot inject markup through them."""
    report = analyse_and_capture(page, "The council met on Monday, officials said.")
    report["article"]["language"] = '<img src=x onerror="window.__xss=3">'
    report["article"]["language_confidence"] = 0.5
    report["skipped"] = [
        {"detector": "<b>clickbait</b>", "reason": '<img src=x onerror="window.__xss=4">'},
        {"detector": "propaganda", "reason": '<img src=x onerror="window.__xss=4">'},
    ]
    page.route(
        "**/v1/analyze",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(report)
        ),
    )
    page.click("#analyze-btn")
    page.wait_for_function("() => !document.querySelector('#skipped-note').hidden", timeout=30_000)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    line = page.text_content("#skipped-note")
    # Grouped by reason into one line: both detectors, the reason once.
    assert "<b>clickbait</b>, propaganda — <img src=x" in line
    assert line.count("__xss=4") == 1
    assert page.locator("#article-head img, .article-head img, .article-head b").count() == 0
    assert page.page_errors == []
