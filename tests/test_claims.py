"""Check-worthy claims: the numpy model equals scikit-learn, the detector's findings, the data
handling (duplicates by sentence_id), the checkable-detail extraction and the CLEF readers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsift.detectors.claims import claimbuster, clef, recipe
from newsift.detectors.claims.checkable import describe, find_checkables
from newsift.detectors.claims.detector import ClaimsDetector
from newsift.document import Document
from newsift.errors import DataError, ModelError
from newsift.inference import LinearTextModel
from newsift.inference.export import from_sklearn, hstack_transform

FIXTURE = Path(__file__).parent / "fixtures" / "claims" / "train.json"
UNSEEN = [
    "Inflation reached 9.1 percent in June 2022, the highest in forty years.",
    "Thank you all for coming out tonight.",
    "",
    "ÜNÏCÖDÉ   and\tTABS 2024!!",
]


@pytest.fixture(scope="module")
def fitted():
    data = claimbuster.read_claimbuster(FIXTURE)
    vectorizers, clf = recipe.fit(data.texts, data.labels, c=10.0)
    return data, vectorizers, clf


@pytest.fixture(scope="module")
def model_path(fitted, tmp_path_factory) -> Path:
    _, vectorizers, clf = fitted
    path = tmp_path_factory.mktemp("claims") / "claims.npz"
    from_sklearn(vectorizers, clf, {"task": "claims"}).save(path)
    return path


def test_numpy_inference_matches_sklearn(fitted) -> None:
    data, vectorizers, clf = fitted
    model = from_sklearn(vectorizers, clf)
    probe = data.texts[:4] + UNSEEN
    expected = clf.predict_proba(hstack_transform(vectorizers, probe))
    np.testing.assert_allclose(model.predict_proba(probe), expected, atol=1e-9, rtol=0)
    assert model.classes == ["0", "1"]


def test_saved_model_round_trips_through_npz(fitted, model_path: Path) -> None:
    data, vectorizers, clf = fitted
    loaded = LinearTextModel.load(model_path)
    assert loaded.meta == {"task": "claims"}
    expected = clf.predict_proba(hstack_transform(vectorizers, UNSEEN))[:, 1]
    # float32 storage keeps the file small; probabilities move by far less than a rounding step
    np.testing.assert_allclose(loaded.positive_proba(UNSEEN), expected, atol=1e-5)
    with np.load(model_path, allow_pickle=False) as z:  # plain arrays only
        assert all(z[k].dtype != object for k in z.files)


def test_detector_ranks_check_worthy_sentences_with_details(model_path: Path) -> None:
    text = (
        "Thank you all for coming out tonight. "
        "Unemployment rose to 9.5 percent in Ohio in March 2010, according to the Labor "
        "Department. I think we can do better. "
        "Health insurance premiums have doubled since 2000."
    )
    doc = Document(text=text)
    findings = ClaimsDetector(model_path).detect(doc)
    assert findings, "the two factual sentences should be flagged"
    flagged = [text[f.start : f.end] for f in findings]
    assert not any(s.startswith("Thank you") for s in flagged)
    assert [f.evidence["rank"] for f in findings] == list(range(1, len(findings) + 1))
    assert [f.score for f in findings] == sorted((f.score for f in findings), reverse=True)
    top = next(f for f in findings if "Unemployment" in text[f.start : f.end])
    assert top.category == "claims" and top.level == "sentence" and top.label == "check_worthy"
    assert "9.5 percent" in top.evidence["numbers"]
    assert "March 2010" in top.evidence["dates"]
    assert "Ohio" in top.evidence["entities"] and "Labor Department" in top.evidence["entities"]
    assert "9.5 percent" in top.explanation and f"{top.score:.2f}" in top.explanation


def test_detector_threshold_and_short_fragments(model_path: Path) -> None:
    doc = Document(text="Crime fell 20 percent.\n\nOhio, 2010.")
    assert ClaimsDetector(model_path, threshold=1.0).detect(doc) == []
    found = ClaimsDetector(model_path, threshold=0.0).detect(doc)
    assert [doc.text[f.start : f.end] for f in found] == ["Crime fell 20 percent."]


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="newsift train claims"):
        ClaimsDetector(tmp_path / "none.npz").detect(Document(text="Taxes rose 5 percent."))


def test_corrupt_model_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError):
        LinearTextModel.load(bad)


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def test_duplicates_by_sentence_id_and_test_overlap_are_removed(tmp_path: Path) -> None:
    train = _write(
        tmp_path / "train.json",
        [
            {"sentence_id": 1, "label": 1, "text": "Taxes rose 5 percent."},
            {"sentence_id": 1, "label": 0, "text": "A duplicate id is dropped."},
            {"sentence_id": 2, "label": 0, "text": "Shared with the test by id."},
            {"sentence_id": 3, "label": 1, "text": "  SAME text   as a test row."},
            {"sentence_id": 4, "label": 0, "text": "Kept."},
        ],
    )
    test = _write(
        tmp_path / "test.json",
        [
            {"sentence_id": 2, "label": 0, "text": "Different text, same id."},
            {"sentence_id": 9, "label": 1, "text": "same text as a test row."},
        ],
    )
    tr = claimbuster.read_claimbuster(train)
    assert tr.ids == ["1", "2", "3", "4"] and tr.texts[0] == "Taxes rose 5 percent."
    kept, dropped = claimbuster.without_overlap(tr, claimbuster.read_claimbuster(test))
    assert kept.ids == ["1", "4"] and dropped == 2
    assert kept.labels.tolist() == [1, 0]


def test_three_class_labels_are_read_as_integers(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "three.json",
        [{"sentence_id": "7", "screening": -3, "label": "-1", "text": "I think so."}],
    )
    assert claimbuster.read_claimbuster(path).labels.tolist() == [-1]


def test_missing_dataset_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="test.json"):
        claimbuster.two_class_split(tmp_path)


def test_clef_readers(tmp_path: Path) -> None:
    ct19 = tmp_path / "ct19.csv"
    ct19.write_text(
        "line_number,speaker,text,label,file_name\n"
        '1,A,"Taxes rose, a lot.",1,d1.tsv\n2,B,Hello.,0,d1.tsv\n1,C,Thanks.,0,d2.tsv\n',
        encoding="utf-8",
    )
    groups = clef.read_ct2019_test(ct19)
    assert groups == {
        "d1.tsv": (["Taxes rose, a lot.", "Hello."], [1, 0]),
        "d2.tsv": (
            ["Thanks."],
            [0],
        ),
    }
    ct20 = tmp_path / "ct20.tsv"
    ct20.write_text('text\tlabel\nHe said "no.\t0\nTaxes rose.\t1\n', encoding="utf-8")
    assert clef.read_ct2020_task5_test(ct20) == (['He said "no.', "Taxes rose."], [0, 1])


@pytest.mark.parametrize(
    ("sentence", "numbers", "dates", "entities"),
    [
        (
            "The war in Syria has killed nearly half a million people since 2011, the UN says.",
            ["nearly half a million"],
            ["2011"],
            ["Syria", "UN"],
        ),
        (
            "We spent $3.5 billion on the F-35 program last year.",
            ["$3.5 billion"],
            ["last year"],
            ["F-35"],
        ),
        (
            "The Bank of England raised rates to 5.25% on 3 August 2023.",
            ["5.25%"],
            ["3 August 2023"],
            ["Bank of England"],
        ),
        ("I think we need to do better.", [], [], []),
        (
            "On Tuesday, Obama and Clinton met in Ohio.",
            [],
            ["Tuesday"],
            ["Obama", "Clinton", "Ohio"],
        ),
        # a sentence-initial capital is grammar, not a name
        ("Unemployment rose in Ohio.", [], [], ["Ohio"]),
        ("The Kurdish-led forces left Raqqa.", [], [], ["Kurdish", "Raqqa"]),
        ("The US and the WHO disagree with us.", [], [], ["US", "WHO"]),  # acronyms, not "us"
    ],
)
def test_find_checkables(sentence, numbers, dates, entities) -> None:
    found = find_checkables(sentence)
    assert found.numbers == numbers
    assert found.dates == dates
    assert found.entities == entities


def test_describe_names_each_kind() -> None:
    found = find_checkables("In March 2016, Donald Trump said unemployment was 42 percent.")
    assert describe(found) == "figures (42 percent), dates (March 2016) and names (Donald Trump)"
    assert describe(find_checkables("We can do better.")) == ""


def test_multiclass_model_matches_sklearn_softmax(fitted) -> None:
    data, _, _ = fitted
    from sklearn.linear_model import LogisticRegression

    vectorizers = recipe.make_vectorizers()
    x = hstack_transform(vectorizers, data.texts, fit=True)
    labels = np.array([-1, 0, 1, 1] * (len(data.texts) // 4))[: len(data.texts)]
    clf = LogisticRegression(C=5.0, max_iter=2000).fit(x, labels)
    model = from_sklearn(vectorizers, clf)
    assert model.classes == ["-1", "0", "1"] and model.coef.shape[0] == 3
    expected = clf.predict_proba(hstack_transform(vectorizers, UNSEEN))
    np.testing.assert_allclose(model.predict_proba(UNSEEN), expected, atol=1e-9)


@pytest.mark.parametrize("ngram_range", [(1, 4), (2, 5), (3, 3)])
def test_word_char_ngrams_equal_sklearn_style_char_wb_ngrams(ngram_range) -> None:
    from newsift.inference.tfidf import char_wb_ngrams, word_char_ngrams

    for word in ["a", "ab", "abc", "données", "mother-in-law", "don't", "2024", "x1"]:
        assert word_char_ngrams(word, ngram_range) == char_wb_ngrams(word, ngram_range)
    assert word_char_ngrams("ab", (1, 4)) == [" ", "a", "b", " ", " a", "ab", "b ", " ab", "ab ",
                                              " ab "]  # fmt: skip
