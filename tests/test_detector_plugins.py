"""Detectors from outside the package: instances handed to the Analyzer, and entry-point
plug-ins. Neither edits the registry; both show in the report, at 0 points."""

from __future__ import annotations

import re
import sys
import textwrap

import pytest

from newsift import detectors, sources
from newsift.analyzer import Analyzer
from newsift.detectors import BaseDetector
from newsift.document import Document

TEXT = (
    "The council met on Tuesday evening. Officials approved the budget for the new bridge, "
    "which is due to open in 2027. The bridge replaces a crossing built in 1931."
)


class BridgeDetector(BaseDetector):
    """A user's own detector: every mention of a bridge."""

    name = "bridge_mentions"
    category = "infrastructure"
    version = "0.1"

    def detect(self, doc: Document):
        return [
            self.finding("bridge", "A bridge is mentioned.", start=m.start(), end=m.end())
            for m in re.finditer(r"\bbridge\b", doc.text, flags=re.IGNORECASE)
        ]


@pytest.mark.parametrize("method", ["learned-v1", "rules-v0"])
def test_an_instance_from_outside_the_package_shows_its_findings(method):
    assert "bridge_mentions" not in detectors.REGISTRY
    analyzer = Analyzer(["fundraising", BridgeDetector()], method=method)
    report = analyzer.analyze(TEXT)
    ours = [i for i, f in enumerate(report.findings) if f.detector == "bridge_mentions"]
    assert [
        report.article.text[report.findings[i].start : report.findings[i].end] for i in ours
    ] == ["bridge", "bridge"]
    assert report.detectors["bridge_mentions"] == "0.1"
    # Listed, at 0 points, with the findings it rests on; the score is not moved by them.
    listed = [c for c in report.reliability.contributions if c.signal == "infrastructure:bridge"]
    assert len(listed) == 1 and listed[0].points == 0.0 and listed[0].findings == ours
    alone = Analyzer(["fundraising"], method=method).analyze(TEXT)
    assert report.reliability.score == alone.reliability.score
    assert "bridge_mentions" not in detectors.REGISTRY


def test_something_that_is_not_a_detector_is_refused():
    with pytest.raises(TypeError, match="not a detector"):
        Analyzer([object()])
    with pytest.raises(KeyError, match="unknown detector 'no_such'"):
        Analyzer(["no_such"])


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A distribution installed on sys.path that declares a `newsift.detectors` entry point,
    and one that tries to take over the built-in name "source"."""
    (tmp_path / "bridge_plugin.py").write_text(
        textwrap.dedent(
            """
            import re
            from newsift.detectors import BaseDetector

            class Bridges(BaseDetector):
                name = "bridges"
                category = "infrastructure"
                version = "2.0"

                def detect(self, doc):
                    return [
                        self.finding("bridge", "A bridge.", start=m.start(), end=m.end())
                        for m in re.finditer(r"bridge", doc.text)
                    ]
            """
        ),
        encoding="utf-8",
    )
    info = tmp_path / "bridge_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bridge-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[newsift.detectors]\nbridges = bridge_plugin:Bridges\nsource = bridge_plugin:Bridges\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "bridges"
    detectors.base._instances.pop("bridges", None)
    sys.modules.pop("bridge_plugin", None)


def test_an_entry_point_plugin_is_found_by_name(installed_plugin):
    assert installed_plugin in detectors.available()
    assert detectors.available()[: len(detectors.REGISTRY)] == list(detectors.REGISTRY)
    report = Analyzer(["attribution", installed_plugin]).analyze(TEXT)
    found = [f for f in report.findings if f.detector == "bridges"]
    assert len(found) == 2 and report.detectors["bridges"] == "2.0"
    assert any(
        c.signal == "infrastructure:bridge" and c.points == 0.0
        for c in report.reliability.contributions
    )
    # A plug-in cannot take over a built-in detector's name.
    assert detectors.plugins() == {"bridges": "bridge_plugin:Bridges"}
    assert type(detectors.get("source")).__name__ == "SourceDetector"


def test_the_source_record_is_looked_up_once_per_document(monkeypatch):
    calls = []
    real = sources.lookup

    def counting(key):
        calls.append(key)
        return real(key)

    monkeypatch.setattr(sources, "lookup", counting)
    report = Analyzer(["source", "fundraising"]).analyze(TEXT, url="https://www.breitbart.com/x")
    assert calls == ["https://www.breitbart.com/x"]
    assert report.source.found and any(f.detector == "source" for f in report.findings)
