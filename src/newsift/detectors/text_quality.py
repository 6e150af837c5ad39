"""Text quality: encoding damage (repaired or left over), shouting capitals, exclamation marks.

- `encoding_repaired`: one finding per `Document.repairs` entry (made by ingest), spanning the
  repaired text when its offsets are known, explaining before -> after.
- `mojibake`: garbled characters still in the text: ftfy's own badness pattern (e.g. "Ã©",
  "â€™"), the replacement character U+FFFD, and Cyrillic letters glued to Windows-1252 symbols
  ("–осси€"). One finding per damaged word.
- `shouting_caps`: 3+ consecutive all-capital words on one line, at least two of them 4+
  letters long and not known acronyms ("NATO", "UNICEF"); not in a quotation, a sub-heading,
  a dateline ("MOSCOW, RUSSIA - DECEMBER 20, 2016") or a photo or agency credit ("GEORGE
  OURFALIAN/AFP", "REUTERS/Kevin Lamarque"), where capitals are a convention
  (`newsift.text.furniture`).
- `excessive_exclamation`: every "!!" (or "?!") run, plus one article-level finding when
  at least 3 sentences, and 20% of them, end with "!".
"""

from __future__ import annotations

import re
from functools import cache

from newsift.detectors.base import BaseDetector
from newsift.document import Document, Repair
from newsift.findings import Finding
from newsift.text.furniture import credit_regions
from newsift.text.reported_speech import inside, quoted_regions
from newsift.text.segment import Span, upper_case_words

MIN_CAPS_RUN = 3
EXCLAIMED_SENTENCES_MIN, EXCLAIMED_SHARE = 3, 0.2
_ACRONYMS_TEXT = (
    "NATO NASA FIFA UEFA OPEC UNESCO UNICEF UNHCR COVID AIDS NAFTA ASEAN OECD IMF WHO WTO "
    "SWAT NAACP ACLU NCAA NBA NFL MLB NHL CEO CFO CNN BBC MSNBC NPR FBI CIA NSA ICE DHS "
    "DOJ USA USSR EU UK UN US GDP LGBT LGBTQ HIV ISIS ISIL NHS RSPCA ABC CBS NBC"
)
_ACRONYMS = frozenset(_ACRONYMS_TEXT.split())
_CYRILLIC_GLUE = re.compile(
    r"[\u0400-\u04ff][€‚„‰‹›™†‡•]|[€‚„‰‹›™†‡•][\u0400-\u04ff]|(?<!\w)–[\u0400-\u04ff]"
)
_NONSPACE_RUN = re.compile(r"\S+")
_EXCLAMATION_RUN = re.compile(r"[!?]*!+[!?]*")
_CAPS_GAP = re.compile(r"[ \t,:;'\"“”‘’&/–—-]*")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WIDE_MATCH = 32  # beyond this match width, scanning near non-ASCII characters saves nothing


def _badness_pattern() -> re.Pattern[str] | None:
    try:
        from ftfy.badness import BADNESS_RE  # the well-kept mojibake heuristics
    except ImportError:  # pragma: no cover - ftfy is a dependency; keep working without it
        return None
    return BADNESS_RE


@cache
def _max_match_width(pattern: re.Pattern[str]) -> int | None:
    """The longest match `pattern` can make, or None when unbounded or unknown."""
    try:
        from re import _parser  # the stdlib's own parser: the widths it computes for the engine

        _, widest = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    except Exception:  # pragma: no cover - a private module; fall back to a full scan
        return None
    return widest if widest <= _WIDE_MATCH else None


def _badness_starts(bad: re.Pattern[str], text: str) -> list[int]:
    """Start offsets of `bad.finditer(text)`, trying only positions near non-ASCII characters.

    Every alternative of ftfy's badness pattern needs a non-ASCII character (mojibake is made
    of them), so a match starts at most `width - 1` characters before one. Running the regex at
    every offset of a long, mostly ASCII article was the costliest step of this detector.
    """
    width = _max_match_width(bad)
    anchors = [m.start() for m in _NON_ASCII.finditer(text)]
    if width is None or len(anchors) * width > len(text) // 4:
        return [m.start() for m in bad.finditer(text)]
    candidates = sorted({s for a in anchors for s in range(max(0, a - width + 1), a + 1)})
    starts: list[int] = []
    resume = 0  # finditer's matches do not overlap: it resumes where the last one ended
    for pos in candidates:
        if pos < resume:
            continue
        m = bad.match(text, pos)
        if m is not None:
            starts.append(pos)
            resume = m.end()
    return starts


def _clip(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _is_shouted(word: str) -> bool:
    # str.isupper() rejects most words in C before the letters are counted in Python.
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def _caps_runs(doc: Document) -> list[list[Span]]:
    """Maximal runs of capitalised words separated only by spaces or light punctuation.

    One-letter capitals ("A", "I") continue a run without starting one. Only the upper-case
    words are visited: any other word between two of them puts letters in the gap, which
    `_CAPS_GAP` refuses, so it ends the run just as visiting it would.
    """
    runs: list[list[Span]] = []
    run: list[Span] = []
    for word in upper_case_words(doc.text):
        shouted = _is_shouted(word.text)
        joins = bool(run) and _CAPS_GAP.fullmatch(doc.text[run[-1].end : word.start]) is not None
        if shouted or (joins and len(word.text) == 1):
            if run and not joins:
                runs.append(run)
                run = []
            if shouted or run:
                run.append(word)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    # a run never ends on a one-letter word
    return [r[: max(i for i, w in enumerate(r) if _is_shouted(w.text)) + 1] for r in runs]


def _is_heading(text: str, start: int, end: int) -> bool:
    """True when the run is the whole line (a sub-heading, a convention rather than shouting)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip(" \t:.-–—") == text[start:end]


# Repairs made while decoding bytes (ingest/decode.py): which encoding was read, not mojibake.
DETECTED = "encoding_detected"  # bytes were not UTF-8: a legacy encoding was detected
DECODING_KINDS = frozenset({DETECTED, "charset_corrected", "mixed_encoding"})


def _evidence(repair: Repair) -> dict[str, str]:
    return {"kind": repair.kind, "before": repair.before, "after": repair.after}


class TextQualityDetector(BaseDetector):
    """Signs of careless or sensational publishing in the text itself."""

    name = "text_quality"
    category = "text_quality"
    languages = None  # encoding damage, capitals, "!": any language
    version = "1"

    def detect(self, doc: Document) -> list[Finding]:
        return [
            *(self._repair(r, doc) for r in doc.repairs),
            *self._mojibake(doc),
            *self._caps(doc),
            *self._exclamations(doc),
        ]

    def _repair(self, repair: Repair, doc: Document) -> Finding:
        span: dict[str, int] = {}
        if (
            repair.start is not None
            and repair.end is not None
            and 0 <= repair.start <= repair.end <= len(doc.text)
        ):
            span = {"start": repair.start, "end": repair.end}
        if repair.kind in DECODING_KINDS:
            # How the bytes were decoded, not garbled text in the article. A file saved in a
            # legacy encoding is no publishing fault: it is reported, and scores nothing.
            label = "encoding_detected" if repair.kind == DETECTED else "encoding_repaired"
            return self.finding(
                label, repair.explanation, level="article", evidence=_evidence(repair)
            )
        return self.finding(
            "encoding_repaired",
            f"Garbled characters were repaired: “{_clip(repair.before)}” → "
            f"“{_clip(repair.after)}”.",
            level="span" if span else "article",
            evidence=_evidence(repair),
            **span,
        )

    def _mojibake(self, doc: Document) -> list[Finding]:
        text = doc.text
        if text.isascii():  # every sign of mojibake below is a non-ASCII character
            return []
        hits: list[int] = [m.start() for m in _CYRILLIC_GLUE.finditer(text)]
        hits += [m.start() for m in re.finditer("\ufffd", text)]
        bad = _badness_pattern()
        if bad is not None:
            hits += _badness_starts(bad, text)
        if not hits:
            return []
        findings: list[Finding] = []
        hit_set = sorted(set(hits))
        for word in _NONSPACE_RUN.finditer(text):
            if not any(word.start() <= h < word.end() for h in hit_set):
                continue
            findings.append(
                self.finding(
                    "mojibake",
                    f"“{_clip(word.group(), 40)}” contains garbled characters left by a "
                    "wrong text encoding.",
                    start=word.start(),
                    end=word.end(),
                )
            )
        return findings

    def _caps(self, doc: Document) -> list[Finding]:
        text = doc.text
        quotes = quoted_regions(text)
        credits: list[tuple[int, int]] | None = None  # found only when a run is long enough
        findings: list[Finding] = []
        for run in _caps_runs(doc):
            start, end = run[0].start, run[-1].end
            long_words = [w for w in run if len(w.text) >= 4 and w.text.upper() not in _ACRONYMS]
            if len(run) < MIN_CAPS_RUN or len(long_words) < 2:
                continue
            if inside(quotes, start, end) or _is_heading(text, start, end):
                continue  # someone else's words, or a sub-heading set in capitals
            if credits is None:
                credits = credit_regions(doc)
            if inside(credits, start, end):
                continue  # a dateline or a credit: capitals by convention
            findings.append(
                self.finding(
                    "shouting_caps",
                    f"“{_clip(text[start:end])}” is written in capitals, which shouts at the "
                    "reader.",
                    start=start,
                    end=end,
                )
            )
        return findings

    def _exclamations(self, doc: Document) -> list[Finding]:
        quotes = quoted_regions(doc.text)
        findings = [
            self.finding(
                "excessive_exclamation",
                f"“{m.group()}”: repeated exclamation marks are a sign of sensationalism.",
                start=m.start(),
                end=m.end(),
            )
            for m in _EXCLAMATION_RUN.finditer(doc.text)
            if len(m.group()) >= 2 and not inside(quotes, m.start(), m.end())
        ]
        sentences = doc.sentences
        exclaimed = [
            s for s in sentences if s.text.endswith("!") and not inside(quotes, s.end - 1, s.end)
        ]
        if len(exclaimed) >= EXCLAIMED_SENTENCES_MIN and len(exclaimed) >= EXCLAIMED_SHARE * len(
            sentences
        ):
            findings.append(
                self.finding(
                    "excessive_exclamation",
                    f"{len(exclaimed)} of {len(sentences)} sentences end with an exclamation "
                    "mark, a sign of sensationalism.",
                    level="article",
                    evidence={"exclaimed": len(exclaimed), "sentences": len(sentences)},
                )
            )
        return findings
