"""The learned reliability score (learned-v1): features, model, scorer, training and bench."""

from newsift.tasks import DATA_ROOT, task_spec

TASKS = [
    task_spec(
        "reliability",
        DATA_ROOT,
        "Reliability score: leave-one-dataset-out over seven labelled sets, and "
        "leave-source-out on AllSides",
        f"{__name__}.train",
        rank=60,
    ),
]
