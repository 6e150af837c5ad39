"""Propaganda spans at a precision operating point: the fragment filter, the threshold chooser,
and the shipped threshold stored in the model file and used by the detector.

Every fixture is written here (no shared data): small texts, toy curves, random weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsift.detectors.propaganda.detector import PropagandaDetector
from newsift.detectors.propaganda.features import SENT_BITS, SI_BITS, TC_BITS, tokenize
from newsift.detectors.propaganda.fragments import filter_fragments, kept_fragments, trim_fragment
from newsift.detectors.propaganda.model import PropagandaModel, decode_spans, select_spans
from newsift.detectors.propaganda.techniques import TECHNIQUES
from newsift.document import Document
from newsift.errors import ModelError
from newsift.inference.store import load_arrays, load_model


def _trimmed(text: str, fragment: str, occurrence: int = 0) -> str | None:
    """`trim_fragment` of the `occurrence`-th appearance of `fragment` in `text`, as text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    kept = trim_fragment(text, start, start + len(fragment))
    return None if kept is None else text[kept[0] : kept[1]]


# -- the fragment filter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The board wants a full inquiry into the affair.", "a full"),
        ("Many of the women a reporter spoke to were afraid.", "women a"),
        ("They complained about the lack of jobs in town.", "the lack of"),
        ("The treaty names France as guarantor of the peace.", "guarantor"),
    ],
)
def test_fragments_that_do_not_stand_on_their_own_are_dropped(text: str, fragment: str) -> None:
    assert _trimmed(text, fragment) is None


def test_function_words_are_trimmed_off_the_edges() -> None:
    text = "They pointed to the lack of evidence for the claim."
    assert _trimmed(text, "to the lack of evidence for") == "lack of evidence"
    text = "Officials said the brutal crackdown of the protests was planned."
    assert _trimmed(text, "the brutal crackdown of") == "brutal crackdown"
    # Conjunctions and auxiliaries at the edges go too.
    text = "And the corrupt elites will"
    assert _trimmed(text, text) == "corrupt elites"


def test_a_real_loaded_phrase_is_kept_whole() -> None:
    text = "Only a fool would trust these disgusting traitors again."
    assert _trimmed(text, "these disgusting traitors") == "disgusting traitors"
    text = "The radical left mob is destroying our great nation."
    assert _trimmed(text, "radical left mob") == "radical left mob"  # untouched


def test_a_single_word_stands_only_when_the_lexicon_marks_it_loaded() -> None:
    text = "These traitors sold the harbour; a guarantor signed."
    assert _trimmed(text, "These traitors") == "traitors"  # lexicon: name-calling
    assert _trimmed(text, "a guarantor") is None  # a common word
    # A lexicon phrase in a listed neutral use is not loaded ("tax regime").
    text = "The new tax regime starts in May."
    assert _trimmed(text, "regime") is None
    assert _trimmed("The regime jailed them.", "regime") == "regime"


def test_an_edge_on_a_content_word_keeps_its_punctuation() -> None:
    text = "Wake up! This is an utterly shameful betrayal."
    sentence = "This is an utterly shameful betrayal."
    # "This is": a pronoun, not a determiner, so nothing is trimmed, full stop included.
    assert _trimmed(text, sentence) == sentence


def test_a_cut_word_is_trimmed_to_whole_words() -> None:
    text = "The unbelievably corrupt officials resigned."
    start = text.index("believably")  # starts inside "unbelievably"
    kept = trim_fragment(text, start, text.index(" resigned"))
    assert kept is not None and text[kept[0] : kept[1]] == "corrupt officials"
    assert trim_fragment(text, 2, 3) is None  # inside one word


def test_filter_keeps_order_and_marks_dropped_spans() -> None:
    text = "We saw a full report about these cowards and their vile lies."
    spans = [
        (text.index("a full"), text.index("a full") + 6),
        (text.index("these"), text.index("cowards") + 7),
        (text.index("their"), len(text)),
    ]
    result = filter_fragments(text, spans)
    assert result[0] is None
    assert [text[s:e] for s, e in kept_fragments(text, spans)] == ["cowards", "vile lies."]
    assert len(result) == len(spans)


# -- the threshold chooser ------------------------------------------------------------------------

# A toy precision/recall curve: precision rises with the threshold, recall falls, and precision
# is not monotone (0.55 at 0.3, 0.49 at 0.4).
THRESHOLDS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
PRECISION = [0.20, 0.30, 0.45, 0.55, 0.49, 0.60, 0.70, 0.90]
RECALL = [0.80, 0.60, 0.40, 0.30, 0.28, 0.20, 0.10, 0.01]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r)


def test_chooser_picks_the_best_f1_among_thresholds_reaching_the_precision() -> None:
    from newsift.detectors.propaganda.operating_point import choose_threshold

    k = choose_threshold(THRESHOLDS, PRECISION, RECALL, min_precision=0.50)
    assert THRESHOLDS[k] == 0.3  # F1 0.388; 0.5 reaches it too but with F1 0.300
    assert _f1(PRECISION[k], RECALL[k]) > _f1(PRECISION[5], RECALL[5])


def test_chooser_without_a_floor_picks_the_f1_optimum() -> None:
    from newsift.detectors.propaganda.operating_point import choose_threshold

    f1 = [_f1(p, r) for p, r in zip(PRECISION, RECALL, strict=True)]
    k = choose_threshold(THRESHOLDS, PRECISION, RECALL)
    assert k == int(np.argmax(f1)) and THRESHOLDS[k] == 0.2  # F1 0.424, precision 0.45


def test_chooser_breaks_ties_toward_the_smaller_threshold_and_reports_no_point() -> None:
    from newsift.detectors.propaganda.operating_point import choose_threshold

    k = choose_threshold([0.2, 0.1, 0.3], [0.6, 0.6, 0.6], [0.5, 0.5, 0.5], min_precision=0.5)
    assert k == 1
    assert choose_threshold(THRESHOLDS, PRECISION, RECALL, min_precision=0.95) is None


# -- the shipped threshold in the model file and in the detector ----------------------------------


TEXT = (
    "The council met on Monday to review the budget.\n"
    "These disgusting traitors will destroy our great nation!\n"
    "The meeting ended at noon."
)


def _model(span_threshold: float, f1opt: float = 0.0) -> PropagandaModel:
    """A model whose tagger likes a few loaded words, with the given operating threshold."""
    from newsift.detectors.propaganda.features import token_features

    si = np.zeros(1 << SI_BITS, dtype=np.float32)
    tok = tokenize(TEXT)
    feats = token_features(tok)
    for i in np.flatnonzero(tok.sentence_of == 1):  # every word of the loaded sentence
        si[feats[i, 0]] = 6.0  # the lower-case word slot
    return PropagandaModel(
        si_weights=si,
        si_dense_weights=np.zeros(2, dtype=np.float32),
        si_bias=-3.0,
        sent_weights=np.zeros(1 << SENT_BITS, dtype=np.float32),
        sent_bias=0.0,
        tc_weights=np.zeros((1 << TC_BITS, len(TECHNIQUES)), dtype=np.float32),
        tc_bias=np.zeros(len(TECHNIQUES), dtype=np.float32),
        threshold_high=0.5,
        threshold_low=0.5,
        sentence_fill=2.0,
        span_threshold=span_threshold,
        meta={"operating_points": {"f1opt": {"threshold": f1opt}}},
    )


def test_shipped_and_f1opt_thresholds_are_in_the_model_file_header(tmp_path: Path) -> None:
    path = tmp_path / "propaganda.npz"
    _model(0.42, f1opt=0.03).save(path)
    file = load_model(path, "propaganda_hashed")
    assert file.config["span_threshold"] == pytest.approx(0.42)
    assert file.hyperparameters["operating_points"]["f1opt"]["threshold"] == pytest.approx(0.03)
    assert file.array("si_weights").dtype == np.float16
    assert PropagandaModel.load(path).span_threshold == pytest.approx(0.42)


def test_a_model_file_of_another_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    _model(0.42).save(path)
    arrays = load_arrays(path)
    header = json.loads(str(arrays["header"]))
    header["format_version"] = 1
    arrays["header"] = np.array(json.dumps(header))
    np.savez_compressed(path, **arrays)
    with pytest.raises(ModelError, match="format version 1"):
        PropagandaModel.load(path)


def _model_spans(detector: PropagandaDetector) -> list[str]:
    findings = detector.detect(Document(text=TEXT))
    return [
        f.evidence["text"]
        for f in findings
        if f.level == "span" and f.evidence is not None and "lexicon" not in f.evidence
    ]


def test_detector_uses_the_stored_shipped_threshold(tmp_path: Path) -> None:
    low, high = tmp_path / "low.npz", tmp_path / "high.npz"
    _model(0.0).save(low)
    _model(0.999).save(high)
    shown = _model_spans(PropagandaDetector(model_path=low))
    assert shown == ["disgusting traitors will destroy our great nation"]
    assert PropagandaDetector(model_path=high).model.span_threshold == pytest.approx(0.999)
    assert _model_spans(PropagandaDetector(model_path=high)) == []


def test_spans_pass_the_fragment_filter_and_are_rescored(tmp_path: Path) -> None:
    tok = tokenize(TEXT)
    probs = np.where(tok.sentence_of == 1, 0.9, 0.01)
    probs[tok.words.index("These")] = 0.6
    [(start, end, score)] = decode_spans(tok, probs, 0.5, 0.5)
    assert TEXT[start:end].startswith("These disgusting")
    [(s, e, rescored)] = select_spans(tok, probs, 0.5, 0.5)
    # The determiner at the start is trimmed, and the score is the mean of the words left.
    assert TEXT[s:e] == "disgusting traitors will destroy our great nation"
    assert rescored == pytest.approx(0.9) and rescored > score
    assert select_spans(tok, probs, 0.5, 0.5, threshold=0.95) == []
    # The detector shows the trimmed span.
    path = tmp_path / "m.npz"
    _model(0.0).save(path)
    for text in _model_spans(PropagandaDetector(model_path=path)):
        start = TEXT.index(text)
        assert trim_fragment(TEXT, start, start + len(text)) == (start, start + len(text))


def test_shipped_model_file_holds_a_precision_operating_point() -> None:
    from newsift.detectors.propaganda.detector import MODEL_PATH

    file = load_model(MODEL_PATH, "propaganda_hashed")
    shipped = file.config["span_threshold"]
    points = file.hyperparameters["operating_points"]
    assert points["shipped"]["threshold"] == pytest.approx(shipped)
    assert 0.0 <= points["f1opt"]["threshold"] < shipped
    assert points["shipped"]["precision"] >= points["min_precision"] == 0.5
    assert points["shipped"]["precision"] > points["f1opt"]["precision"]
    assert PropagandaModel.load(MODEL_PATH).span_threshold == pytest.approx(shipped)
