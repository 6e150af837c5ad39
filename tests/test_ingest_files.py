"""`load` on files and standard input: formats, encodings, and one clean error per bad input."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from newsift.errors import InputError
from newsift.ingest import from_bytes, load

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
RUSSIAN = "Президент заявил, что переговоры продолжатся.\n\nМосква, Россия."


def _error(source: str, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        load(source, **kwargs)
    return info.value


# --- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "input_format", "title"),
    [
        ("article.txt", "text", "Council approves new cycle lanes for city centre"),
        ("article.html", "html", "Flood waters rise in river town"),
        ("article.json", "json", "Rail strike called off after late-night talks"),
    ],
)
def test_fixture_files(name: str, input_format: str, title: str) -> None:
    path = str(FIXTURES / name)
    doc = load(path)
    assert (doc.input_format, doc.title, doc.source_name) == (input_format, title, path)
    assert len(doc.sentences) >= 2


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_bytes()
    (tmp_path / "page.dat").write_bytes(html)
    (tmp_path / "story").write_bytes(b'{"text": "From a JSON file. Another sentence."}')
    assert load(str(tmp_path / "page.dat")).input_format == "html"
    assert load(str(tmp_path / "story")).input_format == "json"


def test_user_url_and_title_override(tmp_path: Path) -> None:
    path = FIXTURES / "article.html"
    doc = load(str(path), url="https://www.theguardian.com/x", title="My title")
    assert (doc.title, doc.domain) == ("My title", "theguardian.com")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "article.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = load("-")
    assert doc.source_name == "<stdin>"
    assert doc.byline == "Jane Doe and John Roe, Reuters"


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    err = _error("-")
    assert str(err) == "<stdin>: empty input: no text to analyse"


def test_oversized_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsift.ingest.files.MAX_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * 5000)))
    err = _error("-")
    assert str(err) == "<stdin>: input too large: over the 1,000 bytes limit"


# --- encodings --------------------------------------------------------------------------------


def test_latin1_is_detected_and_listed_as_a_repair(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Plain start of the text. " + "Caf\u00e9 au lait.".encode("latin-1"))
    doc = load(str(path))
    assert doc.text == "Plain start of the text. Caf\u00e9 au lait."
    assert (doc.repairs[0].kind, doc.repairs[0].after) == ("encoding_detected", "Windows-1252")


def test_encoding_argument_decodes(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    doc = load(str(path), encoding="cp1251")
    assert doc.text == RUSSIAN
    doc = load(str(path), encoding="windows-1251")
    assert doc.text == RUSSIAN


def test_unknown_encoding_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.", encoding="utf-8")
    assert _error(str(path), encoding="klingon").reason == "unknown encoding 'klingon'"


def test_bom_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(RUSSIAN.encode("utf-16"))  # with a BOM, and full of NUL bytes
    assert load(str(path)).text == RUSSIAN
    path.write_bytes(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    assert load(str(path)).text == RUSSIAN


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"</head><body><p>{RUSSIAN.splitlines()[0]}</p><p>Москва, Россия.</p></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    doc = load(str(path))
    assert doc.text.startswith("Президент заявил")


def test_http_charset_is_honoured() -> None:
    doc = from_bytes(
        RUSSIAN.encode("koi8_r"), source_name="x", content_type="text/plain; charset=koi8-r"
    )
    assert doc.text == RUSSIAN


# --- bad files --------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    err = _error(path)
    assert str(err) == f"{path}: file not found"


def test_directory(tmp_path: Path) -> None:
    assert _error(str(tmp_path)).reason == "is a directory, not a file"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    err = _error(str(path))
    assert str(err) == f"{path}: empty input: no text to analyse"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"text\x00with\x00nul bytes", "binary file, not text or HTML"),
        (bytes(range(1, 32)) * 20, "binary file, not text or HTML"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "binary file, not text or HTML (looks like a PDF",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file, not text or HTML (looks like a PNG"),
    ],
)
def test_binary_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    assert _error(str(path)).reason.startswith(reason)


def test_large_file_fails_fast_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: 50 MB on paper, nothing written
        f.truncate(50 * 2**20)
    started = time.perf_counter()
    err = _error(str(path))
    assert time.perf_counter() - started < 1.0
    assert err.reason == "file too large: 50.0 MB (limit 10.0 MB)"


def test_html_file_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    assert _error(str(path)).reason == "no article text found in the HTML"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[1, 2, 3]", "JSON input must be an object, not an array"),
        ('{"title": "x"}', "JSON object has no 'text' or 'html' field"),
        ("{not json", "invalid JSON"),
    ],
)
def test_bad_json_file(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    err = _error(str(path))
    assert err.input_name == str(path)
    assert err.reason.startswith(reason)


@pytest.mark.parametrize("source", ["ftp://example.com/a.txt", "file:///etc/passwd"])
def test_unsupported_url_scheme(source: str) -> None:
    scheme = source.split(":")[0]
    err = _error(source)
    assert str(err) == f"{source}: unsupported URL scheme '{scheme}'; only http and https"
