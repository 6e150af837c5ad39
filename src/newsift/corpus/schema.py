"""The corpus tables, defined once: column names and DuckDB types, in order.

- `articles`: one row per analysed article (score, band, per-category counts, contributions);
- `findings`: one row per finding, with the span's text and whose voice it is in;
- `errors`: one row per record that could not be read or analysed;
- `runs`: one row per `newsift batch` run.

Per-category counts are of findings in the outlet's own voice (quoted speech and page furniture
left out), the findings the score weighs.
"""

from __future__ import annotations

from newsift.findings import CATEGORIES

TABLES = ("articles", "findings", "errors", "runs")


def count_column(category: str) -> str:
    return f"n_{category}"


ARTICLES = (
    ("id", "VARCHAR"),
    ("input", "VARCHAR"),
    ("position", "VARCHAR"),
    ("url", "VARCHAR"),
    ("domain", "VARCHAR"),
    ("source", "VARCHAR"),
    ("title", "VARCHAR"),
    ("byline", "VARCHAR"),
    ("date", "VARCHAR"),
    ("language", "VARCHAR"),
    ("words", "INTEGER"),
    ("score", "DOUBLE"),
    ("band", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("method", "VARCHAR"),
    *[(count_column(c), "INTEGER") for c in CATEGORIES],
    ("source_found", "BOOLEAN"),
    ("source_labels", "VARCHAR"),  # comma-separated
    ("source_rating", "DOUBLE"),
    ("contributions", "VARCHAR"),  # JSON list, as in the report
    ("newsift_version", "VARCHAR"),
    ("run_id", "VARCHAR"),
)

FINDINGS = (
    ("article_id", "VARCHAR"),
    ("detector", "VARCHAR"),
    ("category", "VARCHAR"),
    ("label", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("score", "DOUBLE"),
    ("quoted", "BOOLEAN"),
    ("voice", "VARCHAR"),  # own | quoted | furniture
    ("text", "VARCHAR"),
    ("explanation", "VARCHAR"),
)

ERRORS = (
    ("input", "VARCHAR"),
    ("position", "VARCHAR"),
    ("id", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("run_id", "VARCHAR"),
)

RUNS = (
    ("run_id", "VARCHAR"),
    ("started", "VARCHAR"),  # ISO 8601, UTC
    ("ended", "VARCHAR"),
    ("arguments", "VARCHAR"),  # JSON
    ("newsift_version", "VARCHAR"),
    ("engine", "VARCHAR"),
    ("workers", "INTEGER"),
    ("articles", "BIGINT"),  # analysed in this run
    ("errors", "BIGINT"),
    ("skipped", "BIGINT"),  # already in the corpus
)

Columns = tuple[tuple[str, str], ...]

SCHEMAS: dict[str, Columns] = {
    "articles": ARTICLES,
    "findings": FINDINGS,
    "errors": ERRORS,
    "runs": RUNS,
}


def ddl(table: str) -> str:
    """CREATE TABLE IF NOT EXISTS for `table`; an article id is unique in the corpus."""
    columns = ", ".join(
        f'"{name}" {kind}' + (" PRIMARY KEY" if (table, name) == ("articles", "id") else "")
        for name, kind in SCHEMAS[table]
    )
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns})"


def names(table: str) -> list[str]:
    return [name for name, _ in SCHEMAS[table]]


def json_columns(table: str) -> str:
    """The `columns=` argument of DuckDB's read_json for a spooled chunk of `table`."""
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in SCHEMAS[table]) + "}"
