"""Undo Cyrillic code-page confusions: text whose bytes in one code page were read as another.

ftfy repairs UTF-8 read as a single-byte code page, but not one single-byte code page read as
another, which is how most Russian mojibake looks: "–осси€. ћосква" is "Россия. Москва" written
in Windows-1251 and read as Mac Cyrillic. Every code page here is ASCII-compatible and single-byte,
so undoing a confusion is a character-for-character translation; ASCII never changes.

A stretch of a line is replaced only when it is clearly better afterwards: the words that change
must become well-formed Russian, Ukrainian, Bulgarian or Belarusian words (one alphabet, normal
capitalisation; in long stretches a tenth may be odd, as names and codes are), their
letter-bigram likelihood must rise by a wide margin, the result must read as language, and a
changed word must show a sign of damage (a symbol among letters, two scripts in one word, bad
capitalisation, a Western word made of accented letters only, or very unlikely letter
sequences). Genuine text fails at least one of these: the likelihood model also knows Serbian
and Macedonian, so their letters are not mistaken for damage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

# (code page the text was written in, code page it was wrongly read as), most common first.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("cp1251", "mac_cyrillic"),
    ("cp1251", "cp1252"),
    ("cp1251", "latin_1"),
    ("koi8_r", "cp1251"),
    ("cp1251", "koi8_r"),
    ("mac_cyrillic", "cp1251"),
    ("koi8_r", "cp1252"),
    ("koi8_r", "latin_1"),
    ("cp866", "cp1251"),
    ("cp1251", "cp866"),
    ("cp866", "cp1252"),
    ("koi8_u", "cp1251"),
    ("iso8859_5", "cp1251"),
    ("cp1251", "iso8859_5"),
)

CODEPAGE_NAMES = {
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
    "mac_cyrillic": "Mac Cyrillic",
    "koi8_r": "KOI8-R",
    "koi8_u": "KOI8-U",
    "cp866": "DOS Cyrillic (CP866)",
    "iso8859_5": "ISO-8859-5",
}

# Letters of the Russian, Ukrainian, Bulgarian and Belarusian alphabets (upper and lower case).
_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
_ALPHABET = frozenset(_LOWER + _LOWER.upper())
_APOSTROPHES = "'’ʼ"
# Punctuation that legitimately sits at the edge of a word in Cyrillic or Western text.
_EDGE_PUNCTUATION = "«»„“”‘’\"'()[]—–-…№·•"
# Word-internal separators that are not damage.
_INNER_PUNCTUATION = "-'’ʼ"

_UNKNOWN_LOGPROB = -12.0  # a character outside the alphabet, on either side of a bigram
# A repaired word must be likelier by this many nats per letter (1.5 nats: about 4.5 times).
_MIN_GAIN_PER_CHAR = 1.5
# Mean letter-bigram log probabilities: real words score about -2 to -3.2, noise below -3.8.
_PLAUSIBLE_LOGPROB = -3.4  # repaired words must average at least this
_IMPLAUSIBLE_LOGPROB = -3.9  # words averaging below this look damaged even without symbols
_TOLERATED_MALFORMED = 0.1  # share of changed letters in odd words (names, codes) in long runs

# Word-like tokens, split at characters every code page here leaves unchanged: ASCII other
# than letters and the apostrophe.
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[^\x00-\x26\x28-\x40\x5b-\x60\x7b-\x7f]+")


@dataclass(frozen=True)
class CodepageRepair:
    start: int  # offsets in the line given
    end: int
    before: str
    after: str
    written_as: str
    read_as: str

    @property
    def explanation(self) -> str:
        written = CODEPAGE_NAMES.get(self.written_as, self.written_as)
        read = CODEPAGE_NAMES.get(self.read_as, self.read_as)
        return f"{written} text that was decoded as {read}"


@lru_cache(maxsize=1)
def _bigrams() -> dict[str, float]:
    from newsift.ingest.cyrillic_bigrams import TABLE

    table: dict[str, float] = {}
    for entry in TABLE.split():
        table[entry[:2]] = float(entry[2:])
    return table


@cache
def _translation(written_as: str, read_as: str) -> dict[int, str]:
    """Map each non-ASCII character of `read_as` to the character its byte means in `written_as`."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0x100):
        raw = bytes([byte])
        try:
            seen = raw.decode(read_as)
            meant = raw.decode(written_as)
        except UnicodeDecodeError:
            continue
        if seen != meant:
            table[ord(seen)] = meant
    return table


@cache
def _readable(read_as: str) -> frozenset[str]:
    """Characters that can come out of decoding some byte with `read_as`."""
    chars = set()
    for byte in range(0x100):
        try:
            chars.add(bytes([byte]).decode(read_as))
        except UnicodeDecodeError:
            continue
    return frozenset(chars)


def _core(token: str) -> str:
    return token.strip(_EDGE_PUNCTUATION)


@cache
def _is_cyrillic_letter(ch: str) -> bool:
    return ch.isalpha() and "CYRILLIC" in unicodedata.name(ch, "")


def _has_cyrillic(word: str) -> bool:
    return any(_is_cyrillic_letter(ch) for ch in word)


def _mean_logprob(words: list[str]) -> float:
    """Letter-weighted mean bigram log probability of some words (0 for none)."""
    letters = sum(len(w) for w in words)
    return sum(_bigram_logprob(w) * len(w) for w in words) / letters if letters else 0.0


@lru_cache(maxsize=65536)  # words repeat: score each once
def _bigram_logprob(word: str) -> float:
    """Mean letter-bigram log probability of a word, word boundaries included."""
    table = _bigrams()
    letters = ["^"]
    for ch in word.lower().replace("ё", "е"):  # word lists mostly write ё as е
        if ch in _APOSTROPHES:
            letters.append("'")
        elif ch == "-":
            letters.extend(("$", "^"))  # a hyphenated compound scores as its parts
        else:
            letters.append(ch)
    letters.append("$")
    pairs = list(zip(letters, letters[1:], strict=False))
    total = sum(table.get(a + b, _UNKNOWN_LOGPROB) for a, b in pairs)
    return total / len(pairs)


def _good_case(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) <= 1:
        return True
    rest = letters[1:]
    return all(ch.islower() for ch in rest) or all(ch.isupper() for ch in letters)


@lru_cache(maxsize=65536)  # words repeat: score each once
def _is_wellformed_cyrillic(token: str) -> bool:
    """A word written in one of the alphabets above, with normal capitalisation."""
    core = _core(token)
    if not core:
        return True  # punctuation only: neutral
    for ch in core:
        if ch not in _ALPHABET and ch not in _INNER_PUNCTUATION:
            return False
    if core[0] in _INNER_PUNCTUATION or core[-1] in _INNER_PUNCTUATION:
        return False
    lower = core.lower()
    if lower[0] in "ьъы" and len(lower) > 1:
        return False
    return _good_case(core)


@lru_cache(maxsize=65536)  # words repeat: score each once
def _looks_damaged(word: str) -> bool:
    """Signs of mojibake in a word (edge punctuation included) as it stands."""
    for ch in word:
        if ch in _INNER_PUNCTUATION:
            continue
        if not ch.isalpha():
            return True  # a symbol inside a word: "ћ€", "Ð°"
    has_cyrillic = _has_cyrillic(word)
    if has_cyrillic and any(ch.isalpha() and not _is_cyrillic_letter(ch) for ch in word):
        return True  # mixed scripts inside one word
    if not _good_case(word):
        return True
    # "Ðîññèÿ": a Western word made of accented letters only
    non_ascii = sum(1 for ch in word if ord(ch) > 0x7F)
    return not has_cyrillic and non_ascii >= 3 and non_ascii >= 0.6 * len(word)


def _token_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(line)]


def _word_region(old: str, new: str) -> tuple[str, str]:
    """The same stretch of both readings of a token: from its first to its last letter in either.

    "‘ото" and "Фото" compare as wholes, so a symbol read where a letter was written counts.
    """
    letters = [
        i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a.isalpha() or b.isalpha()
    ]
    if not letters:
        return old, new
    return old[letters[0] : letters[-1] + 1], new[letters[0] : letters[-1] + 1]


@lru_cache(maxsize=65536)  # words repeat: score each once
def _cost(word: str) -> float:
    """Negative plausibility per character of a word as Cyrillic text (lower is better)."""
    penalty = 0.0 if _is_wellformed_cyrillic(word) else 3.0
    return -_bigram_logprob(word) + penalty


@dataclass(frozen=True)
class _Token:
    """One token of a line read back through one confusion; everything the judge needs."""

    after: str
    changed: bool
    letters: int = 0  # length of the changed stretch
    long_word: bool = False  # the repaired word has three or more letters
    wellformed: bool = True  # the repaired word is well-formed Cyrillic
    damaged: bool = False  # the original shows a sign of mojibake
    old_cyrillic_logprob: float | None = None  # when the original is Cyrillic
    new_core: str = ""  # the repaired word without edge punctuation
    gain: float = 0.0  # plausibility gained over the changed stretch, in nats

    @property
    def evidence(self) -> bool:
        """A token that looks damaged and reads well repaired: a run needs one (_judge_run)."""
        low = self.old_cyrillic_logprob is not None
        low = low and self.old_cyrillic_logprob < _IMPLAUSIBLE_LOGPROB  # type: ignore[operator]
        return self.changed and self.wellformed and self.long_word and (self.damaged or low)


@lru_cache(maxsize=65536)
def _read_token(token: str, written_as: str, read_as: str) -> _Token | None:
    """`token` read back as `written_as`; None when `read_as` cannot have produced it."""
    if not _readable(read_as).issuperset(token):
        return None
    after = token.translate(_translation(written_as, read_as))
    core = _core(after)
    if after == token:
        return _Token(after, changed=False, new_core=core)
    old, new = _word_region(token, after)
    return _Token(
        after,
        changed=True,
        letters=len(old),
        long_word=len(core) >= 3,
        wellformed=_is_wellformed_cyrillic(new),
        damaged=_looks_damaged(old),
        old_cyrillic_logprob=_bigram_logprob(old) if _has_cyrillic(old) else None,
        new_core=core,
        gain=(_cost(old) - _cost(new)) * len(old),
    )


@lru_cache(maxsize=65536)
def _suspect_confusions(word: str) -> tuple[int, ...]:
    """Indices of the confusions under which `word` is evidence of damage."""
    if _ASCII_LETTER.search(word):
        # Every code page here keeps ASCII as it is, so the word read back would still hold a
        # Latin letter and could not be well-formed Cyrillic: no evidence, and no need to try
        # each confusion on the curly-quoted English words ("“Trump", "it’s") that reach here.
        return ()
    suspects = []
    for index, (written_as, read_as) in enumerate(CONFUSIONS):
        token = _read_token(word, written_as, read_as)
        if token is not None and token.evidence:
            suspects.append(index)
    return tuple(suspects)


def _judge_run(tokens: list[_Token]) -> float | None:
    """The plausibility gained when the confusion clearly explains a run of tokens, else None."""
    changed = [t for t in tokens if t.changed]
    if not changed:
        return None
    letters = sum(t.letters for t in changed)
    # Single characters ("©" -> "ї") are too little evidence: most change must be in real words.
    if sum(t.letters for t in changed if t.long_word) < max(3, letters / 2):
        return None
    malformed = sum(t.letters for t in changed if not t.wellformed)
    tolerated = _TOLERATED_MALFORMED * letters if len(changed) >= 5 else 0
    if malformed > tolerated:
        return None
    if not any(t.evidence for t in changed):
        return None  # no sign of damage: genuine text, however odd, is left alone
    # The repaired run must read as language, not merely beat worse noise.
    if _mean_logprob([t.new_core for t in tokens if _has_cyrillic(t.new_core)]) < (
        _PLAUSIBLE_LOGPROB
    ):
        return None
    gain = sum(t.gain for t in changed)
    return gain if gain >= _MIN_GAIN_PER_CHAR * letters else None


def _trim(before: str, after: str) -> tuple[int, int]:
    """The smallest token-aligned window [i, j) of the run that contains every change."""
    pairs = list(zip(before, after, strict=True))
    first = next(i for i, (a, b) in enumerate(pairs) if a != b)
    last = max(i for i, (a, b) in enumerate(pairs) if a != b) + 1
    while first > 0 and before[first - 1] not in " \t":
        first -= 1
    while last < len(before) and before[last] not in " \t":
        last += 1
    return first, last


def _runs(read: list[_Token | None]) -> list[list[int]]:
    """Positions of maximal stretches of tokens that the confusion can explain, with a change."""
    runs: list[list[int]] = [[]]
    for i, token in enumerate(read):
        if token is None:
            runs.append([])
        else:
            runs[-1].append(i)
    return [run for run in runs if any(read[i].changed for i in run)]  # type: ignore[union-attr]


def find_codepage_repairs(line: str) -> list[CodepageRepair]:
    """Repairs for one line (no newlines inside), in order, not overlapping.

    Every confusion is tried on every stretch it could explain; where explanations overlap,
    the one that gains most plausibility wins. Only tokens with non-ASCII characters matter:
    ASCII is the same in every code page here, so it neither changes nor breaks a stretch.
    """
    if line.isascii():
        return []
    spans = [(s, e) for s, e in _token_spans(line) if not line[s:e].isascii()]
    words = [line[s:e] for s, e in spans]
    suspects: set[int] = set()
    for word in set(words):
        suspects.update(_suspect_confusions(word))
    options: list[tuple[float, int, int, str, str, str]] = []
    for index in sorted(suspects):  # usually none: clean text shows no damage
        written_as, read_as = CONFUSIONS[index]
        read = [_read_token(w, written_as, read_as) for w in words]
        for run in _runs(read):
            gain = _judge_run([read[i] for i in run])  # type: ignore[misc]
            if gain is None:
                continue
            start, end = spans[run[0]][0], spans[run[-1]][1]
            after = line[start:end].translate(_translation(written_as, read_as))
            options.append((gain, start, end, after, written_as, read_as))
    repairs: list[CodepageRepair] = []
    taken: list[tuple[int, int]] = []
    for _, start, end, after, written_as, read_as in sorted(options, key=lambda o: -o[0]):
        if any(s < end and start < e for s, e in taken):
            continue
        i, j = _trim(line[start:end], after)
        repairs.append(
            CodepageRepair(
                start=start + i,
                end=start + j,
                before=line[start + i : start + j],
                after=after[i:j],
                written_as=written_as,
                read_as=read_as,
            )
        )
        taken.append((start, end))
    return sorted(repairs, key=lambda r: r.start)
