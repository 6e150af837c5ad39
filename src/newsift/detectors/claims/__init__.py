"""Check-worthy claims: what makes a sentence checkable (numbers, dates, named entities)."""

from newsift.tasks import task_spec

TASKS = [
    task_spec(
        "claims",
        "claimbuster",
        "Check-worthy claims, ClaimBuster 2-class (CFS vs rest), official test",
        f"{__name__}.train",
        rank=30,
    ),
    task_spec(
        "claims3",
        "claimbuster",
        "Check-worthy claims, ClaimBuster 3-class, disjoint_2000 test",
        f"{__name__}.train",
        train=False,
        bench_fn="bench_three",
        rank=31,
    ),
    task_spec(
        "claims_clef",
        "clef_checkthat_checkworthiness",
        "Check-worthiness ranking, CLEF CheckThat! gold test (MAP, P@10)",
        f"{__name__}.clef",
        train=False,
        bench_fn="bench_clef",
        rank=32,
    ),
]
