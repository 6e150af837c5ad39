"""Draw candidate claim-sentence pairs for the hand-labelled claim matching set
(tests/fixtures/claim_matching; NOTES.md there says how they were labelled).

Developer tool, not used at run time; it needs only newsift itself:

    python tools/claim_pairs_candidates.py ../shared/data [--out candidates.jsonl] [--seed 13]
        [--split test|train] [--stories N]

For a fixed-seed sample of stories with at least two articles (FNC-1 competition test bodies
grouped into their gold stories, newsift.stories.bench_data.fnc_stories; SemEval-2022 Task 8
English test pairs with Overall <= 2), one article gives its check-worthy claims (the claims
detector's findings, as `newsift batch` stores them and `newsift stories` compares them) and
another article of the story the matcher's best sentence for each claim, whatever its
similarity. Half the candidates are drawn above the matching threshold, half below, at most
two per story and side, so that both accepted and rejected pairs are labelled. Each line has
the two sentences, the similarity, the source ids and the story's source ids, no labels.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import orjson

from newsift.detectors.claims.detector import ClaimsDetector
from newsift.ingest.text import from_text
from newsift.stories.bench_claims import TASK8_ROW, fnc_source, story_index, task8_source
from newsift.stories.bench_data import TASK8, _rows, fnc_stories
from newsift.stories.compare.matching import MATCH_THRESHOLD

# --split: the FNC-1 file prefix and the Task 8 file of each set. "test" drew pairs.jsonl, the
# test set; "train" draws the development set from the training files only.
SPLITS = {"test": ("competition_test", "testing"), "train": ("train", "training")}
SAME_STORY = 2.0  # Task 8 Overall <= 2: the same event
PER_STORY_SIDE = 2  # candidates of one story above, and below, the threshold


def claims_of(detector: ClaimsDetector, raw: str) -> list[str]:
    """The check-worthy claims of one article, whitespace folded as the stories run reads them."""
    doc = from_text(raw)
    return [" ".join(doc.text[f.start : f.end].split()) for f in detector.detect(doc)]


def story_candidates(
    dataset: str,
    story: tuple[str, ...],
    claim_source: str,
    other: str,
    texts: dict[str, str],
    detector: ClaimsDetector,
) -> list[dict]:
    index = story_index(story, texts)
    rows = []
    for claim in dict.fromkeys(claims_of(detector, texts[claim_source])):
        match = index.best_per_outlet(claim, [other], threshold=0.0)[0]
        if match.sentence is None:
            continue  # the other article has no sentence of four words
        rows.append(
            {
                "dataset": dataset,
                "claim_source": claim_source,
                "sentence_source": other,
                "story": list(story),
                "claim": claim,
                "sentence": match.sentence.text,
                "similarity": match.similarity,
            }
        )
    return rows


def fnc_candidates(
    data_dir: Path, rng: random.Random, detector: ClaimsDetector, split: str, stories: int
) -> list[dict]:
    prefix = SPLITS[split][0]
    bodies, gold = fnc_stories(data_dir, prefix)
    members: dict[str, list[str]] = defaultdict(list)
    for body, key in gold.items():
        members[key].append(body)
    texts = {fnc_source(b, prefix): t for b, t in bodies.items()}
    keys = [k for k in sorted(members) if len(members[k]) >= 2]
    if stories and len(keys) > stories:
        keys = sorted(rng.sample(keys, stories))
    rows = []
    for key in keys:
        ids = sorted(members[key], key=int)
        claim_body, other = rng.sample(ids, 2)
        story = tuple(fnc_source(b, prefix) for b in ids)
        rows += story_candidates(
            "fnc1",
            story,
            fnc_source(claim_body, prefix),
            fnc_source(other, prefix),
            texts,
            detector,
        )
    return rows


def task8_candidates(
    data_dir: Path, rng: random.Random, detector: ClaimsDetector, split: str, stories: int
) -> list[dict]:
    name = SPLITS[split][1]
    eligible = [
        r
        for r in _rows(data_dir / TASK8 / f"{name}_set.csv")
        if (r["lang1"], r["lang2"]) == ("en", "en") and float(r["Overall"]) <= SAME_STORY
    ]
    if stories and len(eligible) > stories:
        eligible = [eligible[i] for i in sorted(rng.sample(range(len(eligible)), stories))]
    rows = []
    for r in eligible:
        sources = {c: task8_source(r[TASK8_ROW], r["pair_id"], c, name) for c in ("text1", "text2")}
        texts = {sources[c]: r[c] for c in sources}
        claim_col, other_col = rng.sample(["text1", "text2"], 2)
        story = (sources["text1"], sources["text2"])
        rows += story_candidates(
            "task8", story, sources[claim_col], sources[other_col], texts, detector
        )
    return rows


def draw(rows: list[dict], count: int, rng: random.Random) -> list[dict]:
    """`count` rows, half above the threshold and half below, at most PER_STORY_SIDE per story
    and side, in a seeded order."""
    rng.shuffle(rows)
    chosen = []
    for above in (True, False):
        taken: dict[tuple[str, ...], int] = defaultdict(int)
        side = []
        for row in rows:
            story = tuple(row["story"])
            if (row["similarity"] >= MATCH_THRESHOLD) == above and taken[story] < PER_STORY_SIDE:
                taken[story] += 1
                side.append(row)
        chosen += side[: count // 2 if above else count - count // 2]
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="data root holding fnc1/ and Task 8")
    parser.add_argument("--out", type=Path, help="JSONL file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-dataset", type=int, default=76, help="candidates per dataset")
    parser.add_argument(
        "--split",
        choices=sorted(SPLITS),
        default="test",
        help="test: the competition test / testing files (pairs.jsonl); train: the training "
        "files (dev_pairs.jsonl)",
    )
    parser.add_argument(
        "--stories",
        type=int,
        default=0,
        help="draw from this many seeded stories per dataset (0: all of them)",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    detector = ClaimsDetector()
    chosen = []
    prefix = "" if args.split == "test" else "dev-"
    for name, make in (("fnc1", fnc_candidates), ("task8", task8_candidates)):
        rows = make(args.data_dir, rng, detector, args.split, args.stories)
        picked = draw(rows, args.per_dataset, rng)
        chosen += [{"id": f"{prefix}{name}-{i:03d}", **row} for i, row in enumerate(picked, 1)]
    lines = b"".join(orjson.dumps(row) + b"\n" for row in chosen)
    if args.out:
        args.out.write_bytes(lines)
    else:
        sys.stdout.buffer.write(lines)
    above = sum(r["similarity"] >= MATCH_THRESHOLD for r in chosen)
    print(f"{len(chosen)} candidates, {above} at >= {MATCH_THRESHOLD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
