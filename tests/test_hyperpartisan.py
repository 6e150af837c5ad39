"""Hyperpartisan: reading the SemEval XML, the recipe's CV, and the detector's one Finding."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pytest

from newsift.detectors.hyperpartisan import train as train_hp
from newsift.detectors.hyperpartisan.detector import HyperpartisanDetector
from newsift.document import Document
from newsift.errors import DataError, ModelError
from newsift.inference import LinearTextModel
from newsift.inference.export import hstack_transform

PARTISAN = [
    "The radical left mob and their corrupt media allies are destroying our great country.",
    "Crooked elites and the deep state want to silence every patriot who loves freedom.",
    "This disgraceful regime of fascist thugs must be resisted by every decent American.",
    "The treasonous traitors in the swamp are lying to you again, wake up patriots!",
    "Outrageous! The socialist radicals will stop at nothing to destroy your freedom.",
    "These bigoted extremists and their propaganda machine are an evil threat to democracy.",
]
NEUTRAL = [
    "The city council approved the budget on Tuesday after a public hearing on road repairs.",
    "The central bank kept interest rates unchanged, citing stable inflation and employment.",
    "Researchers published a study on rainfall patterns in the journal on Monday.",
    "The state legislature will consider the transportation bill in committee next week.",
    "Officials said the bridge will reopen in March after inspections are complete.",
    "The company reported quarterly earnings in line with analyst expectations.",
]


def _write_dataset(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    articles, truth = [], []
    for i, (text, label) in enumerate(
        [(t, True) for t in PARTISAN] + [(t, False) for t in NEUTRAL]
    ):
        aid = f"{i:07d}"
        title = quoteattr(f"Story {i} & more")
        articles.append(
            f'<article id="{aid}" published-at="2017-09-10" title={title}>'
            f"<p>{escape(text)} <a href='https://x.example/{i}' type='external'>link</a></p>"
            f"<p>Second paragraph {i}.</p></article>"
        )
        truth.append(
            f'<article hyperpartisan="{str(label).lower()}" id="{aid}" labeled-by="article" '
            f'url="https://x.example/{i}"/>'
        )
    (folder / train_hp.ARTICLES).write_text(
        '<?xml version="1.0" encoding="UTF-8"?><articles>' + "".join(articles) + "</articles>",
        encoding="utf-8",
    )
    (folder / train_hp.GROUND_TRUTH).write_text(
        "<articles>" + "".join(truth) + "</articles>", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    return _write_dataset(tmp_path_factory.mktemp("hp") / "semeval2019_hyperpartisan")


def test_load_articles_joins_labels_and_reads_paragraphs(dataset: Path) -> None:
    data = train_hp.load_articles(dataset)
    assert len(data.ids) == 12 and data.labels.sum() == 6
    first = data.texts[0]
    assert first.startswith("Story 0 & more\n\nThe radical left mob")
    assert "link" in first and first.endswith("Second paragraph 0.")
    assert data.urls[0] == "https://x.example/0"


def test_missing_or_malformed_data_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing"):
        train_hp.load_articles(tmp_path)
    bad = _write_dataset(tmp_path / "bad")
    (bad / train_hp.ARTICLES).write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(DataError, match="malformed"):
        train_hp.load_articles(bad)


def test_fit_exports_a_model_equal_to_sklearn(dataset: Path) -> None:
    from sklearn.linear_model import LogisticRegression

    data = train_hp.load_articles(dataset)
    vectorizers = train_hp.make_vectorizers()
    x = hstack_transform(vectorizers, data.texts, fit=True)
    clf = LogisticRegression(C=train_hp.C, max_iter=3000, random_state=train_hp.SEED)
    clf.fit(x, data.labels)
    model = train_hp.fit(data.texts, data.labels)
    probe = ["The corrupt radical elites are lying again!", "Rates were unchanged.", ""]
    expected = clf.predict_proba(hstack_transform(vectorizers, probe))[:, 1]
    np.testing.assert_allclose(model.positive_proba(probe), expected, atol=1e-9)


def test_cross_validation_scores_every_article_once(dataset: Path) -> None:
    cv = train_hp.cross_validate(train_hp.load_articles(dataset), folds=3)
    assert set(cv) == {"cv_accuracy", "cv_accuracy_std", "cv_f1", "cv_precision", "cv_recall"}
    assert 0.0 <= cv["cv_accuracy"] <= 1.0


@pytest.fixture(scope="module")
def model_path(dataset: Path, tmp_path_factory) -> Path:
    data = train_hp.load_articles(dataset)
    path = tmp_path_factory.mktemp("hpmodel") / "hyperpartisan.npz"
    train_hp.fit(data.texts, data.labels, {"task": "hyperpartisan"}).save(path)
    return path


def test_detector_gives_one_article_finding_with_cues(model_path: Path) -> None:
    detector = HyperpartisanDetector(model_path)
    partisan = Document(
        text=" ".join(PARTISAN[:3]) + " The corrupt radical mob lies to every patriot.",
        title="Traitors!",
    )
    neutral = Document(text=" ".join(NEUTRAL[:3]))
    (hp,), (calm,) = detector.detect_batch([partisan, neutral])
    assert hp.category == "tone" and hp.level == "article" and hp.label == "hyperpartisan"
    assert hp.start is None and hp.end is None
    assert hp.score > calm.score
    assert f"{hp.score:.2f}" in hp.explanation
    assert hp.evidence["cues"] and all(c in hp.explanation for c in hp.evidence["cues"])
    assert hp.evidence["short_text"] is True and "short" in hp.explanation
    assert LinearTextModel.load(model_path).meta == {"task": "hyperpartisan"}


def test_detector_skips_empty_text_and_needs_its_model(model_path: Path, tmp_path) -> None:
    assert HyperpartisanDetector(model_path).detect(Document(text="")) == []
    with pytest.raises(ModelError, match="newsift train hyperpartisan"):
        HyperpartisanDetector(tmp_path / "none.npz").detect(Document(text="Some words here."))
