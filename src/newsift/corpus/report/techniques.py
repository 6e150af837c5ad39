"""Propaganda techniques in the corpus: overall, per outlet, and as an outlet x technique matrix.

Only findings in the outlet's own voice count (see `sql.OWN_TECHNIQUE_WHERE`): a technique quoted
from a politician is not the outlet's.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsift.corpus.report.sql import OUTLET_SQL, OWN_TECHNIQUE_WHERE

if TYPE_CHECKING:
    import duckdb

_OWN_TECHNIQUES = f"""
    SELECT {OUTLET_SQL} AS outlet, f.label AS label, f.article_id AS article_id
    FROM findings f JOIN articles a ON f.article_id = a.id
    WHERE {OWN_TECHNIQUE_WHERE}
"""


@dataclass(frozen=True)
class TechniqueCount:
    technique: str  # readable name
    findings: int
    articles: int  # articles with at least one


@dataclass(frozen=True)
class TechniqueMatrix:
    """Techniques per 1,000 words of each outlet: rates[i][j] for outlets[i], techniques[j]."""

    outlets: list[str]
    techniques: list[str]  # readable names, most frequent first
    rates: list[list[float]]
    counts: list[list[int]]

    @property
    def empty(self) -> bool:
        return not self.outlets or not self.techniques


@functools.lru_cache(maxsize=1)
def _readable_names() -> dict[str, str]:
    from newsift.detectors.propaganda.techniques import READABLE_NAMES

    return READABLE_NAMES


def readable(label: str) -> str:
    """The plain name of a technique label; a label from another detector stays as it is."""
    return _readable_names().get(label, label)


def top_techniques(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[TechniqueCount]:
    rows = con.execute(
        f"""
        SELECT label, count(*) AS n, count(DISTINCT article_id) FROM ({_OWN_TECHNIQUES})
        GROUP BY label ORDER BY n DESC, label LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [TechniqueCount(readable(label), n, arts) for label, n, arts in rows]


def outlet_techniques(
    con: duckdb.DuckDBPyConnection, names: list[str], per_outlet: int = 3
) -> dict[str, list[tuple[str, int]]]:
    """Each named outlet's most frequent techniques (readable name, findings)."""
    if not names:
        return {}
    rows = con.execute(
        f"""
        SELECT outlet, label, count(*) FROM ({_OWN_TECHNIQUES})
        WHERE list_contains(?, outlet) GROUP BY outlet, label
        """,
        [names],
    ).fetchall()
    grouped: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for outlet, label, count in rows:
        grouped[outlet].append((readable(label), count))
    return {
        outlet: sorted(items, key=lambda item: (-item[1], item[0]))[:per_outlet]
        for outlet, items in grouped.items()
    }


def technique_matrix(
    con: duckdb.DuckDBPyConnection, outlet_words: list[tuple[str, int]]
) -> TechniqueMatrix:
    """The matrix for these outlets (name, words analysed), in their order; techniques are those
    found in them, most frequent first."""
    names = [name for name, _ in outlet_words]
    if not names:
        return TechniqueMatrix([], [], [], [])
    rows = con.execute(
        f"""
        SELECT outlet, label, count(*) FROM ({_OWN_TECHNIQUES})
        WHERE list_contains(?, outlet) GROUP BY outlet, label
        """,
        [names],
    ).fetchall()
    totals: dict[str, int] = defaultdict(int)
    cells: dict[tuple[str, str], int] = {}
    for outlet, label, count in rows:
        totals[label] += count
        cells[(outlet, label)] = count
    labels = sorted(totals, key=lambda label: (-totals[label], label))
    counts = [[cells.get((name, label), 0) for label in labels] for name in names]
    rates = [
        [1000.0 * c / words if words else 0.0 for c in row]
        for row, (_, words) in zip(counts, outlet_words, strict=True)
    ]
    return TechniqueMatrix(names, [readable(label) for label in labels], rates, counts)
