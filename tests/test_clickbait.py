"""Clickbait: numpy inference equals scikit-learn, the detector's findings, data handling."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from newsift.detectors.clickbait import train as train_cb
from newsift.detectors.clickbait.detector import ClickbaitDetector, ClickbaitModel
from newsift.document import Document
from newsift.errors import DataError, ModelError

FIXTURE = Path(__file__).parent / "fixtures" / "clickbait" / "headlines.tsv"
UNSEEN = [
    "11 Dogs Who Are Having A Better Day Than You",
    "Prime minister faces confidence vote over housing plan",
    "This Quiz Will Tell You Which Pasta You Are",
    "Ceasefire collapses as shelling resumes near Donetsk",
    "",  # no tokens at all: the intercept alone decides
    "Ünïcödé   spaces\tand\nNEWLINES 2024!!",
]


def _fixture() -> tuple[list[str], np.ndarray]:
    rows = [line.split("\t", 1) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return [t for _, t in rows], np.array([int(y) for y, _ in rows])


@pytest.fixture(scope="module")
def tiny():
    texts, labels = _fixture()
    vectorizers, clf = train_cb.fit_sklearn(texts, labels, c=4.0, max_word=300, max_char=800)
    return texts, vectorizers, clf


def test_numpy_inference_matches_sklearn_predict_proba(tiny) -> None:
    texts, vectorizers, clf = tiny
    model = train_cb.export(vectorizers, clf)
    probe = texts[:5] + texts[-5:] + UNSEEN
    expected = train_cb.sklearn_proba(vectorizers, clf, probe)
    np.testing.assert_allclose(model.predict_proba(probe), expected, atol=1e-6, rtol=0)


def test_saved_model_round_trips_through_npz(tiny, tmp_path: Path) -> None:
    _, vectorizers, clf = tiny
    model = train_cb.export(vectorizers, clf, {"task": "clickbait"})
    path = tmp_path / "cb.npz"
    model.save(path)
    loaded = ClickbaitModel.load(path)
    assert loaded.meta == {"task": "clickbait"}
    np.testing.assert_allclose(loaded.predict_proba(UNSEEN), model.predict_proba(UNSEEN))


def test_detector_flags_clickbait_title_with_probability_and_cues(tiny, tmp_path) -> None:
    _, vectorizers, clf = tiny
    path = tmp_path / "cb.npz"
    train_cb.export(vectorizers, clf).save(path)
    detector = ClickbaitDetector(model_path=path)
    bait = Document(text="body", title="21 Things You Will Only Know If You Love Quizzes")
    news = Document(text="body", title="Parliament passes budget after lengthy debate")
    untitled = Document(text="body")
    out = detector.detect_batch([bait, news, untitled])
    assert out[1] == [] and out[2] == []
    (finding,) = out[0]
    assert finding.label == "clickbait" and finding.category == "headline"
    assert finding.level == "article" and finding.start is None
    assert finding.score >= 0.5
    assert finding.evidence["probability"] == pytest.approx(finding.score, abs=1e-4)
    assert f"{finding.score:.2f}" in finding.explanation
    assert finding.evidence["cues"] and all(
        c in bait.title.lower() for c in finding.evidence["cues"]
    )


def test_shipped_model_separates_obvious_cases() -> None:
    model = ClickbaitDetector().model
    p = model.predict_proba(
        [
            "17 Things Only 90s Kids Will Remember",
            "Central bank raises interest rates by a quarter point",
        ]
    )
    assert p[0] > 0.9 and p[1] < 0.1


def test_missing_or_corrupt_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        _ = ClickbaitDetector(model_path=tmp_path / "absent.npz").model
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError):
        ClickbaitModel.load(bad)


def test_load_headlines_drops_blanks_duplicates_and_conflicts(tmp_path: Path) -> None:
    def write(name: str, lines: list[str]) -> None:
        with gzip.open(tmp_path / name, "wt", encoding="utf-8") as fh:
            fh.write("\n\n".join(lines) + "\n")

    write(
        "clickbait_data.gz", ["You Won't Believe This", "Same Headline", "you won't  believe this"]
    )
    write("non_clickbait_data.gz", ["Storm hits coast", "same headline", ""])
    data = train_cb.load_headlines(tmp_path)
    assert data.texts == ["You Won't Believe This", "Storm hits coast"]
    assert data.labels.tolist() == [1, 0]
    assert data.dropped_duplicates == 2 and data.dropped_conflicts == 1


def test_missing_data_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        train_cb.load_headlines(tmp_path)


def test_split_is_fixed_disjoint_and_twenty_percent() -> None:
    tr, te = train_cb.split_indices(1000)
    tr2, te2 = train_cb.split_indices(1000)
    assert len(te) == 200 and len(tr) == 800
    assert not set(tr) & set(te)
    assert np.array_equal(te, te2) and np.array_equal(tr, tr2)


def test_classification_metrics() -> None:
    m = train_cb.classification_metrics(np.array([1, 1, 0, 0]), np.array([1, 0, 0, 1]))
    assert m == {"accuracy": 0.5, "f1": 0.5, "precision": 0.5, "recall": 0.5}
