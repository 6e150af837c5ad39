"""End-to-end: the corpus report's Stories section as Chromium lays it out.

Needs what test_browser.py needs (Debian chromium, Playwright for Python); skips without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_browser  # noqa: F401  (skips this module without Chromium or Playwright)
from typer.testing import CliRunner

from newsift.corpus.cli import corpus_app
from newsift.stories.run import assign_corpus
from test_corpus_report_stories import _corpus


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the made-up stories corpus, whose outlets include a long, hostile name."""
    db = _corpus(tmp_path_factory.mktemp("stories"))
    assign_corpus(db, window_days=3, threshold=0.2)
    out = db.parent / "report.html"
    result = CliRunner().invoke(corpus_app, ["report", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_each_outlet_score_stays_inside_its_table(browser, report: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(report.as_uri())
    boxes = page.eval_on_selector_all(
        ".story-body",
        """bodies => bodies.map(body => {
            const column = body.firstElementChild.getBoundingClientRect();
            const chips = [...body.querySelectorAll('.story-outlets .chip')];
            return {right: column.right,
                    chips: chips.map(c => c.getBoundingClientRect().right)};
        })""",
    )
    page.close()
    assert boxes and all(b["chips"] for b in boxes)
    # A long outlet name is cut with an ellipsis; the score badge beside it is never pushed
    # out of the outlets column (under the claim matrix next to it).
    for box in boxes:
        assert max(box["chips"]) <= box["right"] + 0.5, box
