"""Self-proclaimed neutrality or independence ("100% independent", "news you can trust").

Reliable outlets show their independence through sourcing; boilerplate that asserts it ("totally
unbiased news coverage you can trust", "the news they don't want you to see", "no corporate
sponsors") is typical of partisan and fake-news sites. Phrase-level spans. A phrase inside
quotation marks, or in a sentence describing someone else ("the site bills itself as..."), is
the outlet reporting a claim, not making it, and is skipped.
"""

from __future__ import annotations

from typing import ClassVar

from newsift import cues
from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.text.reported_speech import own_phrases
from newsift.text.textscan import CaselessPattern

_STRONG = r"(?:100 ?(?:%|percent|per cent)|totally|completely|proudly|fiercely|wholly)"
_WEAK = r"(?:truly|fully|entirely|genuinely|always|the only|the most)"
_NEUTRAL = (
    r"(?:independent|unbiased|impartial|objective|neutral|balanced|non-partisan|nonpartisan"
    r"|uncensored)"
)
_MEDIA = r"(?:news|media|coverage|reporting|journalism|source|voice|outlet|information)"
_MEDIA2 = rf"{_MEDIA}(?: {_MEDIA})?(?: (?:that )?you can (?:actually |finally )?trust)?"
_THEY = (
    r"(?:they|the (?:mainstream |corporate |legacy )?media|the msm|the establishment"
    r"|the elites?|big tech|the government)"
)

_BOILERPLATE = CaselessPattern(
    r"\b(?:"
    rf"{_STRONG} (?:and \w+ )?{_NEUTRAL}(?: {_MEDIA2})?"
    rf"|{_WEAK} {_NEUTRAL} {_MEDIA2}"
    rf"|{_NEUTRAL} {_MEDIA2}(?<=trust)"
    rf"|(?:news|media|coverage|source|information) (?:that )?you can (?:actually |finally )?trust"
    rf"|we are (?:an? )?(?:truly |totally |fully |fiercely |proudly )?{_NEUTRAL}"
    rf"|(?:the )?(?:news|truth|stories|facts|information) (?:that )?{_THEY} (?:don't|do not|"
    r"doesn't|won't|will not|refuses? to let you) (?:want you to )?(?:see|know|read|hear|tell you|"
    r"report|show you)"
    rf"|what {_THEY} (?:don't|do not|won't|will not) (?:want you to know|tell you|report)"
    r"|no corporate (?:sponsors?|masters|owners?|advertisers?|funding|backers|agenda|spin)"
    r"|no (?:billionaire|government|corporate|big-money) (?:owners?|backers|funding|money|masters)"
    r"|(?:not|never) (?:beholden|bought|owned|controlled) (?:to|by) (?:anyone|any|corporate|"
    r"special interests|the establishment|advertisers)"
    r"|fair and balanced"
    r"|no spin,? (?:just|only)"
    r"|the real news"
    r")\b"
)


def _pattern(doc: Document) -> CaselessPattern:
    """English: the list above; other languages: their own (newsift.cues.<code>.BOILERPLATE)."""
    language = cues.language_of(doc)
    return _BOILERPLATE if language == "en" else cues.caseless(language, "BOILERPLATE")


class NeutralityClaimDetector(BaseDetector):
    """Phrases in which the outlet proclaims its own neutrality or independence."""

    name = "neutrality_claim"
    category = "self_promotion"
    version = "1"
    languages: ClassVar[frozenset[str] | None] = cues.LANGUAGES

    def detect(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        for _, hits in own_phrases(doc, _pattern(doc)):
            for m in hits:
                findings.append(
                    self.finding(
                        "neutrality_boilerplate",
                        f"“{m.text}”: the outlet vouches for its own independence or "
                        "neutrality instead of showing it through sources.",
                        start=m.start,
                        end=m.end,
                    )
                )
        return findings
