"""How much a decoding looks like one real alphabet: a tie-break for encoding detection.

A wrong single-byte code page keeps ASCII and swaps the accented letters for others, so a
Polish "Rząd ogłosił" read as Windows-1252 becomes "Rz¹d og³osi³", and a French "à l'été" read
as ISO-8859-10 becomes "ā l'été". charset-normalizer's chaos measure often rates such readings
as clean as the right one. Real text takes its accented letters from one language's alphabet
(or one non-Latin script), so the share of them that a single alphabet covers tells the right
reading apart.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# The letters beyond ASCII that each Latin-script language writes (lower case, when it is one
# code point).
_LATIN_ALPHABETS = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüß",  # German
    "áéíñóúü",  # Spanish
    "àèéìíîòóùú",  # Italian
    "áâãàçéêíóôõú",  # Portuguese
    "àçèéíïòóúü",  # Catalan
    "éëïóöü",  # Dutch
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian (both comma and cedilla forms)
    "čćđšž",  # Croatian, Serbian, Bosnian, Slovene
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äõöüšž",  # Estonian
    "äåöšž",  # Finnish, Swedish
    "æøåéó",  # Danish, Norwegian
    "áðéíóúýþæö",  # Icelandic
    "çğıöşüâîİ",  # Turkish (İ, whose lower case is two code points, as itself)
    "çë",  # Albanian
    "ċġħż",  # Maltese
)
# Unicode name prefixes of non-Latin scripts; Japanese and Korean mix kana or hangul with CJK.
_SCRIPTS = {
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "ARABIC": "Arabic",
    "THAI": "Thai",
    "CJK": "CJK",
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "HANGUL": "CJK",
}
_SAMPLE = 65536  # characters scored: enough to judge, cheap on a 10 MB article


@cache
def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((script for prefix, script in _SCRIPTS.items() if name.startswith(prefix)), None)


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def plausibility(text: str) -> float:
    """The share (0-1) of non-ASCII letters that one alphabet or script covers; a symbol
    inside a word ("Rz¹d") counts as a letter no alphabet covers. 1.0 for ASCII text."""
    sample = text[:_SAMPLE]
    counts: dict[str, int] = {}
    odd = 0
    for i, ch in enumerate(sample):
        if ch.isascii():
            continue
        if ch.isalpha():
            low = ch.lower()
            low = low if len(low) == 1 else ch  # "İ".lower() is "i" and a combining dot
            counts[low] = counts.get(low, 0) + 1
        elif (
            0 < i < len(sample) - 1
            and _ascii_letter(sample[i - 1])
            and _ascii_letter(sample[i + 1])
        ):
            odd += 1  # not a letter, yet inside a Latin word: a letter the code page got wrong
    total = sum(counts.values()) + odd
    if total == 0:
        return 1.0
    best = max(
        sum(n for ch, n in counts.items() if ch in alphabet) for alphabet in _LATIN_ALPHABETS
    )
    by_script: dict[str, int] = {}
    for ch, n in counts.items():
        script = _script(ch)
        if script is not None:
            by_script[script] = by_script.get(script, 0) + n
    best = max(best, *by_script.values()) if by_script else best
    return best / total
