"""Propaganda techniques (SemEval-2020 Task 11): features, models, official metrics, definitions."""

from newsift.tasks import task_spec

TASKS = [
    task_spec(
        "propaganda",
        "semeval2020_task11_ptc",
        "Propaganda spans (SI) and techniques (TC), 5-fold CV by article",
        f"{__name__}.train",
        rank=20,
    ),
    task_spec(
        "propaganda_ood",
        "semeval2021_task6_meme_propaganda_text",
        "Propaganda techniques in meme text (out of domain), official test",
        f"{__name__}.ood",
        train=False,
        bench_fn="bench_ood",
        rank=21,
    ),
]
