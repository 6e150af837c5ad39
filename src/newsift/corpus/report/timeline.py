"""Scores over time: the mean score and the number of articles per day, week, month or year,
the step chosen from the span of the corpus's dates so the chart has a readable number of points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsift.corpus.report.sql import DATE_SQL, PLAUSIBLE_DATES

if TYPE_CHECKING:
    import duckdb

# (step, its length in days, the longest span in days it is used for): at most about 90 days,
# 104 weeks or 180 months on one chart.
STEPS = (
    ("day", 1.0, 92),
    ("week", 7.0, 2 * 366),
    ("month", 30.44, 15 * 366),
    ("year", 365.25, None),
)
# A coarser step is taken while the finer one would average fewer articles than this per
# period (a line through 1 or 2 articles a day is noise), if it still leaves MIN_PERIODS points.
MIN_PER_PERIOD = 3.0
MIN_PERIODS = 6


@dataclass(frozen=True)
class TimePoint:
    start: dt.date  # the first day of the period
    articles: int
    mean_score: float


@dataclass(frozen=True)
class Timeline:
    step: str  # day | week | month | year
    points: list[TimePoint]
    undated: int  # articles without a usable date

    @property
    def empty(self) -> bool:
        return not self.points


def step_for(span_days: int, articles: int) -> str:
    """The step for `articles` dated over `span_days`: the finest one the span allows, made
    coarser while its periods would be too thin."""
    usable = [
        (step, length) for step, length, longest in STEPS if longest is None or span_days <= longest
    ]
    for (step, length), coarser in zip(usable, [*usable[1:], None], strict=True):
        if articles / (span_days / length + 1) >= MIN_PER_PERIOD or coarser is None:
            return step
        if span_days / coarser[1] + 1 < MIN_PERIODS:
            return step
    return usable[-1][0]


def timeline(con: duckdb.DuckDBPyConnection) -> Timeline:
    dated = f"SELECT {DATE_SQL} AS d, score FROM articles"
    first, last, n, undated = con.execute(
        f"SELECT min(d) FILTER (WHERE d {PLAUSIBLE_DATES}), max(d) FILTER (WHERE d "
        f"{PLAUSIBLE_DATES}), count(*) FILTER (WHERE d {PLAUSIBLE_DATES}), "
        f"count(*) FILTER (WHERE d IS NULL OR NOT (d {PLAUSIBLE_DATES})) FROM ({dated})"
    ).fetchone()
    if first is None:
        return Timeline("day", [], undated)
    step = step_for((last - first).days, n)
    rows = con.execute(
        f"""
        SELECT CAST(date_trunc('{step}', d) AS DATE) AS period, count(*), avg(score)
        FROM ({dated}) WHERE d {PLAUSIBLE_DATES} AND score IS NOT NULL
        GROUP BY period ORDER BY period
        """
    ).fetchall()
    return Timeline(step, [TimePoint(p, n, mean) for p, n, mean in rows], undated)
