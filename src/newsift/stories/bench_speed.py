"""Speed of story assignment on synthetic streams of real texts.

The FNC-1 test bodies and the Task 8 test texts are replicated, in a fixed shuffled order, into
a stream of N articles dated ARTICLES_PER_DAY a day (article i on day i // ARTICLES_PER_DAY), so
the stream is N / ARTICLES_PER_DAY days long whatever N and the 3-day window keeps the active
set the same size at 10,000 and at 100,000 articles. The timed part is representation and
assignment (StoryAssigner.assign_all); the texts are in memory before the clock starts.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from newsift.stories.assign import Article, StoryAssigner

ARTICLES_PER_DAY = 500
SEED = 13


@dataclass(frozen=True)
class Speed:
    articles: int
    seconds: float
    stories: int

    @property
    def per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def cost_ms(self) -> float:
        return 1000 * self.seconds / self.articles


def stream(texts: list[str], n: int) -> list[Article]:
    order = list(range(len(texts)))
    random.Random(SEED).shuffle(order)
    return [
        Article(f"a{i:07d}", texts[order[i % len(order)]], i // ARTICLES_PER_DAY) for i in range(n)
    ]


def measure(texts: list[str], n: int) -> Speed:
    articles = stream(texts, n)
    assigner = StoryAssigner()
    t0 = time.perf_counter()
    for _ in assigner.assign_all(articles):
        pass
    return Speed(n, time.perf_counter() - t0, len(assigner.stories))
