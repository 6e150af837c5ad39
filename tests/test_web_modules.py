"""The web page's script is a tree of ES modules served as they are: every one must be reachable.

A browser refuses a module served with a non-JavaScript type, and a module missing from the
package data or the static route breaks the whole page, so the tree is walked from the page's
`<script type="module">` through every `import ... from "./x.js"`, as a browser resolves them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from newsift.api import Settings, create_app
from newsift.api.app import WEB_DIR

ENTRY = re.compile(r'<script\s+type="module"\s+src="([^"]+)"')
IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"(\.{1,2}/[^"]+)";', re.M)
JS_TYPES = ("text/javascript", "application/javascript")


@pytest.fixture(scope="module")
def client() -> TestClient:
    # No lifespan (no `with`): serving the page and its files needs no detector.
    return TestClient(create_app(Settings(warm_up=False)))


def served_modules(client: TestClient) -> dict[str, str]:
    """Path -> source of every module reached from the page's entry script, checked as fetched."""
    page = client.get("/")
    entries = ENTRY.findall(page.text)
    assert entries, "the page loads no module script"
    todo = [urljoin("http://testserver/", src) for src in entries]
    found: dict[str, str] = {}
    while todo:
        url = todo.pop()
        path = urlsplit(url).path
        if path in found:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].split(";")[0].strip() in JS_TYPES, path
        found[path] = response.text
        todo.extend(urljoin(url, spec) for spec in IMPORT.findall(response.text))
    return found


def test_every_imported_module_is_served_as_javascript(client):
    modules = served_modules(client)
    assert "/static/app.js" in modules
    # Every module the entry imports is itself served (checked in served_modules), and the
    # entry does import the page's parts rather than holding them all.
    assert len(modules) > 1


def test_every_module_in_the_web_folder_is_used_by_the_page(client):
    shipped = {f"/static/{p.name}" for p in WEB_DIR.glob("*.js")}
    assert set(served_modules(client)) == shipped


def test_no_module_loads_from_outside_or_writes_markup(client):
    external = re.compile(r"(src|href)\s*=\s*[\"']?(https?:)?//|@import|url\(\s*[\"']?https?:")
    unsafe = re.compile(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write")
    for path, source in served_modules(client).items():
        assert not external.search(source), path
        assert not unsafe.search(source), path
        assert not re.search(r"\bimport\s*\(|from\s+\"(?!\.{1,2}/)", source), path
