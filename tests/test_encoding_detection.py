"""Bytes that are not UTF-8 are detected, wrong declared charsets corrected, binary refused,
and files that are not regular files (FIFOs, devices) refused before they are opened."""

from __future__ import annotations

import gzip
import os
import random
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import Route
from newsift.errors import InputError
from newsift.ingest import from_bytes, load
from newsift.ingest.decode import decode_bytes, encoding_label

FIXTURES = Path(__file__).parent / "fixtures" / "encodings"
FRENCH = FIXTURES / "french_latin1.txt"
RUSSIAN = FIXTURES / "russian_cp1251.txt"
RUSSIAN_LINE = "Президент заявил, что переговоры продолжатся. Москва, Россия."
FRENCH_LINE = "« Nous voulons rendre la place aux piétons », a déclaré l'adjointe à l'été."


def _refused(data: bytes, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, source_name="blob", **kwargs)
    return info.value.reason


# --- detection when the bytes are not UTF-8 ---------------------------------------------------


@pytest.mark.parametrize(
    ("path", "codec", "label", "letters"),
    [
        (FRENCH, "latin-1", "Windows-1252", ("é", "Hélène", "« Nous voulons", "coûtera")),
        (RUSSIAN, "cp1251", "Windows-1251", ("Россия", "объём", "«Мы рассчитываем,")),
    ],
)
def test_fixture_encoding_is_detected(path: Path, codec: str, label: str, letters) -> None:
    data = path.read_bytes()
    doc = load(str(path))
    assert doc.text in data.decode(codec)  # the body, exactly as written
    for word in letters:
        assert word in doc.text
    assert "\ufffd" not in doc.text
    repair = doc.repairs[0]
    assert (repair.kind, repair.before, repair.after) == ("encoding_detected", "UTF-8", label)
    assert f"decoded as {label} (charset-normalizer, confidence 1.00" in repair.explanation
    assert (repair.start, repair.end) == (None, None)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café crème.", "cp1252"),  # short: Windows-1250 reads it as well, 1252 is commoner
        (FRENCH_LINE, "cp1252"),
        ("Die Bürger müssen für die Größe des Haushalts zahlen, heißt es.", "cp1252"),
        (RUSSIAN_LINE, "cp1251"),
        (RUSSIAN_LINE, "koi8_r"),
        ("Η κυβέρνηση ανακοίνωσε την Τετάρτη μεταρρύθμιση των συντάξεων.", "cp1253"),
        ("政府は水曜日、年金改革を発表した。労働組合は反発している。", "shift_jis"),
        # charset-normalizer alone reads these as "Rz¹d og³osi³", "Vlįda ve stųedu", "Vyriausybë
        # treèiadiená" and Cyrillic gibberish: the alphabet check picks the right code page.
        ("Rząd ogłosił w środę reformę emerytalną. Związki zawodowe są rozczarowane.", "cp1250"),
        ("Vláda ve středu oznámila důchodovou reformu. Odbory jsou zklamané.", "cp1250"),
        (
            "Vyriausybė trečiadienį paskelbė pensijų reformą. Profesinės sąjungos nusivylusios.",
            "cp1257",
        ),
        ("הממשלה הודיעה ביום רביעי על רפורמה בפנסיות. האיגודים מאוכזבים.", "cp1255"),
    ],
)
def test_legacy_encodings_decode_to_the_written_text(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec), source_name="x")
    assert decoded.text == text
    assert decoded.repair is not None
    assert decoded.repair.after == encoding_label(codec)


def test_a_letter_that_lower_cases_to_two_code_points_is_scored() -> None:
    from newsift.ingest.alphabets import plausibility

    # "İ".lower() is "i" and a combining dot; b"\x98" decodes to it in some code page (hypothesis)
    assert plausibility("İstanbul İzmir") == 1.0
    assert decode_bytes(b"\x98", source_name="x").text


def test_tiny_input_reports_lower_confidence() -> None:
    repair = decode_bytes("Café crème.".encode("latin-1"), source_name="x").repair
    assert repair is not None
    assert "confidence 0.80" in repair.explanation  # under 32 bytes, as charset-normalizer does


def test_utf8_and_ascii_need_no_repair() -> None:
    for text in ("Plain ASCII text.", FRENCH_LINE, RUSSIAN_LINE):
        decoded = decode_bytes(text.encode("utf-8"), source_name="x")
        assert (decoded.text, decoded.repair) == (text, None)


def test_mostly_utf8_with_a_stray_windows_1252_byte_keeps_utf8() -> None:
    data = (FRENCH_LINE + " ").encode("utf-8") * 3 + "Déjà.".encode("cp1252")
    decoded = decode_bytes(data, source_name="x")
    assert decoded.text == (FRENCH_LINE + " ") * 3 + "Déjà."  # not "dÃ©clarÃ©" everywhere
    assert decoded.repair is not None
    assert decoded.repair.kind == "mixed_encoding"
    assert "except 2 invalid sequences" in decoded.repair.explanation


def test_forced_encoding_overrides_detection() -> None:
    data = RUSSIAN_LINE.encode("cp1251")
    decoded = decode_bytes(data, source_name="x", encoding="mac_cyrillic")
    assert decoded.text == data.decode("mac_cyrillic")  # what the user asked for, no repair
    assert decoded.repair is None
    doc = load(str(RUSSIAN), encoding="windows-1251")
    assert "Россия" in doc.text and doc.repairs == []


def test_one_accent_in_a_page_is_read_as_a_common_encoding() -> None:
    # One "é" is no evidence for Mac Latin-2 ("Cafť"), which charset-normalizer rates higher.
    page = "<html><body><p>Café text here.</p></body></html>".encode("latin-1")
    assert "Café text here." in from_bytes(page, source_name="p").text


@pytest.mark.parametrize("codec", ["zlib", "rot13", "base64", "idna", "undefined"])
def test_codecs_that_are_not_charsets_are_unknown_encodings(codec: str) -> None:
    data = "Hello world. Café.".encode("latin-1")
    assert _refused(data, encoding=codec) == f"unknown encoding '{codec}'"
    page = f'<html><head><meta charset="{codec}"></head><body><p>Café au lait.</p></body></html>'
    assert "Café au lait." in from_bytes(page.encode("latin-1"), source_name="p").text


# --- wrong declared charsets ------------------------------------------------------------------


def _page(charset: str, body: str) -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>Новости</title></head><body>'
        f"<article><p>{body}</p><p>{body}</p></article></body></html>"
    )


def test_http_utf8_label_on_cp1251_body_is_corrected() -> None:
    data = RUSSIAN_LINE.encode("cp1251")
    doc = from_bytes(data, source_name="u", content_type="text/plain; charset=utf-8")
    assert doc.text == RUSSIAN_LINE and "\ufffd" not in doc.text
    repair = doc.repairs[0]
    assert (repair.kind, repair.before, repair.after) == (
        "charset_corrected",
        "utf-8",
        "Windows-1251",
    )
    assert "declared as utf-8 but are not valid utf-8" in repair.explanation


def test_meta_utf8_on_cp1251_page_is_corrected() -> None:
    data = _page("utf-8", RUSSIAN_LINE).encode("cp1251")
    doc = from_bytes(data, source_name="u", content_type="text/html")
    assert "Президент заявил" in doc.text and "\ufffd" not in doc.text
    assert doc.repairs[0].after == "Windows-1251"


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin1", "windows-1252", "us-ascii"])
def test_latin1_label_on_utf8_body_is_corrected(declared: str) -> None:
    data = FRENCH_LINE.encode("utf-8")
    doc = from_bytes(data, source_name="u", content_type=f"text/plain; charset={declared}")
    assert doc.text == FRENCH_LINE  # not "dÃ©clarÃ©"
    repair = doc.repairs[0]
    assert (repair.kind, repair.before, repair.after) == ("charset_corrected", declared, "UTF-8")


def test_declared_charset_that_fits_is_believed() -> None:
    data = RUSSIAN_LINE.encode("koi8_r")
    doc = from_bytes(data, source_name="u", content_type="text/plain; charset=koi8-r")
    assert (doc.text, doc.repairs) == (RUSSIAN_LINE, [])


def test_ascii_under_any_label_needs_no_repair() -> None:
    doc = from_bytes(
        b"Plain text here.", source_name="u", content_type="text/plain; charset=koi8-r"
    )
    assert doc.repairs == []


# --- binary input is still refused ------------------------------------------------------------


def test_random_bytes_are_refused() -> None:
    data = random.Random(9).randbytes(4096)
    assert _refused(data).startswith("binary file, not text or HTML")


def test_random_bytes_without_nul_or_controls_are_refused() -> None:
    rng = random.Random(9)
    data = bytes(rng.randrange(0x20, 0x100) for _ in range(4096))  # passes the byte checks
    assert _refused(data) == (
        "binary file, not text or HTML (no text encoding fits; pass --encoding NAME if it is)"
    )


def test_png_and_gzip_are_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(512)
    assert _refused(png) == "binary file, not text or HTML (looks like a PNG image)"
    archive = gzip.compress(FRENCH.read_bytes())
    assert _refused(archive) == "binary file, not text or HTML (looks like a gzip archive)"


@pytest.mark.parametrize(
    "name,content",
    [
        ("random.bin", random.Random(3).randbytes(4096)),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(4).randbytes(300)),
        ("page.html.gz", gzip.compress(b"<html><body><p>Hello.</p></body></html>")),
    ],
)
def test_cli_refuses_binary_in_one_line(run_cli, tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("analyze", str(path))
    assert result.code == 2, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "binary file" in lines[0]


# --- the CLI on non-UTF-8 articles ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label", "words"),
    [(FRENCH, "Windows-1252", ("é", "Hélène", "piétons")), (RUSSIAN, "Windows-1251", ("Россия",))],
)
def test_cli_analyzes_legacy_encoded_files(run_cli, path: Path, label: str, words) -> None:
    result = run_cli("analyze", str(path), "--format", "json")
    assert result.code == 0, result.err
    article = result.json()["article"]
    assert [r["after"] for r in article["repairs"] if r["kind"] == "encoding_detected"] == [label]
    assert label in article["repairs"][0]["explanation"]
    for word in words:
        assert word in article["text"]


# --- files that are not regular files ---------------------------------------------------------


def _load_reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load(str(path))
    return info.value.reason


FIFO_REASON = "not a regular file (a named pipe); to read a stream, pipe it to '-'"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


@contextmanager
def _fifo_nobody_writes(path: Path) -> Iterator[Path]:
    """A FIFO nobody writes: opening it for reading would block for ever. Should the check
    regress, a writer turns up after 5 s so the test fails instead of hanging."""
    os.mkfifo(path)
    done = threading.Event()

    def valve() -> None:
        if not done.wait(5):
            with open(path, "wb") as f:
                f.write(b"written by the test's safety valve")

    threading.Thread(target=valve, daemon=True).start()
    try:
        yield path
    finally:
        done.set()


@needs_fifo
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    with _fifo_nobody_writes(tmp_path / "pipe.txt") as fifo:
        started = time.perf_counter()
        reason = _load_reason(fifo)
    assert reason == FIFO_REASON
    assert time.perf_counter() - started < 2


@needs_fifo
def test_cli_refuses_fifo_in_one_line(run_cli, tmp_path: Path) -> None:
    with _fifo_nobody_writes(tmp_path / "feed") as fifo:
        result = run_cli("analyze", str(fifo))
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"newsift: error: {fifo}: {FIFO_REASON}"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_character_devices_are_refused(device: str) -> None:
    assert _load_reason(Path(device)).startswith("not a regular file (a character device)")


@pytest.mark.skipif(sys.platform == "win32", reason="needs Unix sockets")
def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        assert _load_reason(path).startswith("not a regular file (a socket)")
    finally:
        server.close()


def test_symlink_to_regular_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(FRENCH)
    assert "Hélène" in load(str(link)).text


# --- the API, fetching pages whose declared charset is wrong ----------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "expected", "after"),
    [
        (
            "text/html; charset=utf-8",
            _page("utf-8", RUSSIAN_LINE).encode("cp1251"),
            "Москва",
            "Windows-1251",
        ),
        (
            "text/html; charset=ISO-8859-1",
            _page("ISO-8859-1", FRENCH_LINE).encode(),
            "piétons",
            "UTF-8",
        ),
    ],
)
def test_api_fetch_corrects_a_wrong_declared_charset(
    http_server, content_type: str, body: bytes, expected: str, after: str
) -> None:
    from fastapi.testclient import TestClient

    from newsift.api import Settings, create_app

    base, routes = http_server
    routes["/page"] = Route(200, content_type, body)
    app = create_app(Settings(warm_up=False, allow_private_urls=True))
    with TestClient(app) as client:
        response = client.post("/v1/analyze", json={"url": f"{base}/page"})
    assert response.status_code == 200, response.text
    article = response.json()["article"]
    assert expected in article["text"] and "\ufffd" not in article["text"]
    assert article["repairs"][0]["kind"] == "charset_corrected"
    assert article["repairs"][0]["after"] == after


def test_a_legacy_encoded_file_is_reported_but_not_penalised() -> None:
    # A file saved in Latin-1 is no publishing fault; a page that lies about its charset is.
    from newsift.analyzer import Analyzer

    analyzer = Analyzer()
    plain = analyzer.analyze_document(load(str(FIXTURES / "french_latin1.txt")))
    labels = {f.label for f in plain.findings if f.detector == "text_quality"}
    assert "encoding_detected" in labels and "encoding_repaired" not in labels
    points = {c.signal: c.points for c in plain.reliability.contributions}
    assert "encoding_damage" not in points

    lying = "<html><head><meta charset='utf-8'></head><body><p>{}</p></body></html>".format(
        "Привет, мир. Россия и Москва сегодня. " * 20
    ).encode("cp1251")
    wrong = analyzer.analyze_document(from_bytes(lying, source_name="page.html"))
    damage = {c.signal: c.points for c in wrong.reliability.contributions}
    assert damage.get("encoding_damage", 0) < 0


def test_a_detected_encoding_is_not_listed_as_an_unweighed_signal() -> None:
    from newsift.analyzer import Analyzer

    report = Analyzer().analyze_document(load(str(FIXTURES / "french_latin1.txt")))
    assert not any("encoding" in c.signal for c in report.reliability.contributions)
