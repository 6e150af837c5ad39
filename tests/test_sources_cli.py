"""`newsift sources ...` commands (on sources_app, through typer's CliRunner) and the detector."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.detectors.base import REGISTRY, get
from newsift.detectors.source import SourceDetector
from newsift.document import Document
from newsift.sources.cli import sources_app
from newsift.sources.db import get_db

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(sources_app, list(args))

    return invoke


def test_lookup_bundled_entry_shows_labels_reasons_and_origin(cli):
    result = cli("lookup", "https://www.rt.com/news/123")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("rt.com: state")
    assert "state: Listed as 'state' by OpenSources" in result.stdout
    assert "bundled OpenSources list" in result.stdout and "LGPL" in result.stdout


def test_lookup_absent_domain(cli):
    result = cli("lookup", "https://www.deviantart.com/some/art")
    assert result.exit_code == 0
    assert result.stdout.strip() == "deviantart.com: not in the database"
    data = json.loads(cli("lookup", "deviantart.com", "--json").stdout)
    assert data == {"query": "deviantart.com", "found": False, "domain": "deviantart.com"}


def test_lookup_json(cli):
    data = json.loads(cli("lookup", "www.rt.com", "--json").stdout)
    assert data["found"] and data["domain"] == "rt.com"
    assert data["labels"][0]["label"] == "state"
    assert data["labels"][0]["reason"].startswith("Listed as 'state' by OpenSources")
    assert data["origin"] == "bundled:opensources" and data["user_override"] is False


def test_import_prints_counts_and_takes_precedence(cli):
    result = cli("import", str(FIXTURES / "mbfc.csv"), "--format", "mbfc")
    assert result.exit_code == 0, result.output
    assert "imported 10 rows" in result.stdout and "skipped 3 of 13" in result.stdout
    assert "skipped 1: malformed row" in result.stdout
    assert "ignored unknown image_factual 'mbfcshiny' in 1 row(s)" in result.stdout
    data = json.loads(cli("lookup", "https://news.conspiro.com/x", "--json").stdout)
    assert data["origin"] == "import:mbfc"
    assert [lab["label"] for lab in data["labels"]] == ["low_factuality", "conspiracy", "junksci"]
    assert (
        "imported file" in data["origin_description"] and "mbfc.csv" in data["origin_description"]
    )

    again = cli("import", str(FIXTURES / "mbfc.csv"), "--format", "mbfc")
    assert "replacing the earlier import" in again.stdout

    cli("import", str(FIXTURES / "opensources.json"), "--format", "opensources")
    rt = json.loads(cli("lookup", "rt.com", "--json").stdout)
    assert rt["origin"] == "import:opensources"
    assert [a["origin"] for a in rt["also_listed"]] == ["bundled:opensources"]


@pytest.mark.parametrize(
    ("file", "fmt", "message"),
    [
        ("mbfc.csv", "baly", "missing column"),
        ("nope.csv", "mbfc", "no such file"),
    ],
)
def test_import_errors_are_one_line(cli, file, fmt, message):
    result = cli("import", str(FIXTURES / file), "--format", fmt)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_import_rejects_an_unknown_format(cli):
    result = cli("import", str(FIXTURES / "mbfc.csv"), "--format", "xml")
    assert result.exit_code == 2


def test_set_lookup_list_remove(cli):
    result = cli(
        "set",
        "https://www.rt.com/x",
        "--label",
        "reliable",
        "--label",
        "state",
        "--reason",
        "My own reading.",
        "--notes",
        "checked 2026",
    )
    assert result.exit_code == 0, result.output
    assert "set rt.com: reliable, state (your own entry)" in result.stdout

    shown = cli("lookup", "rt.com").stdout
    assert "reliable: My own reading." in shown and "your own entry" in shown
    assert "also listed by bundled:opensources as state" in shown
    data = json.loads(cli("lookup", "rt.com", "--json").stdout)
    assert data["user_override"] is True and data["origin"] == "user"
    assert data["notes"] == "checked 2026"

    listed = cli("list", "--origin", "user")
    assert listed.stdout.strip() == "rt.com\treliable,state\tuser"

    assert cli("remove", "rt.com").stdout.strip() == "removed your entry for rt.com"
    assert json.loads(cli("lookup", "rt.com", "--json").stdout)["origin"] == "bundled:opensources"
    missing = cli("remove", "rt.com")
    assert missing.exit_code == 1 and "no entry" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cbn.com", "--label", "trustworthy", "--reason", "x"], "unknown label"),
        (["localhost", "--label", "fake", "--reason", "x"], "registrable domain"),
    ],
)
def test_set_validates(cli, args, message):
    result = cli("set", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert cli("list", "--origin", "user").stdout == ""


def test_set_requires_a_reason(cli):
    assert cli("set", "cbn.com", "--label", "fake").exit_code == 2


def test_labels_lists_the_vocabulary_in_severity_order(cli):
    lines = cli("labels").stdout.splitlines()
    assert lines[0].startswith("fake ") and any(
        line.startswith("high_factuality") for line in lines
    )


def test_info_counts_origins(cli):
    cli("import", str(FIXTURES / "baly.tsv"), "--format", "baly")
    out = cli("info").stdout
    assert "bundled:opensources" in out and "import:baly" in out and "4 imported" in out


def test_build_seed_writes_to_out(cli, tmp_path):
    result = cli("build-seed", "--data", str(FIXTURES / "opensources.json"), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "4 records from 8 rows" in result.stdout
    assert len(json.loads((tmp_path / "opensources.json").read_text())["records"]) == 4


# --- the detector -------------------------------------------------------------------------------


def doc(url: str | None = None, domain: str | None = None) -> Document:
    return Document(text="Some article text. It says things.", url=url, domain=domain)


def test_detector_is_registered():
    assert REGISTRY["source"] == "newsift.detectors.source:SourceDetector"
    assert isinstance(get("source"), SourceDetector)


def test_detector_bundled_record():
    (finding,) = SourceDetector().detect(doc(domain="rt.com"))
    assert (finding.detector, finding.category, finding.level) == ("source", "source", "source")
    assert finding.label == "state" and finding.start is None and finding.end is None
    assert finding.score == pytest.approx(0.4)
    assert finding.explanation.startswith("rt.com — Listed as 'state' by OpenSources")
    assert finding.evidence["labels"] == ["state"]
    assert finding.evidence["origin"] == "bundled:opensources"
    assert finding.evidence["user_override"] is False
    assert finding.evidence["effect"] < 0


def test_detector_picks_the_most_severe_label_and_prefers_the_url():
    get_db(writable=True).set_user("cbn.com", ["bias", "fake"], "Invented a quote.")
    (finding,) = SourceDetector().detect(doc(url="https://www1.cbn.com/x", domain=None))
    assert finding.label == "fake" and finding.score == 1.0
    assert "your own entry labels it 'fake': Invented a quote." in finding.explanation
    assert finding.evidence["user_override"] is True and finding.evidence["labels"] == [
        "bias",
        "fake",
    ]


def test_detector_favourable_record_has_a_positive_effect():
    get_db(writable=True).set_user("goodpaper.org", ["left_center", "high_factuality"], "Rated.")
    (finding,) = SourceDetector().detect(doc(domain="goodpaper.org"))
    assert finding.label == "high_factuality" and finding.evidence["effect"] > 0


@pytest.mark.parametrize(
    "document", [doc(), doc(domain="deviantart.com"), doc(url="https://www.deviantart.com/a")]
)
def test_detector_is_silent_without_a_record(document):
    assert SourceDetector().detect(document) == []


def test_set_section_labels_only_that_path(cli):
    assert (
        cli(
            "set",
            "https://www.example.com/humor/x",
            "--label",
            "satire",
            "--reason",
            "Jokes.",
            "--section",
        ).exit_code
        == 0
    )
    assert (
        json.loads(cli("lookup", "example.com/humor/x/y", "--json").stdout)["domain"]
        == "example.com/humor/x"
    )
    assert not json.loads(cli("lookup", "example.com", "--json").stdout)["found"]
    assert cli("remove", "example.com/humor/x").exit_code == 1  # that is the host's entry
    assert cli("remove", "example.com/humor/x", "--section").exit_code == 0
