"""The hyperpartisan capability: detector, training, model and card in one folder."""

from newsift.tasks import task_spec

TASKS = [
    task_spec(
        "hyperpartisan",
        "semeval2019_hyperpartisan",
        "Hyperpartisan articles, 10-fold CV by article",
        f"{__name__}.train",
        rank=50,
    ),
]
