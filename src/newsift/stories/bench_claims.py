"""Claim matching precision on the hand-labelled pairs of tests/fixtures/claim_matching.

Each labelled pair is a check-worthy claim of one article and a sentence of another article of
the same story (FNC-1 competition test bodies, SemEval-2022 Task 8 English test pairs), labelled
"same" when the sentence reports the same claim. The fixture keeps only the two sentences and
the ids of the story's texts; the similarity is recomputed here with the current matcher: a
SentenceIndex over the sentences of the pair's whole story, read again from --data, so document
frequencies are counted exactly as `newsift stories` counts them. A pair is accepted when its
similarity reaches MATCH_THRESHOLD; precision is the share of accepted pairs labelled "same",
recall the share of "same" pairs accepted.

pairs.jsonl is the test set (the competition test / testing files); dev_pairs.jsonl, labelled
the same way from the training files, is the development set the matcher's rules and threshold
were chosen on. Source ids name their file (`fnc1:train:<id>`, `task8:training:...`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from newsift.errors import DataError, InputError
from newsift.ingest.text import from_text
from newsift.stories.bench_data import FNC1, TASK8, _rows
from newsift.stories.compare.matching import (
    MATCH_THRESHOLD,
    Match,
    Sentence,
    SentenceIndex,
    sentences_of,
)
from newsift.stories.compare.verdict import SILENT, judge, stances

FIXTURE_DIR = Path("tests/fixtures/claim_matching")


def _fixture_dir() -> Path:
    """The repository's labelled sets: beside the source tree (an editable install), else in the
    checkout the bench runs from (a regular install); the first when neither has them."""
    places = [Path(__file__).resolve().parents[3] / FIXTURE_DIR, Path.cwd() / FIXTURE_DIR]
    return next((p for p in places if (p / "pairs.jsonl").is_file()), places[0])


FIXTURE = _fixture_dir() / "pairs.jsonl"
DEV_FIXTURE = FIXTURE.with_name("dev_pairs.jsonl")  # drawn from the training files
LABELS = ("same", "different")
FNC_PREFIX = "competition_test"
TASK8_SPLIT = "testing"
# The file prefixes a source id may name: the test set's, and the training files' (dev set).
FNC_PREFIXES = ("competition_test", "train")
TASK8_SPLITS = ("testing", "training")
TASK8_ROW = "Unnamed: 0"  # the row index column of the CSV
_FIELDS = ("id", "dataset", "claim_source", "sentence_source", "story", "claim", "sentence")


@dataclass(frozen=True)
class LabelledPair:
    id: str
    dataset: str  # "fnc1" | "task8"
    claim_source: str  # source id of the claim's article
    sentence_source: str  # source id of the sentence's article
    story: tuple[str, ...]  # source ids of every article of the story: the matcher's index
    claim: str
    sentence: str
    label: str  # "same" | "different"
    figure_conflict: bool  # the same claim with a different figure for the same quantity
    note: str = ""


def fnc_source(body_id: str, prefix: str = FNC_PREFIX) -> str:
    return f"fnc1:{prefix}:{body_id}"


def task8_source(row: str, pair_id: str, column: str, split: str = TASK8_SPLIT) -> str:
    """Task 8 pair ids repeat in testing_set.csv, so the row index names the pair."""
    return f"task8:{split}:{row}:{pair_id}:{column}"


def article_text(raw: str) -> str:
    """The body the stories run compares: the text after the first-line title is split off."""
    return from_text(raw).text


def read_pairs(path: Path) -> list[LabelledPair]:
    """The labelled pairs of a JSONL file; a malformed line is an InputError naming it."""
    name = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    pairs = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
            missing = [f for f in _FIELDS if f not in row]
            if missing:
                raise ValueError("missing " + ", ".join(missing))
            if row.get("label") not in LABELS:
                raise ValueError(f"label {row.get('label')!r} is not one of {', '.join(LABELS)}")
            pairs.append(
                LabelledPair(
                    id=str(row["id"]),
                    dataset=str(row["dataset"]),
                    claim_source=str(row["claim_source"]),
                    sentence_source=str(row["sentence_source"]),
                    story=tuple(str(s) for s in row["story"]),
                    claim=str(row["claim"]),
                    sentence=str(row["sentence"]),
                    label=row["label"],
                    figure_conflict=bool(row.get("figure_conflict", False)),
                    note=str(row.get("note") or ""),
                )
            )
        except (orjson.JSONDecodeError, ValueError, TypeError) as exc:
            raise InputError(name, f"line {number}: {exc}") from None
    return pairs


def read_sources(data_dir: Path, wanted: set[str]) -> dict[str, str]:
    """Raw text of each wanted source id, read from the data root."""
    texts: dict[str, str] = {}
    for prefix in FNC_PREFIXES:
        if any(s.startswith(f"fnc1:{prefix}:") for s in wanted):
            for r in _rows(data_dir / FNC1 / f"{prefix}_bodies.csv"):
                source = fnc_source(r["Body ID"], prefix)
                if source in wanted:
                    texts[source] = r["articleBody"]
    for split in TASK8_SPLITS:
        if any(s.startswith(f"task8:{split}:") for s in wanted):
            for r in _rows(data_dir / TASK8 / f"{split}_set.csv"):
                for column in ("text1", "text2"):
                    source = task8_source(r[TASK8_ROW], r["pair_id"], column, split)
                    if source in wanted:
                        texts[source] = r[column]
    missing = sorted(wanted - set(texts))
    if missing:
        raise DataError(
            f"{data_dir}: {len(missing)} source texts of the claim pairs not found "
            f"(first: {missing[0]}); give --data the data root"
        )
    return texts


def story_index(story: tuple[str, ...], texts: dict[str, str]) -> SentenceIndex:
    """The matcher's index of one story, each source its own outlet, as in `newsift stories`."""
    return SentenceIndex(
        [s for source in story for s in sentences_of(source, source, article_text(texts[source]))]
    )


@dataclass(frozen=True)
class Scored:
    pair: LabelledPair
    similarity: float
    still_best: bool  # the labelled sentence is still the matcher's best of its outlet
    verdict: str  # what `newsift stories` would say of it: supports | disputes | silent


def _verdicts(pairs: list[LabelledPair], similarities: list[float], texts: dict[str, str]):
    """The verdict of each pair as compare_story gives it: the stance model on the matched
    sentence, then the rules of verdict.judge (the outlet's text: the sentence's article)."""
    matches = [
        Match(
            p.sentence_source,
            Sentence(p.sentence_source, p.sentence_source, p.sentence)
            if s >= MATCH_THRESHOLD
            else None,
            s,
        )
        for p, s in zip(pairs, similarities, strict=True)
    ]
    found = stances([p.claim for p in pairs], matches)
    return [
        judge(p.claim, m, st, article_text(texts[p.sentence_source])).verdict
        for p, m, st in zip(pairs, matches, found, strict=True)
    ]


def score_pairs(pairs: list[LabelledPair], data_dir: Path) -> list[Scored]:
    """Each pair's similarity under the current matcher, with its story's document frequencies,
    and the verdict the comparison would give."""
    texts = read_sources(data_dir, {s for p in pairs for s in p.story})
    indexes: dict[tuple[str, ...], SentenceIndex] = {}
    similarities, still_best = [], []
    for pair in pairs:
        if pair.story not in indexes:
            indexes[pair.story] = story_index(pair.story, texts)
        index = indexes[pair.story]
        similarities.append(index.similarity(pair.claim, pair.sentence))
        best = index.best_per_outlet(pair.claim, [pair.sentence_source], threshold=0.0)[0]
        still_best.append(best.sentence is not None and best.sentence.text == pair.sentence)
    verdicts = _verdicts(pairs, similarities, texts)
    return [Scored(*row) for row in zip(pairs, similarities, still_best, verdicts, strict=True)]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def claim_match_precision(
    pairs_path: Path, data_dir: Path, threshold: float = MATCH_THRESHOLD
) -> dict:
    """Precision and recall of the matcher's acceptance (similarity >= threshold) against the
    hand labels, with the counts behind them."""
    scored = score_pairs(read_pairs(pairs_path), Path(data_dir))
    accepted = [s for s in scored if s.similarity >= threshold]
    same = [s for s in scored if s.pair.label == "same"]
    true_accepted = [s for s in accepted if s.pair.label == "same"]
    reported = [s for s in scored if s.verdict != SILENT]  # supports or disputes
    return {
        "precision": _share(len(true_accepted), len(accepted)),
        "recall": _share(len(true_accepted), len(same)),
        "pairs": len(scored),
        "same": len(same),
        "accepted": len(accepted),
        "accepted_same": len(true_accepted),
        "verdict_precision": _share(
            len([s for s in reported if s.pair.label == "same"]), len(reported)
        ),
        "verdict_reported": len(reported),
        "figure_conflicts_accepted": sum(s.pair.figure_conflict for s in true_accepted),
        "not_best_anymore": sum(not s.still_best for s in scored),
        "by_dataset": {
            d: len([s for s in scored if s.pair.dataset == d])
            for d in sorted({s.pair.dataset for s in scored})
        },
        "false_matches": [s.pair.id for s in accepted if s.pair.label != "same"],
        "threshold": threshold,
    }


def bench_claim_matching(data_dir: Path, metrics: dict, details: dict, notes: list[str]) -> None:
    """The claim_match_* metrics of `newsift bench stories`, or a note when the fixture is not
    there (an installed wheel has no tests/ folder)."""
    if not FIXTURE.is_file():
        notes.append(
            "Not measured: claim_match_precision needs the repository's "
            "tests/fixtures/claim_matching"
        )
        return
    result = claim_match_precision(FIXTURE, data_dir)
    metrics["claim_match_precision"] = result["precision"]
    metrics["claim_match_recall"] = result["recall"]
    metrics["claim_match_pairs"] = float(result["pairs"])
    details["claim_matching"] = result
    datasets = ", ".join(f"{n} {d}" for d, n in result["by_dataset"].items())
    stale = result["not_best_anymore"]
    notes.append(
        f"Claim matching: {result['pairs']} claim-sentence pairs labelled by hand ({datasets}; "
        f"{result['same']} the same claim), tests/fixtures/claim_matching (NOTES.md). A "
        "check-worthy claim of one article and the matcher's best sentence of another article of "
        "the story, similarity recomputed with the current matcher over the story's sentences; "
        f"accepted at >= {result['threshold']}: {result['accepted']} pairs, "
        f"{result['accepted_same']} of them the same claim (precision), "
        f"{result['accepted_same']} of {result['same']} same-claim pairs accepted (recall). "
        f"With the verdict rules on top (stance model, names the outlet must mention), "
        f"{result['verdict_reported']} pairs are reported as supports or disputes, "
        f"{result['verdict_precision']:.2f} of them the same claim."
        + (
            f" {stale} labelled sentences are no longer the matcher's best: relabel the set."
            if stale
            else ""
        )
    )
    if DEV_FIXTURE.is_file():  # the set the matcher's settings were chosen on: not the headline
        dev = claim_match_precision(DEV_FIXTURE, data_dir)
        metrics["claim_match_precision_dev"] = dev["precision"]
        metrics["claim_match_recall_dev"] = dev["recall"]
        details["claim_matching_dev"] = dev
        notes.append(
            f"Claim matching, development set: {dev['pairs']} pairs labelled by hand from the "
            "FNC-1 training bodies and Task 8 training pairs (dev_pairs.jsonl), on which the "
            f"matcher's rules and threshold were chosen: precision {dev['precision']:.3f}, "
            f"recall {dev['recall']:.3f}; the test-set figures are the ones to quote."
        )
