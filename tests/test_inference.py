"""The inference library: one model file format, one reader, and its parts match scikit-learn."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from newsift.errors import ModelError
from newsift.inference.activations import sigmoid, sigmoid_scalar, softmax
from newsift.inference.store import (
    FORMAT_VERSION,
    ModelFile,
    describe,
    load_arrays,
    load_model,
    save_model,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "newsift"
SHIPPED = {
    "detectors/claims/claims.npz": "linear_text",
    "detectors/clickbait/clickbait.npz": "linear_text",
    "detectors/hyperpartisan/hyperpartisan.npz": "linear_text",
    "detectors/style/style.npz": "linear_text",
    "detectors/stance/stance.npz": "stance_stack",
    "detectors/propaganda/propaganda.npz": "propaganda_hashed",
    "reliability/reliability.npz": "reliability_logistic",
}


def _file() -> ModelFile:
    arrays = {"w": np.arange(6, dtype=np.float16).reshape(2, 3), "ids": np.array([3, 1], np.int16)}
    meta = {"task": "toy", "trained": "2026-12-06", "data": "fixture", "C": 2.0}
    return describe("toy", arrays, {"labels": ["a", "b"]}, meta)


def test_a_model_file_round_trips_arrays_dtypes_and_header(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "toy.npz"
    save_model(path, _file())
    loaded = load_model(path, "toy")
    assert loaded.array("w").dtype == np.float16 and loaded.array("ids").dtype == np.int16
    np.testing.assert_array_equal(loaded.array("w"), _file().arrays["w"])
    assert loaded.config == {"labels": ["a", "b"]}
    assert loaded.training == {"task": "toy", "trained": "2026-12-06", "data": "fixture"}
    assert loaded.hyperparameters == {"C": 2.0}
    header = json.loads(str(load_arrays(path)["header"]))
    assert header["format"] == "newsift.model" and header["format_version"] == FORMAT_VERSION


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "cannot read"),
        (None, "no header"),
        ("kind", "expected 'toy'"),
        ("version", "format version 1"),
        ("object", "cannot read"),
    ],
)
def test_bad_model_files_are_model_errors_naming_the_file(
    tmp_path: Path, content, message: str
) -> None:
    path = tmp_path / "bad.npz"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is None:
        np.savez(path, w=np.zeros(2))
    elif content == "object":  # a pickled object array is never unpickled
        header = {"format": "newsift.model", "format_version": FORMAT_VERSION, "kind": "toy"}
        np.savez(path, header=np.array(json.dumps(header)), w=np.array([{"a": 1}], dtype=object))
    else:
        save_model(path, _file() if content == "version" else describe("other", {}, {}, {}))
        if content == "version":
            arrays = load_arrays(path)
            header = json.loads(str(arrays["header"]))
            header["format_version"] = 1
            arrays["header"] = np.array(json.dumps(header))
            np.savez(path, **arrays)
    with pytest.raises(ModelError, match=re.escape(str(path))) as info:
        load_model(path, "toy")
    assert message in str(info.value)


def test_the_header_name_is_reserved(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="reserved"):
        save_model(tmp_path / "x.npz", ModelFile("toy", {"header": np.zeros(1)}))


@pytest.mark.parametrize(("relative", "kind"), sorted(SHIPPED.items()))
def test_every_shipped_model_is_in_the_one_format_with_its_training_record(
    relative: str, kind: str
) -> None:
    file = load_model(SRC / relative, kind)
    assert file.training.get("data"), relative
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(file.training.get("trained", ""))), relative


def test_the_package_reads_numpy_files_in_one_place() -> None:
    calls = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "np.load(" in line or "numpy.load(" in line
    ]
    assert calls == [c for c in calls if c.startswith("inference/store.py:")] and len(calls) == 1


def test_activations_agree_and_stay_finite() -> None:
    z = np.array([-1000.0, -3.0, 0.0, 2.5, 1000.0])
    expected = [sigmoid_scalar(float(v)) for v in z]
    np.testing.assert_allclose(sigmoid(z), expected, atol=1e-12)
    assert np.isfinite(sigmoid(z.astype(np.float32))).all()
    p = softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == 2 and p[1, 0] == pytest.approx(1.0)


def _toy_data(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(240, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int) + (x[:, 2] > 1).astype(int)
    return x, y


def test_tree_ensemble_matches_scikit_learn_and_survives_storage(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from newsift.inference.trees import TreeEnsemble, from_histgradientboosting

    x, y = _toy_data()
    x[::7, 3] = np.nan  # missing values take the learned side
    clf = HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=7, random_state=0).fit(x, y)
    trees = from_histgradientboosting(clf)
    np.testing.assert_allclose(trees.predict_proba(x), clf.predict_proba(x), atol=1e-6)
    save_model(tmp_path / "t.npz", ModelFile("trees", trees.to_arrays("trees.")))
    again = TreeEnsemble.from_arrays(load_model(tmp_path / "t.npz", "trees").with_prefix("trees."))
    np.testing.assert_allclose(again.predict_proba(x), clf.predict_proba(x), atol=1e-5)


def test_mlp_matches_scikit_learn_dense_and_sparse() -> None:
    pytest.importorskip("sklearn")
    import warnings

    from scipy import sparse
    from sklearn.neural_network import MLPClassifier

    from newsift.inference.mlp import from_mlpclassifier

    x, y = _toy_data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = MLPClassifier(hidden_layer_sizes=(8,), max_iter=50, random_state=0).fit(x, y)
    mlp = from_mlpclassifier(clf)
    np.testing.assert_allclose(mlp.predict_proba(x), clf.predict_proba(x), atol=1e-5)
    row = sparse.csr_matrix(x[:1])
    ids, vals = row.indices, row.data
    one = mlp.output(mlp.first_layer_sparse(ids, vals)[None, :])
    np.testing.assert_allclose(one, clf.predict_proba(x[:1]), atol=1e-5)


@pytest.mark.parametrize("tf", [{"binary": True}, {"sublinear_tf": True}, {}])
def test_tfidf_spec_repeats_sklearn_transform_for_each_tf_setting(tf: dict) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsift.inference.export import spec_from_vectorizer
    from newsift.inference.tfidf import TfidfSpec

    train = ["the cat sat on the mat the cat", "a dog barked at the cat", "dogs and cats, cats"]
    probe = ["the cat the cat the cat", "a dog and a mat", "nothing known here"]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), **tf).fit(train)
    spec = spec_from_vectorizer(vectorizer)
    spec = TfidfSpec.from_settings(spec.settings(), spec.terms, spec.idf)  # as stored
    assert spec.binary == tf.get("binary", False)
    rows, cols, vals = spec.transform_batch(probe)
    dense = np.zeros((len(probe), len(spec.terms)))
    dense[rows, cols] = vals
    np.testing.assert_allclose(dense, vectorizer.transform(probe).toarray(), atol=1e-12)
