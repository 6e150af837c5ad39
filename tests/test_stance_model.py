"""The numpy stance model computes what the scikit-learn models it was exported from compute."""

import numpy as np
import pytest

from newsift.detectors.stance import fitting as T
from newsift.detectors.stance.inference import (
    decide,
    mlp_probabilities,
    pair_features,
    predict_pairs,
    stacked_inputs,
)
from newsift.detectors.stance.model import StanceModel, load, save
from newsift.detectors.stance.params import Params
from newsift.detectors.stance.scorer import LABELS
from newsift.detectors.stance.splits import Split
from newsift.errors import ModelError

TOPICS = {
    "bridge": "The council approved a new bridge over the river. Building starts in spring.",
    "whale": "A whale was seen swimming near the harbour. Tourists filmed the animal for hours.",
    "phone": "The company launched a new phone with a bigger screen. Sales begin next week.",
    "storm": "A storm closed the airport overnight. Flights resumed in the morning after repairs.",
}
CLAIMS = {
    "bridge": "Council approves river bridge",
    "whale": "Whale spotted in harbour",
    "phone": "Company launches phone with big screen",
    "storm": "Storm shuts airport",
}
STYLE = {
    0: " Officials confirmed it.",
    1: " This is fake, a hoax that was denied.",
    2: " Reportedly, sources claim this may happen.",
}


def _tiny_split() -> Split:
    """Pairs of every claim with every body: matching topic gets a stance, others unrelated."""
    claims, bodies, ids, labels = [], [], [], []
    for b_i, (topic, text) in enumerate(TOPICS.items()):
        for style, suffix in STYLE.items():
            for c_topic, claim in CLAIMS.items():
                claims.append(claim)
                bodies.append(text + suffix)
                ids.append(b_i * 10 + style)
                labels.append(style if c_topic == topic else 3)
    return Split(claims, bodies, np.array(ids), np.array(labels))


PARAMS = Params(
    vocab_size=200,
    n_tf=30,
    min_df=1,
    mlp_hidden=6,
    mlp_epochs=20,
    mlp_batch=8,
    folds=2,
    tree_iter=5,
    tree_leaves=4,
    tree_min_leaf=2,
)


@pytest.fixture(scope="module")
def tiny():
    split = _tiny_split()
    vocab = T.build_vocabulary(sorted(set(split.claims)) + sorted(set(split.bodies)), PARAMS)
    feats = pair_features(split.claims, split.bodies, vocab)
    x = T.mlp_matrix(feats, vocab.n_tf)
    mlp_clf = T.fit_mlp_classifier(x, split.labels, PARAMS)
    stacked = stacked_inputs(feats.hand, mlp_clf.predict_proba(x))
    tree_clf = T.fit_trees(stacked, split.labels, PARAMS)
    model = StanceModel(
        vocab, T.export_mlp(mlp_clf), T.export_trees(tree_clf), LABELS, {"decision": "argmax"}
    )
    return split, feats, x, mlp_clf, stacked, tree_clf, model


def test_numpy_mlp_equals_sklearn(tiny):
    _, feats, x, mlp_clf, _, _, model = tiny
    np.testing.assert_allclose(mlp_probabilities(model, feats), mlp_clf.predict_proba(x), atol=1e-5)


def test_numpy_trees_equal_sklearn(tiny):
    _, _, _, _, stacked, tree_clf, model = tiny
    np.testing.assert_allclose(
        model.trees.predict_proba(stacked), tree_clf.predict_proba(stacked), atol=1e-9
    )


def test_saved_model_predicts_like_the_fitted_one(tiny, tmp_path):
    split, feats, _, mlp_clf, _, tree_clf, model = tiny
    path = tmp_path / "stance.npz"
    save(model, path)
    loaded = load(path)
    assert loaded.vocab.terms == model.vocab.terms
    results = predict_pairs(loaded, split.claims, split.bodies)
    expected = tree_clf.predict_proba(stacked_inputs(feats.hand, mlp_probabilities(model, feats)))
    got = np.array([[r.probabilities[lab] for lab in LABELS] for r in results])
    np.testing.assert_allclose(got, expected, atol=1e-5)
    assert [r.label for r in results] == [LABELS[i] for i in expected.argmax(axis=1)]


def test_expected_score_rule_prefers_a_related_label_when_related_is_likely():
    # unrelated is the single most likely class, but related (0.6) is likelier overall
    proba = np.array([[0.3, 0.15, 0.15, 0.4]])
    assert decide(proba, "argmax")[0] == 3
    assert LABELS[decide(proba, "fnc_expected")[0]] == "agree"
    with pytest.raises(ValueError):
        decide(proba, "vote")


def test_malformed_model_file_raises_model_error(tmp_path):
    bad = tmp_path / "stance.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        load(bad)
    np.savez(tmp_path / "partial.npz", idf=np.ones(3))
    with pytest.raises(ModelError):
        load(tmp_path / "partial.npz")
