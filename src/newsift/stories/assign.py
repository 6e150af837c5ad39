"""Online story assignment (Miranda et al., EMNLP 2018, "Multilingual Clustering of Streaming
News"): each article, in date order, joins the most similar active story or starts a new one.

A story is active for an article when the article's date lies within `window_days` of the
story's dates. Its centroid is the sum of its members' unit vectors, cut to its CENTROID_TERMS
strongest terms, so comparing costs the same however large a story grows. An inverted index from
each centroid's top INDEX_TERMS terms to the stories lists the candidates; stories that fall out
of the window leave the index (a heap by last date), so the active set stays bounded and the
cost per article flat. Undated articles come last and are compared with every story.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsift.stories.defaults import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS
from newsift.stories.represent import Vector, Vocabulary, article_terms, cosine

CENTROID_TERMS = 120
INDEX_TERMS = 25  # a story is found through its strongest terms...
QUERY_TERMS = 25  # ...by an article's strongest terms
TIME_DECAY = 0.2  # similarity lost at the window's edge: the nearer in time, the likelier


@dataclass
class Story:
    id: int
    centroid: Vector  # sum of member unit vectors, top CENTROID_TERMS terms
    members: int = 0
    first_day: int | None = None  # days since 1970-01-01; None: only undated members
    last_day: int | None = None
    label: str = ""
    label_similarity: float = -1.0
    norm: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self.norm = _norm(self.centroid)

    def similarity(self, vector: Vector) -> float:
        return cosine(vector, self.centroid) / self.norm if self.norm else 0.0

    def distance_days(self, day: int | None) -> int:
        """Days between `day` and this story's dates (0 inside them, or when either is undated)."""
        if day is None or self.first_day is None or self.last_day is None:
            return 0
        return max(self.first_day - day, day - self.last_day, 0)


def _norm(vector: Vector) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _top(vector: Vector, k: int) -> list[str]:
    if len(vector) <= k:
        return list(vector)
    return heapq.nlargest(k, vector, key=vector.__getitem__)


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    day: int | None = None
    title: str = ""


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: int
    # Cosine to the story's centroid when it joined, less the time decay (1.0 for its founder).
    similarity: float
    new_story: bool


class StoryAssigner:
    """The state of the stories (centroids, document frequencies) and the assignment rule."""

    def __init__(
        self,
        stories: Iterable[Story] = (),
        vocabulary: Vocabulary | None = None,
        window_days: int = DEFAULT_WINDOW_DAYS,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.vocabulary = vocabulary or Vocabulary()
        self.window_days = window_days
        self.threshold = threshold
        self.stories: dict[int, Story] = {s.id: s for s in stories}
        self._last_id = max(self.stories, default=0)
        self._index: dict[str, set[int]] = {}
        self._indexed: dict[int, list[str]] = {}
        self._expiry: list[tuple[int, int]] = []  # (last day, story id), lazily out of date
        for story in self.stories.values():
            self._enter(story)

    def _enter(self, story: Story) -> None:
        terms = _top(story.centroid, INDEX_TERMS)
        for term in self._indexed.get(story.id, ()):
            self._index[term].discard(story.id)
        for term in terms:
            self._index.setdefault(term, set()).add(story.id)
        self._indexed[story.id] = terms
        if story.last_day is not None:
            heapq.heappush(self._expiry, (story.last_day, story.id))

    def _leave(self, story_id: int) -> None:
        for term in self._indexed.pop(story_id, ()):
            postings = self._index[term]
            postings.discard(story_id)
            if not postings:
                del self._index[term]

    def _expire(self, day: int) -> None:
        """Take out of the index the stories last seen before `day - window_days` (articles come
        in date order, so they cannot become active again in this run)."""
        cutoff = day - self.window_days
        while self._expiry and self._expiry[0][0] < cutoff:
            last_day, story_id = heapq.heappop(self._expiry)
            story = self.stories[story_id]
            if story.last_day == last_day and story_id in self._indexed:
                self._leave(story_id)

    def reopen_all(self) -> None:
        """Index every story again: undated articles are compared with all of them."""
        for story in self.stories.values():
            if story.id not in self._indexed:
                self._enter(story)

    def _best(self, vector: Vector, day: int | None) -> tuple[Story | None, float]:
        candidates: set[int] = set()
        for term in _top(vector, QUERY_TERMS):
            candidates.update(self._index.get(term, ()))
        best, best_score = None, -1.0
        for story_id in candidates:
            story = self.stories[story_id]
            apart = story.distance_days(day)
            if apart > self.window_days:
                continue
            score = story.similarity(vector) * (1 - TIME_DECAY * apart / max(self.window_days, 1))
            if score > best_score or (score == best_score and best and story_id < best.id):
                # ties go to the older story, whatever order the set gives
                best, best_score = story, score
        return best, best_score

    def assign(self, article: Article) -> Assignment:
        """Put one article into a story, updating the state."""
        if article.day is not None:
            self._expire(article.day)
        terms = article_terms(article.text)
        self.vocabulary.add(terms)
        vector = self.vocabulary.article_vector(terms)
        story, score = self._best(vector, article.day)
        new = story is None or score < self.threshold
        if new:
            self._last_id += 1
            story = Story(id=self._last_id, centroid={})
            self.stories[story.id] = story
            score = 1.0
        assert story is not None
        self._join(story, vector, article)
        # The label: the title of the member closest to the story before it joined (the most
        # central one), the founder's until another member has a title.
        centrality = 0.0 if new else score
        if article.title and (not story.label or centrality > story.label_similarity):
            story.label, story.label_similarity = article.title, centrality
        return Assignment(article.id, story.id, score, new)

    def _join(self, story: Story, vector: Vector, article: Article) -> None:
        centroid = story.centroid
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        if len(centroid) > CENTROID_TERMS:
            story.centroid = centroid = {t: centroid[t] for t in _top(centroid, CENTROID_TERMS)}
        story.norm = _norm(centroid)
        story.members += 1
        if article.day is not None:
            first, last = story.first_day, story.last_day
            story.first_day = article.day if first is None else min(first, article.day)
            story.last_day = article.day if last is None else max(last, article.day)
        self._enter(story)

    def assign_all(self, articles: Iterable[Article]) -> Iterator[Assignment]:
        """Assign articles in the documented order: dated ones by date, then undated ones by id."""
        articles = list(articles)
        dated = sorted((a for a in articles if a.day is not None), key=lambda a: (a.day, a.id))
        undated = sorted((a for a in articles if a.day is None), key=lambda a: a.id)
        for article in dated:
            yield self.assign(article)
        if undated:
            self.reopen_all()
            for article in undated:
                yield self.assign(article)
