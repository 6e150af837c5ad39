"""Donation appeals inside the article body ("we need to raise £1,000,000", "Donate Here").

One finding per sentence that contains an appeal, spanning the sentence, with the matched
phrases as evidence. An appeal the outlet merely reports — inside quotation marks, or in a
sentence with a reporting cue such as "the charity said" or "urged" — is not the outlet asking
for money and is skipped, so a wire story about a charity's appeal is not flagged.
"""

from __future__ import annotations

from typing import ClassVar

from newsift import cues
from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding
from newsift.text.reported_speech import own_phrases
from newsift.text.textscan import CaselessPattern

_MONEY = r"[£$€]\s?\d"
_APPEALS = CaselessPattern(
    r"\b(?:"
    # the outlet's own need
    rf"we (?:urgently |still |really |desperately )?need (?:to raise|your (?:help|support|"
    rf"donations?|contributions?)|{_MONEY}|readers like you)"
    r"|(?:help us|we (?:must|have to|hope to|are trying to|'re trying to)) raise"
    r"|(?:our|this) (?:fundraising|funding|donation|reader) (?:goal|target|appeal|drive)"
    rf"|our (?:goal|target) (?:of|is) {_MONEY}"
    r"|without (?:your|reader) (?:help|support|donations?)"
    r"|keep (?:us|this site|our site|the site|the truth|our journalism|independent media) "
    r"(?:alive|going|online|afloat|independent|running|free)"
    # direct requests
    r"|donate (?:here|now|today|below|online|securely)"
    r"|click (?:here )?to (?:donate|give|contribute)"
    r"|please (?:donate|give generously|chip in|support us|consider (?:donating|supporting|"
    r"a donation|a contribution))"
    rf"|chip in (?:{_MONEY}|today|now|what you can|a (?:few|little)|to (?:help|support|keep|fund))"
    r"|chip in(?=[.!])"
    r"|(?:any|every|a|your) (?:donation|contribution|gift)s?,? (?:of any size|no matter how "
    r"small|large or small|big or small|helps|counts|matters|makes a (?:real )?difference)"
    r"|every (?:dollar|pound|penny|cent|euro|bit) (?:counts|helps)"
    r"|make a (?:one-off |one-time |monthly |regular |small |recurring |tax-deductible )?"
    r"(?:donation|contribution) (?:today|now|here|to us|to support)"
    r"|support (?:our|us|this site|this website|independent|real|honest|reader-funded) "
    r"?(?:independent |honest |real |investigative )?(?:journalism|work|reporting|mission|"
    r"site|website|media|news|today|now)"
    r"|become a (?:patron|paying member|member|supporter|sustaining member|monthly donor|"
    r"subscriber) (?:today|now|of|and|to)"
    r"|(?:support|join|back|donate to) us (?:on|via|through) (?:patreon|paypal|ko-fi|substack)"
    r"|buy (?:me|us) a coffee"
    r"|funded (?:only |entirely |solely |wholly |100% )?by (?:you|our readers|readers like you|"
    r"people like you)"
    r"|reader-funded"
    r")\b"
)


def _pattern(doc: Document) -> CaselessPattern:
    """English: the list above; other languages: their own (newsift.cues.<code>.APPEALS)."""
    language = cues.language_of(doc)
    return _APPEALS if language == "en" else cues.caseless(language, "APPEALS")


class FundraisingDetector(BaseDetector):
    """Sentences in which the outlet asks its readers for money."""

    name = "fundraising"
    category = "fundraising"
    version = "1"
    languages: ClassVar[frozenset[str] | None] = cues.LANGUAGES

    def detect(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        for sentence, hits in own_phrases(doc, _pattern(doc)):
            matched = [hit.text for hit in hits]
            shown = "”, “".join(dict.fromkeys(matched))
            findings.append(
                self.finding(
                    "donation_appeal",
                    f"The outlet asks readers for money inside the story (“{shown}”).",
                    start=sentence.start,
                    end=sentence.end,
                    level="sentence",
                    evidence={"cues": list(dict.fromkeys(matched))},
                )
            )
        return findings
