"""Hostile and broken input (issue 9, point 7): one line and exit 2, or a clean report; never a
traceback, never raw control characters on the user's terminal, never a bad source-DB key."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import newsift
from newsift.errors import InputError
from newsift.ingest.html import from_html

ARTICLE = (
    "The city council voted on Tuesday to raise the bus fare, officials said. "
    "The mayor told reporters the money would pay for new routes."
)
DEEP = "[" * 100_000 + "]" * 100_000  # deeper than any recursive JSON parser can go

# Sequences a terminal obeys: clear screen, set the window title (OSC 0 ... BEL), bell, C1 CSI.
ESCAPES = ("\x1b[2J", "\x1b]0;pwned title\x07", "\x07", "\x9b31m")
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


def _one_line_error(result) -> str:
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsift: error:"), result.err
    assert "Traceback" not in result.err
    return lines[0]


# --- lone surrogates ------------------------------------------------------------------------


def test_lone_surrogate_in_json_input_gives_utf8_json(run_cli, tmp_path):
    # json.dumps writes "\ud800" as the escape a JSON file from a broken UTF-16 source holds.
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"title": "Fare \ud800 rise", "text": ARTICLE + " \udc00 end."}))
    result = run_cli("analyze", str(path), "--format", "json")
    assert result.code == 0, result.err
    result.out.encode("utf-8")  # strict: a lone surrogate here would raise
    report = json.loads(result.out)
    assert "\ufffd" in report["article"]["text"]
    assert not any("\ud800" <= c <= "\udfff" for c in result.out)


def test_lone_surrogate_through_the_library_encodes():
    report = newsift.analyze(ARTICLE + " Broken \ud800 pair \udbff.", title="A \udc00 title")
    text = report.to_json()
    text.encode("utf-8")
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")
    assert json.loads(text)["article"]["text"].count("\ufffd") == 2


def test_surrogate_pair_written_as_two_escapes_is_joined(run_cli, tmp_path):
    path = tmp_path / "pair.json"
    path.write_text('{"text": "' + ARTICLE + ' Smile \\ud83d\\ude00 now."}')
    result = run_cli("analyze", str(path), "--format", "json")
    assert result.code == 0, result.err
    assert "\U0001f600" in result.json()["article"]["text"]


# --- JSON nested too deeply -----------------------------------------------------------------


def test_deeply_nested_json_article_is_one_error_line(run_cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    line = _one_line_error(run_cli("analyze", str(path)))
    assert "nested" in line


def test_deeply_nested_json_source_list_is_one_error_line(run_cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    line = _one_line_error(run_cli("sources", "import", str(path), "--format", "opensources"))
    assert "nested" in line


# --- unparsable URLs ------------------------------------------------------------------------


def test_unbalanced_ipv6_url_is_refused_or_ignored(run_cli, tmp_path):
    assert "invalid URL" in _one_line_error(run_cli("analyze", "http://[::1"))
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    result = run_cli("analyze", str(path), "--url", "http://[::1", "-f", "json")
    assert result.code == 0, result.err  # urlsplit raised ValueError: an internal error
    assert result.json()["article"]["domain"] is None
    assert newsift.analyze(ARTICLE, url="http://[::1").article.domain is None


# --- --output that cannot be written --------------------------------------------------------


@pytest.mark.parametrize("where", ["missing-dir", "directory", "dev-full"])
def test_unwritable_output_is_one_error_line(run_cli, tmp_path, where):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    target = {
        "missing-dir": tmp_path / "no" / "such" / "report.json",
        "directory": tmp_path,
        "dev-full": Path("/dev/full"),
    }[where]
    if where == "dev-full" and not target.exists():
        pytest.skip("no /dev/full on this system")
    line = _one_line_error(run_cli("analyze", str(article), "-f", "json", "-o", str(target)))
    assert "cannot write the report" in line


# --- files that are not files ---------------------------------------------------------------


def test_importing_dev_zero_is_refused_fast(run_cli):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    started = time.monotonic()
    line = _one_line_error(run_cli("sources", "import", "/dev/zero", "--format", "opensources"))
    assert time.monotonic() - started < 5
    assert "not a regular file" in line


# --- terminal injection ---------------------------------------------------------------------


def _assert_inert(text: str) -> None:
    for control in RAW_CONTROLS:
        assert control not in text, (control, text[:300])


@pytest.mark.parametrize("fmt", ["terminal", "json", "html"])
def test_escape_sequences_in_an_article_do_not_reach_the_terminal(run_cli, tmp_path, fmt):
    path = tmp_path / "story.txt"
    path.write_text("".join(f"{ARTICLE} {seq} " for seq in ESCAPES), encoding="utf-8")
    result = run_cli("analyze", str(path), "--format", fmt, "--title", "Title \x1b[2J here")
    assert result.code == 0, result.err
    _assert_inert(result.out)
    _assert_inert(result.err)
    assert "pwned title" in result.out  # the text is shown, only its controls are neutralised


def test_escape_sequences_in_a_file_name_do_not_reach_the_terminal(run_cli, tmp_path):
    for seq in ESCAPES:
        missing = tmp_path / f"gone{seq}.txt"
        line = _one_line_error(run_cli("analyze", str(missing)))
        _assert_inert(line)
    bad_list = tmp_path / "list\x1b]0;x\x07.csv"
    bad_list.write_text("no,header\n1,2\n")
    result = run_cli("sources", "import", str(bad_list), "--format", "opensources")
    _assert_inert(_one_line_error(result))


def test_escape_sequences_in_an_output_name_do_not_reach_the_terminal(run_cli, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    out = tmp_path / "report\x1b[2J\x9b.json"
    result = run_cli("analyze", str(article), "-f", "json", "-o", str(out))
    assert result.code == 0, result.err
    assert out.is_file()
    _assert_inert(result.err)


def test_rich_markup_in_an_article_is_printed_literally(run_cli, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE + " Shout [bold]x[/bold] and [red]y[/red] now.")
    result = run_cli("analyze", str(path), "--title", "[link=http://evil]t[/link]")
    assert result.code == 0, result.err
    assert "[bold]x[/bold]" in result.out
    assert "[link=http://evil]t[/link]" in result.out


def test_escape_sequences_in_source_lookup_output_are_inert(run_cli):
    result = run_cli("sources", "lookup", "https://example.com/\x1b[2J")
    assert result.code == 0
    _assert_inert(result.out + result.err)


# --- control characters in HTML -------------------------------------------------------------


@pytest.mark.parametrize("html", ["\x02", "<td></td>\x1b", "\x00<p>\x0b</p>\x7f"])
def test_control_characters_alone_in_html_are_an_input_error(html):
    with pytest.raises(InputError):
        from_html(html)


def test_control_characters_inside_html_text_are_analysed():
    html = f"<html><body><td></td>\x1b<p>{ARTICLE}\x02 The \x1b[2Jend.</p></body></html>"
    doc = from_html(html)
    assert "bus fare" in doc.text
    report = newsift.analyze(html)
    assert "bus fare" in report.article.text
    json.loads(report.to_json())


# --- domain names in the source database ----------------------------------------------------

BAD_DOMAINS = {
    "bad*host.com": "not allowed",
    "-leading-hyphen.com": "hyphen",
    "trailing-.com": "hyphen",
    "a" * 64 + ".com": "longer than 63",
    ".".join(["a" * 60] * 5) + ".com": "longer than 253",
    "a..com": "empty label",
    "bad host.com": "no spaces",
    "ctrl\x1b.com": "not allowed",
    "http://[::1": "",
}


@pytest.mark.parametrize("domain", list(BAD_DOMAINS))
def test_sources_set_refuses_a_bad_domain(run_cli, domain):
    result = run_cli("sources", "set", "--label", "satire", "--reason", "a test", "--", domain)
    line = _one_line_error(result)
    assert BAD_DOMAINS[domain] in line
    _assert_inert(line)
    assert run_cli("sources", "list", "--origin", "user").out.strip() == ""


def test_sources_set_accepts_an_idna_name_in_either_spelling(run_cli):
    result = run_cli("sources", "set", "--label", "satire", "--reason", "a test", "пример.рф")
    assert result.code == 0, result.err
    for query in ("https://www.пример.рф/news", "xn--e1afmkfd.xn--p1ai", "ПРИМЕР.РФ"):
        found = run_cli("sources", "lookup", "--json", query).json()
        assert found["found"] and found["domain"] == "пример.рф", (query, found)
    removed = run_cli("sources", "remove", "xn--e1afmkfd.xn--p1ai")
    assert (
        removed.code == 0
        and not run_cli("sources", "lookup", "--json", "пример.рф").json()["found"]
    )


def test_import_skips_and_counts_bad_domains(run_cli, tmp_path):
    path = tmp_path / "list.csv"
    rows = ["good-site.com,fake", "bad*host.com,fake", "-lead.com,fake", "a" * 64 + ".com,fake"]
    path.write_text("url,type\n" + "\n".join(rows) + "\n")
    result = run_cli("sources", "import", str(path), "--format", "opensources")
    assert result.code == 0, result.err
    assert "imported 1 rows" in result.out and "skipped 3 of 4" in result.out
    assert "skipped 3: no valid domain" in result.out
    assert run_cli("sources", "lookup", "--json", "good-site.com").json()["found"]
    assert not run_cli("sources", "lookup", "--json", "bad*host.com").json()["found"]


def test_api_refuses_a_bad_domain_with_422():
    from fastapi.testclient import TestClient

    from newsift.analyzer import Analyzer
    from newsift.api import Settings, create_app

    with TestClient(create_app(Settings(warm_up=False), analyzer=Analyzer())) as client:
        assert client.get("/v1/sources/bad*host.com").status_code == 422
        assert client.get("/v1/sources/" + "a" * 64 + ".com").status_code == 422
        assert client.get("/v1/sources/example.com").status_code == 200
