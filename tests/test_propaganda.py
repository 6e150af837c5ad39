"""Propaganda detector: features, span decoding, model persistence, training, the detector."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsift.detectors.propaganda.data import (
    Annotation,
    Article,
    load_ptc_train,
    load_semeval2021_spans,
)
from newsift.detectors.propaganda.detector import PropagandaDetector
from newsift.detectors.propaganda.features import (
    SI_BITS,
    TC_BITS,
    token_features,
    tokenize,
)
from newsift.detectors.propaganda.model import PropagandaModel, decode_spans
from newsift.detectors.propaganda.technique_features import span_features
from newsift.detectors.propaganda.techniques import (
    DEFINITIONS,
    READABLE_NAMES,
    SEMEVAL2021_TO_2020,
    TECHNIQUES,
)
from newsift.document import Document
from newsift.errors import DataError, ModelError

TEXT = (
    "The senator spoke on Tuesday.\n"
    "These disgusting traitors will destroy our great nation!\n"
    "The meeting ended at noon."
)


def test_fourteen_techniques_each_defined() -> None:
    assert len(TECHNIQUES) == 14
    assert set(DEFINITIONS) == set(TECHNIQUES) == set(READABLE_NAMES)
    assert {v for v in SEMEVAL2021_TO_2020.values() if v} <= set(TECHNIQUES)


def test_tokens_have_exact_offsets_and_sentences() -> None:
    tok = tokenize(TEXT)
    for s, e, w in zip(tok.starts, tok.ends, tok.words, strict=True):
        assert TEXT[s:e] == w
    assert len(tok.sentences) == 3
    traitor = tok.words.index("traitors")
    assert tok.sentence_of[traitor] == 1


def test_token_features_are_deterministic_and_in_range() -> None:
    a = token_features(tokenize(TEXT))
    b = token_features(tokenize(TEXT))
    assert a.shape[0] == len(tokenize(TEXT))
    assert np.array_equal(a, b)
    assert a.min() >= 0 and a.max() < (1 << SI_BITS)


def test_span_features_see_repetition_in_the_article() -> None:
    once = "We must act. The plan is weak."
    twice = "We must act. The plan is weak. We must act."
    f_once = set(span_features(tokenize(once), 0, 11).tolist())
    f_twice = set(span_features(tokenize(twice), 0, 11).tolist())
    assert f_once != f_twice
    assert max(f_once | f_twice) < (1 << TC_BITS)


def test_decode_spans_hysteresis_and_sentence_fill() -> None:
    tok = tokenize(TEXT)
    probs = np.zeros(len(tok))
    i = tok.words.index("disgusting")
    probs[i] = 0.9  # seed
    probs[i + 1] = 0.4  # extends the seed (>= low)
    probs[0] = 0.4  # above low but no seed in its run: dropped
    spans = decode_spans(tok, probs, high=0.5, low=0.3)
    assert [(TEXT[s:e]) for s, e, _ in spans] == ["disgusting traitors"]
    assert spans[0][2] == pytest.approx(0.65)
    # A sentence above the fill threshold is returned whole, replacing the spans inside it.
    sent_probs = np.array([0.1, 0.8, 0.1])
    filled = decode_spans(tok, probs, 0.5, 0.3, sent_probs, sentence_fill=0.7)
    assert [TEXT[s:e] for s, e, _ in filled] == [tok.sentences[1].text]


def _random_model(rng: np.random.Generator) -> PropagandaModel:
    def half(shape: tuple[int, ...]) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float16).astype(np.float32)

    return PropagandaModel(
        si_weights=half((1 << SI_BITS,)),
        si_dense_weights=np.array([0.5, 0.25], dtype=np.float32),
        si_bias=-0.5,
        sent_weights=half((1 << 18,)),
        sent_bias=0.1,
        tc_weights=half((1 << TC_BITS, len(TECHNIQUES))),
        tc_bias=np.zeros(len(TECHNIQUES), dtype=np.float32),
        threshold_high=0.6,
        threshold_low=0.4,
        sentence_fill=0.9,
    )


def test_model_round_trips_through_npz(tmp_path: Path) -> None:
    model = _random_model(np.random.default_rng(0))
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = PropagandaModel.load(path)
    tok = tokenize(TEXT)
    a, b = model.predict(tok), loaded.predict(tok)
    assert [(s.start, s.end, s.technique) for s in a.spans] == [
        (s.start, s.end, s.technique) for s in b.spans
    ]
    assert np.allclose(a.sentence_probs, b.sentence_probs, atol=1e-5)
    assert loaded.sentence_fill == pytest.approx(0.9)


def test_load_rejects_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError):
        PropagandaModel.load(bad)
    with pytest.raises(ModelError):
        PropagandaDetector(model_path=tmp_path / "missing.npz").detect(Document(text="Hello."))


def _synthetic_corpus() -> list[Article]:
    """Articles where 'vile traitors' is always a Name_Calling span and the rest is neutral."""
    articles = []
    neutral = "The council met on Monday to review the budget for the coming year."
    for k in range(12):
        text = f"{neutral}\nThose vile traitors sold the harbour number {k}.\n{neutral}"
        start = text.index("vile traitors")
        ann = [Annotation(start, start + len("vile traitors"), "Name_Calling,Labeling")]
        if k % 2:
            start2 = text.index("sold")
            ann.append(Annotation(start2, start2 + 4, "Loaded_Language"))
        articles.append(Article(str(k), text, ann))
    return articles


def test_training_learns_the_annotated_words() -> None:
    from newsift.detectors.propaganda.train import fit_model, prepare

    model = fit_model([prepare(a) for a in _synthetic_corpus()])
    tok = tokenize("The council met.\nThose vile traitors sold the harbour.")
    # Compare the word-level part of the tagger (the sentence-logit features separate this
    # tiny corpus perfectly and saturate the full probability).
    word_logits = model.si_weights[token_features(tok)].sum(axis=1)
    vile = tok.words.index("vile")
    council = tok.words.index("council")
    assert word_logits[vile] > word_logits[council]
    assert model.sentence_logits(tok)[1] > model.sentence_logits(tok)[0]
    span = (tok.text.index("vile"), tok.text.index("vile") + len("vile traitors"))
    techniques = model.technique_probs(tok, [span])
    assert TECHNIQUES[int(techniques[0].argmax())] == "Name_Calling,Labeling"


def test_ptc_loader_reads_articles_and_labels(tmp_path: Path) -> None:
    (tmp_path / "train-articles").mkdir()
    (tmp_path / "train-labels-task2-technique-classification").mkdir()
    (tmp_path / "train-articles" / "article42.txt").write_text("Title\n\nThey are cowards.\n")
    (
        tmp_path / "train-labels-task2-technique-classification" / "article42.task2-TC.labels"
    ).write_text("42\tName_Calling,Labeling\t16\t23\n42\tLoaded_Language\t16\t23\n")
    [article] = load_ptc_train(tmp_path)
    assert article.text[16:23] == "cowards"
    assert article.spans == [(16, 23)]
    assert sorted(article.labels_by_span()[(16, 23)]) == [
        "Loaded_Language",
        "Name_Calling,Labeling",
    ]
    with pytest.raises(DataError):
        load_ptc_train(tmp_path / "nowhere")


def test_semeval2021_loader_maps_techniques(tmp_path: Path) -> None:
    path = tmp_path / "test_set_task2.txt"
    item = {
        "id": "7",
        "text": "TRAITORS EVERYWHERE",
        "labels": [
            {"start": 0, "end": 8, "technique": "Name calling/Labeling", "text_fragment": "x"},
            {"start": 0, "end": 19, "technique": "Smears", "text_fragment": "x"},
        ],
    }
    path.write_text(json.dumps([item]))
    [article] = load_semeval2021_spans(path)
    assert [a.technique for a in article.annotations] == ["Name_Calling,Labeling", ""]


# -- the detector with the shipped model ---------------------------------------------------------

PROPAGANDA_TEXT = (
    "The radical left mob and their corrupt puppet masters are destroying our great nation.\n"
    "These traitors hate America and everything real patriots hold dear!\n"
    "Wake up, people: it is now or never, and only a fool would trust the lying media again.\n"
    "The city council approved the budget on Tuesday."
)


@pytest.fixture(scope="module")
def detector() -> PropagandaDetector:
    return PropagandaDetector()


def test_detector_finds_named_technique_spans(detector: PropagandaDetector) -> None:
    doc = Document(text=PROPAGANDA_TEXT)
    findings = detector.detect(doc)
    spans = [f for f in findings if f.level == "span"]
    assert spans, "a text full of loaded language should yield span findings"
    for f in spans:
        assert f.category == "propaganda" and f.detector == "propaganda"
        assert f.label in TECHNIQUES
        assert f.evidence is not None and f.evidence["definition"] == DEFINITIONS[f.label]
        assert f.start is not None and f.end is not None
        assert doc.text[f.start : f.end] == f.evidence["text"]
        assert READABLE_NAMES[f.label] in f.explanation
        assert 0.0 <= f.score <= 1.0
    labels = {f.label for f in spans}
    assert labels & {"Loaded_Language", "Name_Calling,Labeling", "Flag-Waving", "Slogans"}
    sentences = [f for f in findings if f.level == "sentence"]
    for f in sentences:
        assert f.label == "propaganda_sentence" and f.score >= 0.5
        assert (f.start, f.end) in {(s.start, s.end) for s in doc.sentences}


def test_detector_scores_loaded_sentence_above_neutral_one(detector: PropagandaDetector) -> None:
    doc = Document(text=PROPAGANDA_TEXT)
    prediction = detector.model.predict(tokenize(doc.text, doc.sentences))
    assert prediction.sentence_probs[1] > prediction.sentence_probs[3]


def test_detector_on_empty_text(detector: PropagandaDetector) -> None:
    assert detector.detect(Document(text="   ")) == []
    # No words at all: nothing to tag, and no crash on empty token arrays.
    assert [f for f in detector.detect(Document(text="!!! ?")) if f.level == "span"] == []
