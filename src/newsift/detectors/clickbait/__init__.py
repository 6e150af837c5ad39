"""The clickbait capability: detector, training, model and card in one folder."""

from newsift.tasks import task_spec

TASKS = [
    task_spec(
        "clickbait",
        "clickbait_chakraborty2016",
        "Clickbait headlines, held-out 20%",
        f"{__name__}.train",
        rank=10,
    ),
]
