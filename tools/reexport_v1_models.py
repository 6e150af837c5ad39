"""Rewrite the shipped models from their first, per-model layouts into the one model file format
(`newsift.inference.store`, format version 2), keeping every array in its stored dtype so that
predictions stay bit-for-bit the same.

Run once, from the repository root, on files of the old layouts:

    python tools/reexport_v1_models.py

A file already in the new format is left alone. This reads the old files with numpy directly:
it is the one reader of the old layouts and is not part of the runtime package.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from newsift.detectors.propaganda.model import PropagandaModel
from newsift.detectors.stance.features import Vocabulary
from newsift.detectors.stance.model import StanceModel, TermMLP
from newsift.detectors.stance.model import save as save_stance
from newsift.inference.linear import LinearTextModel
from newsift.inference.mlp import MLP
from newsift.inference.tfidf import TfidfSpec
from newsift.inference.trees import TreeEnsemble
from newsift.reliability.model import ReliabilityModel

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsift"
# What each model was trained on, for the header's training record (the old files lacked it).
DATA = {
    "claims": "claimbuster: two_class/train.json (ClaimBuster)",
    "clickbait": "clickbait_chakraborty2016: clickbait and non-clickbait headlines",
    "hyperpartisan": "semeval2019_hyperpartisan: by-article training set",
    "style": "the labelled reliability sets of `newsift train reliability`",
    "stance": "fnc1: train_stances.csv + train_bodies.csv (FNC-1)",
    "reliability": "the labelled reliability sets of `newsift train reliability`",
}


def _arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def _is_v2(arrays: dict[str, np.ndarray]) -> bool:
    if "header" not in arrays:
        return False
    return json.loads(str(arrays["header"])).get("format") == "newsift.model"


def _linear(path: Path, task: str) -> None:
    a = _arrays(path)
    if _is_v2(a):
        return
    header = json.loads(str(a["header"]))
    blocks = [
        TfidfSpec.from_settings(s, a[f"terms{k}"].tolist(), a[f"idf{k}"].astype(np.float64))
        for k, s in enumerate(header["blocks"])
    ]
    meta = {**header.get("meta", {}), "data": DATA[task]}
    LinearTextModel(
        blocks, a["coef"].astype(np.float64), a["intercept"], header["classes"], meta
    ).save(path)


def _clickbait(path: Path) -> None:
    a = _arrays(path)
    if _is_v2(a):
        return
    meta = json.loads(str(a["meta"]))
    blocks = [
        TfidfSpec.from_settings(s, a[f"terms{k}"].tolist(), a[f"idf{k}"])
        for k, s in enumerate(meta.pop("blocks"))
    ]
    meta["data"] = DATA["clickbait"]
    coef = a["coef"][None, :]
    intercept = np.array([float(a["intercept"])])
    LinearTextModel(blocks, coef, intercept, ["0", "1"], meta, precision="float64").save(path)


def _stance(path: Path) -> None:
    a = _arrays(path)
    if _is_v2(a):
        return
    meta = json.loads(str(a["meta"]))
    vocab = Vocabulary.build(a["terms"].tolist(), a["idf"], int(meta.pop("n_tf")))
    mlp = TermMLP(MLP(*(a[f"mlp_{n}"].astype(np.float32) for n in ("w1", "b1", "w2", "b2"))))
    # Old names: "tree_" + field, but the tree classes were "tree_class" itself.
    old = {k[len("tree_") :]: v for k, v in a.items() if k.startswith("tree_")}
    old["tree_class"] = old.pop("class")
    trees = TreeEnsemble.from_arrays(old)
    labels = tuple(meta.pop("labels"))
    meta.update(task="stance", trained="2026-11-22", data=DATA["stance"])
    save_stance(StanceModel(vocab, mlp, trees, labels, meta), path)


def _propaganda(path: Path) -> None:
    a = _arrays(path)
    if _is_v2(a):
        return
    meta = json.loads(str(a["meta"]))
    w = {
        k: a[k].astype(np.float32) for k in ("si_weights", "sent_weights", "tc_weights", "tc_bias")
    }
    PropagandaModel(
        si_weights=w["si_weights"],
        si_dense_weights=np.array(meta["si_dense_weights"], dtype=np.float32),
        si_bias=float(meta["si_bias"]),
        sent_weights=w["sent_weights"],
        sent_bias=float(meta["sent_bias"]),
        tc_weights=w["tc_weights"],
        tc_bias=w["tc_bias"],
        threshold_high=float(meta["threshold_high"]),
        threshold_low=float(meta["threshold_low"]),
        sentence_fill=float(meta["sentence_fill"]),
        span_threshold=float(a["shipped_threshold"]),
        techniques=tuple(meta["techniques"]),
        meta={
            **{
                k: v
                for k, v in meta.items()
                if k not in ("format_version", "bits", "trained_on", "date")
            },
            "task": "propaganda",
            "data": f"semeval2020_task11_ptc: {meta['trained_on']}",
            "trained": meta["date"],
        },
    ).save(path)


def _reliability(path: Path) -> None:
    a = _arrays(path)
    if _is_v2(a):
        return
    meta = {"task": "reliability", "trained": "2026-12-05", "data": DATA["reliability"]}
    ReliabilityModel(
        names=tuple(str(n) for n in a["names"]),
        weights=a["weights"].astype(float),
        bias=float(a["bias"]),
        platt_a=float(a["platt"][0]),
        platt_c=float(a["platt"][1]),
        meta=meta,
    ).save(path)


def main() -> None:
    detectors = PACKAGE / "detectors"
    for task in ("claims", "hyperpartisan", "style"):
        _linear(detectors / task / f"{task}.npz", task)
    _clickbait(detectors / "clickbait" / "clickbait.npz")
    _stance(detectors / "stance" / "stance.npz")
    _propaganda(detectors / "propaganda" / "propaganda.npz")
    _reliability(PACKAGE / "reliability" / "reliability.npz")
    print("model files are in format version 2")


if __name__ == "__main__":
    main()
