"""Whose words a finding is on: the outlet's own, or someone it quotes or reports.

A loaded word in a columnist's quoted phrase ("a vengeful monarchy", Jane Doe wrote) or a
refugee's words ("I am waiting to die," she said) is the outlet reporting someone else, not
speaking for itself. `mark_voice` gives every span finding inside such words
evidence["voice"] = "quoted" and, when the speaker can be named, evidence["speaker"].

Two kinds of reported words are told apart, both built on `newsift.text.reported_speech`:

- a quotation (its quotation marks, by `quoted_regions`) with a reporting cue beside it in its
  sentence ("said", "according to", "told", or a verb that frames a quotation: "called",
  "described", "wrote"...), in the next sentence ("“...” Adar said so in May" is rare, but
  "“...” She said." is not), or in a line before it that ends with a colon (a block quotation).
  Scare quotes, with no one said to have said them, stay the outlet's words;
- reported speech without quotation marks: in a sentence whose reporting verb has a named or
  described speaker ("the ministry said the strikes hit terrorists"), every word but the
  speaker and the verb. An anonymous speaker ("sources say"), the outlet itself ("we") or a
  vague "they" does not make the words someone else's: those stay the outlet's.

The speaker is the words before the reporting verb back to a clause boundary ("Russian Defence
Minister Sergei Shoigu told"), or after it when the verb comes first ("said Sinem Adar, a
researcher"; "according to the Syrian Observatory"); "he" or "she" is resolved to the last
speaker named in the three sentences before, when there is one.

Findings keep their order and number (the score refers to them by index): a marked finding is
a copy with a new evidence dict. Every step looks only at the sentences and quotations that
hold a finding, with bounded windows, so a long article costs what its findings cost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newsift import cues
from newsift.document import Document
from newsift.findings import Finding
from newsift.text.furniture import eligible
from newsift.text.reported_speech import quoted_regions
from newsift.text.segment import Span
from newsift.text.speakers import (
    _NOT_A_NAME,
    _PERSON_SUBJECT,
    _backward,
    _quote_cues,
    _Speaker,
    _speaker_at,
    _speech_cues,
)

_WINDOW = 300  # characters of a sentence looked at on each side of a quotation
_MAX_SENTENCE = 1_000  # a longer "sentence" is no prose to read reported speech in
_LOOKBACK_SENTENCES = 3

Kind = Literal["quote", "reported"]


@dataclass(frozen=True)
class Speech:
    """Words of someone else's: offsets into the text, how they are reported, and by whom."""

    start: int
    end: int
    kind: Kind
    speaker: str | None


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


# -- the reported words of one quotation or one sentence ---------------------------------------


class _Reader:
    """Finds the Speech around findings of one document, each quotation and sentence once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.language = cues.language_of(doc)
        regions = quoted_regions(self.text, self.language)
        # A "quotation" across paragraphs is an unclosed mark, not someone's words.
        self.quotes = [(s, e) for s, e in regions if "\n\n" not in self.text[s:e]]
        self.sentences: list[Span] = doc.sentences
        self.starts = [s.start for s in self.sentences]
        self._quoted: dict[int, Speech | None] = {}
        self._reported: dict[int, list[Speech]] = {}

    # which quotation or sentence holds a span
    def quote_index(self, start: int, end: int) -> int | None:
        """The quotation that holds [start, end), or most of its letters: a model's span may
        run a word past the closing mark ('vengeful monarchy" that'), and is still the
        quoted words."""
        k = bisect_right(self.quotes, (start, float("inf"))) - 1
        for q in (k, k + 1):
            if not 0 <= q < len(self.quotes):
                continue
            qs, qe = self.quotes[q]
            if qs <= start and end <= qe:
                return q
            if qs < end and start < qe:
                inside = _letters(self.text[max(qs, start) : min(qe, end)])
                if inside * 2 > _letters(self.text[start:end]):
                    return q
        return None

    def sentence_index(self, pos: int) -> int | None:
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and pos < self.sentences[k].end else None

    def speech_for(self, start: int, end: int) -> Speech | None:
        q = self.quote_index(start, end)
        if q is not None:
            if q not in self._quoted:
                self._quoted[q] = self._quotation(q)
            found = self._quoted[q]
            if found is not None:
                return found
        k = self.sentence_index(start)
        if k is None or end > self.sentences[k].end:
            return None
        if k not in self._reported:
            self._reported[k] = self._reported_speech(k)
        for speech in self._reported[k]:
            if speech.start <= start and end <= speech.end:
                return speech
        return None

    # quotations
    def _quotation(self, q: int) -> Speech | None:
        qs, qe = self.quotes[q]
        first = self.sentence_index(qs)
        last = self.sentence_index(max(qs, qe - 1))
        sent_start = self.sentences[first].start if first is not None else qs
        sent_end = self.sentences[last].end if last is not None else qe
        prev_end = self.quotes[q - 1][1] if q > 0 else 0
        next_start = self.quotes[q + 1][0] if q + 1 < len(self.quotes) else len(self.text)
        b0 = max(sent_start, prev_end, qs - _WINDOW)
        a1 = min(sent_end, next_start, qe + _WINDOW)
        before, after = self.text[b0:qs], self.text[qe:a1]
        speaker = self._attribution(before, after)
        if speaker is None and last is not None:
            speaker = self._next_sentence(last, qe)
        if speaker is None:
            speaker = self._colon_line(qs)
        if speaker is None or speaker.status == "first_person":
            return None
        return Speech(qs, qe, "quote", self._resolve(speaker, first))

    def _attribution(self, before: str, after: str) -> _Speaker | None:
        """The speaker of a quotation from its sentence: a cue after it first, then before."""
        lead = len(after) - len(after.lstrip(" ,.!?;:—–-"))
        cue = next(iter(_quote_cues(after, self.language)), None)
        if cue is not None:
            speaker = _speaker_at(after, cue, quote_after=cue.start <= lead + 1)
            return speaker or _Speaker(cue.start, cue.end, None, "vague")
        hits = _quote_cues(before, self.language)
        if hits:
            cue = hits[-1]
            speaker = _speaker_at(before, cue, quote_after=False)
            return speaker or _Speaker(cue.start, cue.end, None, "vague")
        return None

    def _next_sentence(self, last: int, qe: int) -> _Speaker | None:
        """'“I am waiting to die.” She said so twice.': the sentence after a quotation that
        ends its own, in the same paragraph, opening with a speaker and a reporting verb."""
        if self.text[qe : self.sentences[last].end].strip() or last + 1 >= len(self.sentences):
            return None
        nxt = self.sentences[last + 1]
        if "\n" in self.text[self.sentences[last].end : nxt.start]:
            return None
        head = nxt.text[:80]
        cue = next(iter(_speech_cues(head, self.language)), None)
        if cue is None:
            return None
        speaker = _backward(head, cue.start)
        if speaker is None or speaker.start > 1 or speaker.status not in ("named", "pronoun"):
            return None
        return speaker

    def _colon_line(self, qs: int) -> _Speaker | None:
        """A block quotation: the quotation opens its line and the line before ends with a
        colon after a reporting cue ("In a statement, the ministry said:")."""
        line_start = self.text.rfind("\n", 0, qs) + 1
        if self.text[line_start:qs].strip() or line_start == 0:
            return None
        prev = self.text[max(0, line_start - _WINDOW) : line_start].rstrip()
        if not prev.endswith(":"):
            return None
        prev = prev[prev.rfind("\n") + 1 :]
        hits = _quote_cues(prev, self.language)
        if not hits:
            return None
        return _speaker_at(prev, hits[-1], quote_after=False) or _Speaker(0, 0, None, "vague")

    # reported speech
    def _reported_speech(self, k: int) -> list[Speech]:
        sentence = self.sentences[k]
        if len(sentence.text) > _MAX_SENTENCE:
            return []
        text = sentence.text
        inside_quotes = [
            (s - sentence.start, e - sentence.start)
            for s, e in self.quotes
            if s < sentence.end and e > sentence.start
        ]
        for cue in _speech_cues(text, self.language):
            if any(s <= cue.start < e for s, e in inside_quotes):
                continue
            speaker = _speaker_at(text, cue, quote_after=False)
            if speaker is None or speaker.status not in ("named", "pronoun"):
                continue
            a0, a1 = min(speaker.start, cue.start), max(speaker.end, cue.end)
            name = self._resolve(speaker, k)
            base = sentence.start
            parts = [(base, base + a0), (base + a1, sentence.end)]
            return [Speech(s, e, "reported", name) for s, e in parts if e > s]
        return []

    def _resolve(self, speaker: _Speaker, k: int | None) -> str | None:
        """A named speaker's words; "he"/"she": the speaker last named a few sentences back."""
        if speaker.status == "named" or speaker.status == "anonymous":
            return speaker.text
        if speaker.status != "pronoun" or k is None:
            return None
        for j in range(k - 1, max(-1, k - 1 - _LOOKBACK_SENTENCES), -1):
            text = self.sentences[j].text
            if len(text) > _MAX_SENTENCE:
                return None
            for cue in reversed(_quote_cues(text, self.language)):
                found = _speaker_at(text, cue, quote_after=True)
                if found is not None and found.status == "named" and found.text[:1].isupper():
                    return found.text
            subject = _PERSON_SUBJECT.match(text)  # "Amina Hassan fled Aleppo in 2016."
            if subject is not None and subject[1].split()[0].lower() not in _NOT_A_NAME:
                return subject[1]
        return None


def reported_words(doc: Document, findings: Sequence[Finding]) -> list[Speech | None]:
    """For each finding, the Speech it lies in (None: the outlet's own words, or no span)."""
    reader: _Reader | None = None
    out: list[Speech | None] = []
    for f in findings:
        if not eligible(f):
            out.append(None)
            continue
        if reader is None:
            reader = _Reader(doc)
        out.append(reader.speech_for(f.start, f.end))  # type: ignore[arg-type]
    return out


def mark_voice(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` in the same order and number; each span finding inside a quotation
    attributed to someone else, or inside reported speech, becomes a copy with
    evidence["voice"] = "quoted" and evidence["speaker"] (when the speaker is known).
    A finding that already has a voice (page furniture) is left as it is."""
    out: list[Finding] = []
    for f, speech in zip(findings, reported_words(doc, findings), strict=True):
        if speech is None:
            out.append(f)
            continue
        evidence = {**(f.evidence or {}), "voice": "quoted"}
        if speech.speaker:
            evidence["speaker"] = speech.speaker
        out.append(replace(f, evidence=evidence))
    return out
