"""from_url against a local threaded HTTP server: articles, failures, limits, private addresses."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsift.errors import FetchError, InputError
from newsift.ingest import from_url, load

ARTICLE = (Path(__file__).parent / "fixtures" / "ingest" / "article.html").read_bytes()
RUSSIAN = "Президент заявил, что переговоры продолжатся. Москва, Россия."


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/moved":
            self._redirect("/article")
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        elif path == "/paper.pdf":
            self._send(200, b"%PDF-1.7\n...", "application/pdf")
        elif path == "/photo":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, b"<p>Too late.</p>", "text/html")
        elif path in ("/loop-a", "/loop-b"):
            self._redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{n + 1}")
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * 20_000 + b"</p>", "text/html")
        elif path == "/big-unlabelled":
            # no Content-Length: the cap must stop the streamed read itself
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"word " * 20_000)
        elif path == "/host":
            body = f"Served for host {self.headers.get('Host')} today.".encode()
            self._send(200, body, "text/plain")
        elif path == "/cp1251":
            self._send(200, RUSSIAN.encode("cp1251"), "text/plain; charset=windows-1251")
        elif path == "/json":
            self._send(
                200,
                b'{"text": "Served as JSON. Second sentence.", "title": "J"}',
                "application/json",
            )
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours proxy variables; a proxy in the environment must not see local requests."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # do not wait for the deliberately slow handler
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _error(url: str, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        from_url(url, **kwargs)
    assert info.value.input_name == url
    return info.value


def test_article(server: str) -> None:
    doc = from_url(f"{server}/article")
    assert doc.title == "Flood waters rise in river town"
    assert doc.byline == "Maria Lopez"
    assert doc.input_format == "url"
    assert doc.source_name == f"{server}/article"
    assert doc.text.startswith("Flood waters rose by nearly a metre")
    assert len(doc.text.split("\n\n")) == 4
    # The page was really fetched from an IP address: its canonical link cannot claim a
    # publisher's domain (that would let any server borrow a reputation).
    assert doc.url == f"{server}/article"
    assert doc.domain is None


def test_load_url_with_user_url_gives_domain(server: str) -> None:
    doc = load(f"{server}/article", url="https://www.valleycourier.co.uk/news/x")
    assert doc.domain == "valleycourier.co.uk"


def test_redirect_followed(server: str) -> None:
    doc = from_url(f"{server}/moved")
    assert doc.title == "Flood waters rise in river town"
    assert doc.url == f"{server}/article"


def test_http_errors(server: str) -> None:
    assert str(_error(f"{server}/missing")) == f"{server}/missing: HTTP 404 Not Found"
    assert _error(f"{server}/broken").reason == "HTTP 500 Internal Server Error"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/paper.pdf", "unsupported content type 'application/pdf' (a PDF document)"),
        ("/photo", "unsupported content type 'image/png' (an image file)"),
    ],
)
def test_unreadable_content_types(server: str, path: str, reason: str) -> None:
    assert _error(f"{server}{path}").reason.startswith(reason)


def test_timeout(server: str) -> None:
    started = time.perf_counter()
    err = _error(f"{server}/slow", timeout=0.5)
    assert err.reason == "timed out after 0.5 s"
    assert time.perf_counter() - started < 1.8


def test_redirect_loop(server: str) -> None:
    assert _error(f"{server}/loop-a").reason.startswith("redirect loop")


def test_too_many_redirects(server: str) -> None:
    err = _error(f"{server}/chain/0", max_redirects=3)
    assert err.reason == "too many redirects (more than 3)"


def test_body_over_the_cap(server: str) -> None:
    err = _error(f"{server}/big", max_bytes=10_000)
    assert err.reason == "response too large: 100,007 bytes (limit 10,000 bytes)"
    err = _error(f"{server}/big-unlabelled", max_bytes=10_000)
    assert err.reason == "response too large: over the 10,000 bytes limit"


def test_http_charset_and_json(server: str) -> None:
    assert from_url(f"{server}/cp1251").text == RUSSIAN
    doc = from_url(f"{server}/json")
    assert (doc.title, doc.input_format) == ("J", "url")


def test_private_addresses_refused(server: str) -> None:
    err = _error(f"{server}/article", allow_private=False)
    assert "private or local address (127.0.0.1)" in err.reason
    err = _error("http://localhost:9/x", allow_private=False)
    assert "private or local address" in err.reason


def test_private_check_applies_to_redirect_hops(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public first hop that redirects to a private address is refused at the redirect."""
    import newsift.ingest.url as url_module

    checked: list[str] = []

    def fake_check(url: str, host: str, port: int, deadline=None, error=InputError) -> list[str]:
        checked.append(host)
        if host == "localhost":  # pretend 127.0.0.1 is public; the redirect target is not
            raise error(url, f"refused: host '{host}' resolves to a private or local address")
        return ["127.0.0.1"]

    monkeypatch.setattr(url_module, "_check_address", fake_check)

    class _Redirector(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/article")
            self.send_header("Content-Length", "0")
            self.end_headers()

    port = int(server.rsplit(":", 1)[1])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        first = f"http://127.0.0.1:{httpd.server_address[1]}/go"
        err = _error(first, allow_private=False)
        assert "localhost" in err.reason
        assert isinstance(err, FetchError)  # the server's redirect failed, not the user's URL
        assert checked == ["127.0.0.1", "localhost"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_vetted_address_is_the_one_connected_to(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No second DNS lookup: the request goes to the checked address, naming the real host."""
    import newsift.ingest.url as url_module

    port = server.rsplit(":", 1)[1]
    monkeypatch.setattr(url_module, "_check_address", lambda url, host, *args: ["127.0.0.1"])
    # news.example.com cannot be resolved offline: success proves the pinned address was used.
    doc = from_url(f"http://news.example.com:{port}/host", allow_private=False)
    assert doc.text == f"Served for host news.example.com:{port} today."
    assert doc.url == f"http://news.example.com:{port}/host"
    assert doc.domain == "example.com"


def test_connection_refused() -> None:
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = _error(f"http://127.0.0.1:{port}/", timeout=2.0)
    assert err.reason.startswith("could not fetch")


def test_ftp_url_refused() -> None:
    err = _error("ftp://example.com/file.txt")
    assert err.reason == "unsupported URL scheme 'ftp'; only http and https"


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("10.1.2.3", True),
        ("192.168.0.10", True),
        ("169.254.169.254", True),  # cloud metadata service (link-local)
        ("224.0.0.1", True),  # multicast
        ("240.0.0.1", True),  # reserved
        ("0.0.0.0", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # IPv4-mapped loopback
        ("fe80::1", True),
        ("93.184.216.34", False),
        ("2606:4700::1111", False),
    ],
)
def test_address_classes(monkeypatch: pytest.MonkeyPatch, address: str, refused: bool) -> None:
    import socket

    import newsift.ingest.url as url_module

    family = socket.AF_INET6 if ":" in address else socket.AF_INET

    def fake_getaddrinfo(host: str, port: int, **kwargs: object) -> list:
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    if refused:
        with pytest.raises(InputError, match="private or local address"):
            url_module._check_address("http://news.test/", "news.test", 80)
    else:
        url_module._check_address("http://news.test/", "news.test", 80)  # no error


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def fail(*args: object, **kwargs: object) -> list:
        raise socket.gaierror("Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    err = _error("http://no-such-host.test/a", allow_private=False)
    assert err.reason == "could not resolve host 'no-such-host.test'"
