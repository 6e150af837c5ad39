"""Stories: the same event across outlets, found online and incrementally in a corpus.

`represent` turns a text into TF-IDF terms (words, entities, numbers); `assign` puts articles
into stories in date order; `store` keeps the tables and state in the corpus; `articles` reads
the texts again from the corpus's inputs; `run` and `cli` make `newsift stories`; `bench` and its
`bench_*` helpers make `newsift bench stories`.
"""

from newsift.tasks import DATA_ROOT, task_spec

TASKS = [
    task_spec(
        "stories",
        DATA_ROOT,
        "Stories: Task 8 similarity, FNC-1 story clustering (BCubed), assignment speed",
        f"{__name__}.bench",
        train=False,
        rank=78,
        in_all=False,
    ),
]
