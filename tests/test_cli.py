"""End-to-end: the `newsift` command on the examples, over HTTP, and on bad input."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, Route

PARTISAN = EXAMPLES / "partisan.txt"
WIRE = EXAMPLES / "wire.txt"


def labels(report: dict, category: str) -> set[str]:
    return {f["label"] for f in report["findings"] if f["category"] == category}


def quoted(report: dict, category: str) -> list[str]:
    text = report["article"]["text"]
    return [
        text[f["start"] : f["end"]]
        for f in report["findings"]
        if f["category"] == category and f["start"] is not None
    ]


def assert_partisan_findings(report: dict) -> None:
    assert any("Donate Here" in q or "raise" in q for q in quoted(report, "fundraising"))
    assert any("100% independent" in q for q in quoted(report, "self_promotion"))
    loaded = " ".join(quoted(report, "propaganda")).lower()
    assert "bully boy" in loaded
    assert any(r["after"] == "Россия. Москва" for r in report["article"]["repairs"])
    assert "Россия. Москва" in report["article"]["text"]


def test_version(run_cli):
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.startswith("newsift ")


def test_partisan_example_scores_below_the_wire_example(run_cli):
    partisan = run_cli("analyze", str(PARTISAN), "--format", "json")
    wire = run_cli("analyze", str(WIRE), "--format", "json")
    assert partisan.code == 0 and wire.code == 0, partisan.err + wire.err
    p, w = partisan.json(), wire.json()
    assert_partisan_findings(p)
    assert p["reliability"]["score"] < w["reliability"]["score"]
    assert w["article"]["byline"]
    contributions = p["reliability"]["contributions"]
    total = sum(c["points"] for c in contributions)
    assert total == pytest.approx(
        p["reliability"]["score"] - p["reliability"]["baseline"], abs=1e-6
    )


def test_offsets_index_the_report_text(run_cli):
    report = run_cli("analyze", str(PARTISAN), "--format", "json").json()
    text = report["article"]["text"]
    for f in report["findings"]:
        if f["start"] is not None:
            assert 0 <= f["start"] <= f["end"] <= len(text)


def test_html_page_served_over_http(run_cli, http_server):
    base, routes = http_server
    routes["/story"] = Route(
        200, "text/html; charset=utf-8", (EXAMPLES / "partisan.html").read_bytes()
    )
    result = run_cli("analyze", f"{base}/story", "--format", "json")
    assert result.code == 0, result.err
    report = result.json()
    assert report["article"]["title"].startswith("Syria Will Never Bow")
    assert_partisan_findings(report)


def test_html_report_file_is_escaped(run_cli, tmp_path):
    article = tmp_path / "xss.txt"
    article.write_text(
        "Headline here\n\nThe mayor said <script>alert(1)</script> on Monday. Donate Here!\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = run_cli("analyze", str(article), "--format", "html", "-o", str(out))
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_stdin_and_terminal_format(run_cli):
    result = run_cli("analyze", "-", stdin=PARTISAN.read_bytes())
    assert result.code == 0, result.err
    assert "Reliability" in result.out
    assert "fundraising" in result.out


def test_schema_command_prints_json_schema(run_cli):
    result = run_cli("schema")
    assert result.code == 0
    assert result.json()["title"] == "newsift Report"


def one_line_error(result, name: str) -> None:
    assert result.code == 2, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert name in lines[0]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.txt", b""),
        ("blank.txt", b"   \n\n  "),
        ("binary.bin", bytes(range(256)) * 8),
    ],
)
def test_bad_files_give_one_line_errors(run_cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    one_line_error(run_cli("analyze", str(path)), name)


def test_huge_file_is_refused_quickly(run_cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 2**20)  # sparse: 50 MB without writing them
    one_line_error(run_cli("analyze", str(path)), "huge.txt")


def test_missing_file(run_cli, tmp_path):
    one_line_error(run_cli("analyze", str(tmp_path / "nope.txt")), "nope.txt")


def test_bad_urls(run_cli, http_server):
    base, routes = http_server
    routes["/doc.pdf"] = Route(200, "application/pdf", b"%PDF-1.4 fake")
    one_line_error(run_cli("analyze", f"{base}/missing"), "/missing")
    one_line_error(run_cli("analyze", f"{base}/doc.pdf"), "/doc.pdf")
    one_line_error(run_cli("analyze", "ftp://example.org/story.txt"), "ftp://example.org/story.txt")


def test_python_dash_m_runs_the_command() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "newsift", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.startswith("newsift ")
