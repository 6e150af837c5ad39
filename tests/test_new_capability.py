"""A new trained capability is one folder plus one REGISTRY line, nothing else.

The folder here is written the way the README's Architecture section says: `__init__.py`
declaring its task, `train.py` fitting with scikit-learn and exporting to the shared model
format, `detector.py` reading that file with `newsift.inference`. The test then trains it with
`newsift train`, measures it with `newsift bench`, and sees its findings in an analysis, with no
edit to tasks.py, the CLI, the scorer or the reports.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from newsift import detectors, tasks
from newsift.analyzer import Analyzer

FOLDER_FILES = {
    "__init__.py": '''
        """Sports pages: does an article read like sports coverage? (a test capability)"""

        from newsift.tasks import task_spec

        TASKS = [
            task_spec("sports", "toy_sports", "Sports articles, held-out", f"{__name__}.train"),
        ]
    ''',
    "train.py": '''
        """Fit TF-IDF + logistic regression on train.jsonl; measure on test.jsonl."""

        import json
        from pathlib import Path

        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        from newsift.inference.export import from_sklearn
        from newsift.inference.linear import LinearTextModel
        from newsift.tasks import BenchResult


        def _rows(path):
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            return [r["text"] for r in rows], [r["label"] for r in rows]


        def train(data_dir: Path, out_dir: Path) -> dict:
            texts, labels = _rows(data_dir / "train.jsonl")
            vectorizer = TfidfVectorizer()
            classifier = LogisticRegression(C=10.0).fit(vectorizer.fit_transform(texts), labels)
            from_sklearn([vectorizer], classifier, {"data": "toy_sports"}).save(
                out_dir / "sports.npz"
            )
            (out_dir / "sports.card.md").write_text("# Sports model\\n", encoding="utf-8")
            return {"n_train": len(texts)}


        def bench(data_dir: Path) -> BenchResult:
            model = LinearTextModel.load(Path(__file__).parent / "sports.npz")
            texts, labels = _rows(data_dir / "test.jsonl")
            guesses = [str(int(p >= 0.5)) for p in model.positive_proba(texts)]
            right = sum(g == str(y) for g, y in zip(guesses, labels))
            return BenchResult("sports", {"accuracy": right / len(texts)}, "held-out file")
    ''',
    "detector.py": '''
        """One article-level finding when the text reads like sports coverage."""

        from pathlib import Path

        from newsift.detectors.base import BaseDetector, load_model
        from newsift.inference.linear import LinearTextModel

        MODEL_PATH = Path(__file__).parent / "sports.npz"


        class SportsDetector(BaseDetector):
            name = "sports"
            category = "topic"
            version = "0.1"

            def detect(self, doc):
                model = load_model(MODEL_PATH, LinearTextModel.load, "sports")
                p = float(model.positive_proba([doc.text])[0])
                if p < 0.5:
                    return []
                return [self.finding("sports_page", "Reads like sports coverage.", score=p)]
    ''',
}

SPORTS = [
    "The striker scored twice as the home team won the match in extra time.",
    "The coach praised the goalkeeper after the league game ended in a draw.",
    "Fans cheered as the team lifted the cup after a penalty shootout.",
    "The midfielder was injured during training ahead of the final match.",
]
POLITICS = [
    "The council approved the budget after a long debate on housing.",
    "Ministers met to discuss the new tax bill before the vote in parliament.",
    "The senator said the committee would review the election law next week.",
    "Officials published the report on public spending and school funding.",
]


@pytest.fixture
def sports_folder(tmp_path, monkeypatch) -> Path:
    """The new folder, where newsift.detectors looks for capability folders; its data set."""
    root = tmp_path / "extra_detectors"
    folder = root / "sports"
    folder.mkdir(parents=True)
    for name, body in FOLDER_FILES.items():
        (folder / name).write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    # Stands for the folder being inside src/newsift/detectors/: same package, another path entry.
    monkeypatch.setattr(detectors, "__path__", [*detectors.__path__, str(root)])
    # The one registry line.
    monkeypatch.setitem(
        detectors.REGISTRY, "sports", "newsift.detectors.sports.detector:SportsDetector"
    )
    monkeypatch.setattr(tasks, "_registry", None)  # discovered afresh, as in a new process

    data = tmp_path / "data" / "toy_sports"
    data.mkdir(parents=True)
    rows = [{"text": t, "label": 1} for t in SPORTS[:3]] + [
        {"text": t, "label": 0} for t in POLITICS[:3]
    ]
    (data / "train.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    held_out = [{"text": SPORTS[3], "label": 1}, {"text": POLITICS[3], "label": 0}]
    (data / "test.jsonl").write_text("\n".join(json.dumps(r) for r in held_out), encoding="utf-8")
    yield folder
    for name in [m for m in sys.modules if m.startswith("newsift.detectors.sports")]:
        del sys.modules[name]
    detectors.base._instances.pop("sports", None)


def test_a_new_folder_and_one_registry_line_make_a_working_capability(sports_folder, run_cli):
    data_root = sports_folder.parents[1] / "data"
    assert "sports" in tasks.registry() and list(tasks.registry())[-1] == "sports"
    assert tasks.registry()["clickbait"].bench == "newsift.detectors.clickbait.train:bench"

    trained = run_cli("train", "sports", "--data", str(data_root))
    assert trained.code == 0, trained.err
    assert json.loads(trained.out) == {"n_train": 6}
    assert (sports_folder / "sports.npz").exists()  # written beside its code
    assert (sports_folder / "sports.card.md").exists()

    measured = run_cli("bench", "sports", "--data", str(data_root), "--json")
    assert measured.code == 0, measured.err
    assert json.loads(measured.out.strip().splitlines()[-1])["accuracy"] == 1.0

    report = Analyzer().analyze(SPORTS[3] + " " + SPORTS[0])
    found = [f for f in report.findings if f.detector == "sports"]
    assert [f.label for f in found] == ["sports_page"] and found[0].score > 0.5
    assert report.detectors["sports"] == "0.1"
    # No scoring rule for it yet: listed at 0 points, like any unknown finding.
    listed = [c for c in report.reliability.contributions if c.signal == "topic:sports_page"]
    assert len(listed) == 1 and listed[0].points == 0.0
    assert not [f for f in Analyzer().analyze(POLITICS[3]).findings if f.detector == "sports"]


def test_a_task_declared_twice_is_an_error(monkeypatch):
    clickbait = tasks.registry()["clickbait"]
    fake = type(sys)("newsift_fake_home")
    fake.TASKS = [clickbait]
    monkeypatch.setitem(sys.modules, "newsift_fake_home", fake)
    monkeypatch.setattr(tasks, "OTHER_TASK_HOMES", (*tasks.OTHER_TASK_HOMES, "newsift_fake_home"))
    with pytest.raises(tasks.NewsiftError, match="'clickbait' is declared twice"):
        tasks.discover()


def test_every_declared_task_function_exists():
    """Each "module:function" a folder declares resolves (the modules import without running)."""
    import importlib

    for spec in tasks.registry().values():
        for target in filter(None, (spec.train, spec.bench)):
            module_name, function = target.split(":")
            assert callable(getattr(importlib.import_module(module_name), function)), target
