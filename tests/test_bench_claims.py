"""The hand-labelled claim matching set and the precision the stories bench computes on it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import orjson
import pytest

from newsift.errors import DataError, InputError
from newsift.stories import bench_claims
from newsift.stories.bench_claims import (
    LABELS,
    bench_claim_matching,
    claim_match_precision,
    fnc_source,
    read_pairs,
)

# The fixture of this checkout, whichever way the package is installed.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "claim_matching" / "pairs.jsonl"
DEV_FIXTURE = FIXTURE.with_name("dev_pairs.jsonl")
NOTES = FIXTURE.parent / "NOTES.md"


@pytest.mark.parametrize("fixture", [FIXTURE, DEV_FIXTURE], ids=["test", "dev"])
def test_fixture_is_a_valid_labelled_set(fixture: Path) -> None:
    pairs = read_pairs(fixture)
    assert len(pairs) >= 100
    assert len({p.id for p in pairs}) == len(pairs)
    assert {p.label for p in pairs} <= set(LABELS)
    assert {p.dataset for p in pairs} <= {"fnc1", "task8"}
    for p in pairs:
        assert p.claim_source in p.story and p.sentence_source in p.story
        assert p.claim_source != p.sentence_source
        assert p.claim.strip() and p.sentence.strip()
        assert not p.figure_conflict or p.label == "same"  # a conflict is about the same claim


def test_notes_state_the_counts_of_the_file() -> None:
    pairs = read_pairs(FIXTURE)
    notes = NOTES.read_text(encoding="utf-8")

    def stated(name: str) -> int:
        found = re.search(rf"^- {name}: (\d+)", notes, re.MULTILINE)
        assert found, f"NOTES.md states no {name} count"
        return int(found.group(1))

    assert stated("pairs") == len(pairs)
    assert stated("same") == sum(p.label == "same" for p in pairs)
    assert stated("different") == sum(p.label == "different" for p in pairs)
    assert stated("figure_conflict") == sum(p.figure_conflict for p in pairs)
    dev = read_pairs(DEV_FIXTURE)
    assert stated("dev pairs") == len(dev)
    assert stated("dev same") == sum(p.label == "same" for p in dev)
    assert stated("dev different") == sum(p.label == "different" for p in dev)


def test_the_sets_do_not_overlap() -> None:
    """The development set comes from the training files, the test set from the test files."""
    test, dev = read_pairs(FIXTURE), read_pairs(DEV_FIXTURE)
    assert all(":competition_test:" in s or ":testing:" in s for p in test for s in p.story)
    assert all(":train:" in s or ":training:" in s for p in dev for s in p.story)
    assert not {p.claim for p in test} & {p.claim for p in dev}


BODY_1 = (
    "The council approved the new bridge over the Avon river on Monday. "
    "The mayor thanked the engineers for their careful work. "
    "Shops near the market stayed open late."
)
BODY_2 = (
    "Councillors approved the new bridge over the Avon river on Monday evening. "
    "The mayor thanked the engineers warmly for their work. "
    "Traffic on the old road will fall by half, officials said."
)


def _data(root: Path) -> Path:
    folder = root / "fnc1"
    folder.mkdir(parents=True)
    for prefix in ("competition_test", "train"):  # the test set's file, the dev set's
        with open(folder / f"{prefix}_bodies.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["Body ID", "articleBody"])
            writer.writerows([["1", BODY_1], ["2", BODY_2]])
    return root


def _sentences(body: str) -> list[str]:
    return [s.strip() + "." for s in body.split(".") if s.strip()]


def _pair(
    pid: str,
    claim: tuple[str, int],
    sentence: tuple[str, int],
    label: str,
    prefix: str = "competition_test",
) -> dict:
    bodies = {"1": _sentences(BODY_1), "2": _sentences(BODY_2)}
    return {
        "id": pid,
        "dataset": "fnc1",
        "claim_source": fnc_source(claim[0], prefix),
        "sentence_source": fnc_source(sentence[0], prefix),
        "story": [fnc_source("1", prefix), fnc_source("2", prefix)],
        "claim": bodies[claim[0]][claim[1]],
        "sentence": bodies[sentence[0]][sentence[1]],
        "label": label,
        "figure_conflict": False,
        "note": "",
    }


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def test_precision_and_recall_on_a_known_set(tmp_path: Path) -> None:
    pairs = _write(
        tmp_path / "pairs.jsonl",
        [
            _pair("bridge", ("1", 0), ("2", 0), "same"),  # accepted, same
            _pair("mayor", ("1", 1), ("2", 1), "same"),  # accepted, same
            _pair("bridge-back", ("2", 0), ("1", 0), "different"),  # accepted, labelled different
            _pair("shops", ("1", 2), ("2", 2), "different"),  # no shared term: rejected
        ],
    )
    result = claim_match_precision(pairs, _data(tmp_path / "data"))
    assert result["pairs"] == 4
    assert result["accepted"] == 3
    assert result["accepted_same"] == 2
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(1.0)
    assert result["false_matches"] == ["bridge-back"]
    assert result["by_dataset"] == {"fnc1": 4}
    # "Shops ..." shares no term with body 2, so its labelled sentence is not the one picked.
    assert result["not_best_anymore"] == 1
    assert result["verdict_reported"] <= result["accepted"]  # rejected pairs stay silent


def test_no_accepted_pair_gives_no_precision(tmp_path: Path) -> None:
    pairs = _write(tmp_path / "pairs.jsonl", [_pair("shops", ("1", 2), ("2", 2), "different")])
    result = claim_match_precision(pairs, _data(tmp_path / "data"))
    assert result["accepted"] == 0
    assert result["precision"] != result["precision"]  # NaN: nothing to measure


def test_a_bad_label_is_an_input_error(tmp_path: Path) -> None:
    row = _pair("bridge", ("1", 0), ("2", 0), "maybe")
    with pytest.raises(InputError, match="line 1: label 'maybe'"):
        read_pairs(_write(tmp_path / "pairs.jsonl", [row]))


def test_a_source_missing_from_the_data_is_a_data_error(tmp_path: Path) -> None:
    row = _pair("bridge", ("1", 0), ("2", 0), "same")
    row["story"].append(fnc_source("99"))
    pairs = _write(tmp_path / "pairs.jsonl", [row])
    with pytest.raises(DataError, match="fnc1:competition_test:99"):
        claim_match_precision(pairs, _data(tmp_path / "data"))


def test_bench_notes_a_missing_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_claims, "FIXTURE", tmp_path / "absent.jsonl")
    metrics: dict = {}
    notes: list[str] = []
    bench_claim_matching(tmp_path, metrics, {}, notes)
    assert metrics == {}
    assert notes == [
        "Not measured: claim_match_precision needs the repository's tests/fixtures/claim_matching"
    ]


def test_bench_reports_the_metrics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = _write(tmp_path / "pairs.jsonl", [_pair("bridge", ("1", 0), ("2", 0), "same")])
    dev = _write(
        tmp_path / "dev_pairs.jsonl",
        [
            _pair("dev-bridge", ("1", 0), ("2", 0), "same", "train"),
            _pair("dev-back", ("2", 0), ("1", 0), "different", "train"),
        ],
    )
    monkeypatch.setattr(bench_claims, "FIXTURE", pairs)
    monkeypatch.setattr(bench_claims, "DEV_FIXTURE", dev)
    metrics: dict = {}
    details: dict = {}
    notes: list[str] = []
    bench_claim_matching(_data(tmp_path / "data"), metrics, details, notes)
    assert metrics == {
        "claim_match_precision": 1.0,
        "claim_match_recall": 1.0,
        "claim_match_pairs": 1.0,
        "claim_match_precision_dev": 0.5,  # the dev set's figure, read from the training file
        "claim_match_recall_dev": 1.0,
    }
    assert details["claim_matching"]["accepted"] == 1
    assert details["claim_matching_dev"]["false_matches"] == ["dev-back"]
    assert notes[0].startswith("Claim matching: 1 claim-sentence pairs labelled by hand")
    assert notes[1].startswith("Claim matching, development set: 2 pairs")
    # Without a dev set, the test set's figures alone.
    monkeypatch.setattr(bench_claims, "DEV_FIXTURE", tmp_path / "absent.jsonl")
    metrics.clear()
    bench_claim_matching(_data(tmp_path / "data2"), metrics, {}, [])
    assert "claim_match_precision_dev" not in metrics
