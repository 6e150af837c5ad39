"""The Document every detector reads: clean text plus metadata, with shared work cached once."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from newsift.text.segment import Span, WordTable, split_sentences, split_words, word_table


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


class _Unset(enum.Enum):
    TOKEN = "unset"  # an Enum member: it stays itself through pickling to an analysis process


class _Identified:
    """A Document field set at construction, or identified from the text on first read.

    Documents are made by ingest, by tests and by library users, often without a language:
    this way every Document has one, and the model loads only when something asks.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, doc: Document | None, owner: type | None = None) -> Any:
        if doc is None:
            return _Unset.TOKEN  # what `dataclass` takes as the field's default
        value = doc.__dict__.get(self.slot, _Unset.TOKEN)
        if value is _Unset.TOKEN:
            doc.identify_language()
            value = doc.__dict__[self.slot]
        return value

    def __set__(self, doc: Document, value: Any) -> None:
        doc.__dict__[self.slot] = value


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
    # ISO 639-1 code and its 0-1 confidence (newsift.ingest.language); None: not identified.
    language: str | None = _Identified()  # type: ignore[assignment]
    language_confidence: float | None = _Identified()  # type: ignore[assignment]

    def identify_language(self) -> None:
        """Fill whichever of language / language_confidence was not given."""
        from newsift.ingest.language import identify

        given = self.__dict__.get("_language", _Unset.TOKEN)
        if given is _Unset.TOKEN:
            guess = identify(self.text, self.title)
            self.language, confidence = guess.code, guess.confidence
        else:
            confidence = None  # a language set by hand comes with no measured confidence
        if self.__dict__.get("_language_confidence", _Unset.TOKEN) is _Unset.TOKEN:
            self.language_confidence = confidence

    @cached_property
    def sentences(self) -> list[Span]:
        return split_sentences(self.text)

    @cached_property
    def words(self) -> list[Span]:
        return split_words(self.text)

    def __getstate__(self) -> dict[str, Any]:
        # A fetched Document goes to an analysis process: the word table is made again there
        # rather than pickled (it is larger than the text).
        state = dict(self.__dict__)
        state.pop("word_table", None)
        return state

    @cached_property
    def word_table(self) -> WordTable:
        """The words as columns: shared by the word count and the propaganda tagger."""
        return word_table(self.text)

    def source_record(self):
        """The publisher's record in the source database (a SourceInfo), looked up once per
        document: the source detector and the report share it. The URL, when known, also
        matches records for a host or a section of a site that the bare domain cannot."""
        if "source" not in self.cache:
            from newsift.sources import lookup

            self.cache["source"] = lookup(self.url or self.domain)
        return self.cache["source"]

    @cached_property
    def word_count(self) -> int:
        return len(self.word_table)  # without building a Span per word, as `words` does
