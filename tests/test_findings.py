import json

import pytest

from newsift.findings import (
    ArticleInfo,
    Contribution,
    Finding,
    Reliability,
    Report,
    SourceInfo,
    report_json_schema,
)


def make_report(text: str, findings: list[Finding]) -> Report:
    return Report(
        article=ArticleInfo(text=text, title="A <b>title</b>", source_name="fixture"),
        reliability=Reliability(
            score=42.0,
            band="mixed",
            confidence=0.5,
            baseline=60.0,
            contributions=[
                Contribution("fundraising", "fundraising", -18.0, "Asks for money.", [0])
            ],
            method="test",
        ),
        findings=findings,
        source=SourceInfo(domain="example.org"),
        detectors={"fundraising": "1"},
        newsift_version="0.0-test",
    )


def test_finding_rejects_half_spans_and_bad_scores():
    with pytest.raises(ValueError):
        Finding("d", "c", "l", "e", start=3)
    with pytest.raises(ValueError):
        Finding("d", "c", "l", "e", start=5, end=2)
    with pytest.raises(ValueError):
        Finding("d", "c", "l", "e", score=1.5)


def test_report_round_trips_through_json():
    f = Finding("fundraising", "fundraising", "donation_appeal", "Asks for money.", 0.9, 0, 6)
    report = make_report("Donate now.", [f])
    data = json.loads(report.to_json())
    assert data["findings"][0]["start"] == 0
    assert data["findings"][0]["end"] == 6
    assert data["reliability"]["contributions"][0]["points"] == -18.0
    assert data["schema_version"] == "1.3"


def test_schema_describes_the_report():
    schema = report_json_schema()
    assert schema["title"] == "newsift Report"
    assert {"article", "reliability", "findings", "source"} <= set(schema["required"])
    assert "Finding" in json.dumps(schema["$defs"])


def test_hand_written_to_dict_matches_dataclasses_asdict():
    from dataclasses import asdict

    f = Finding(
        "propaganda",
        "propaganda",
        "Loaded_Language",
        "Emotive.",
        0.5,
        2,
        9,
        evidence={"definition": "d", "nested": {"a": [1, 2]}},
    )
    report = make_report("Donate now, thugs.", [f, Finding("x", "tone", "hyperpartisan", "e")])
    # "coverage" (analyze --corpus) is left out when unset, so reports without it are unchanged.
    assert report.to_dict() == {k: v for k, v in asdict(report).items() if k != "coverage"}
