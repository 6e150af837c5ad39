"""The Document every detector reads: clean text plus metadata, with shared work cached once."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from newsift.segment import Span, split_sentences, split_words, word_matches


@dataclass(frozen=True)
class Repair:
    """One change made to the input text to undo encoding damage; listed in the report."""

    kind: str  # "ftfy" | "cyrillic_codepage" | ...
    before: str
    after: str
    explanation: str
    start: int | None = None  # offsets of `after` in Document.text, when known
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(eq=False)
class Document:
    """One article, cleaned. `text` is the body only; the title is kept apart.

    Offsets in every Finding index `text`. Expensive shared work (sentences, words, optional
    embeddings) is computed lazily and cached on the instance so detectors never repeat it.
    """

    text: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    domain: str | None = None
    source_name: str = "<text>"  # how the user named the input: a path, a URL, "-", "<text>"
    input_format: str = "text"  # text | html | url | json
    repairs: list[Repair] = field(default_factory=list)
    claim: str | None = None  # a user's claim or headline to take a stance on
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def sentences(self) -> list[Span]:
        return split_sentences(self.text)

    @cached_property
    def words(self) -> list[Span]:
        return split_words(self.text)

    def __getstate__(self) -> dict[str, Any]:
        # Regex matches cannot be pickled (a fetched Document goes to an analysis process);
        # they are made again on demand.
        state = dict(self.__dict__)
        state.pop("word_matches", None)
        return state

    @cached_property
    def word_matches(self) -> list[re.Match[str]]:
        """The words as regex matches: shared by the word count and the propaganda tagger."""
        return word_matches(self.text)

    @cached_property
    def word_count(self) -> int:
        return len(self.word_matches)  # without building a Span per word, as `words` does
