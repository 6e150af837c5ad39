"""Bytes to text: refuse binary data, honour a forced encoding or a BOM, else find the encoding.

UTF-8 is tried first: text in another encoding almost never happens to be valid UTF-8. Bytes
that are not UTF-8 are read as their declared charset when it decodes them cleanly, else the
encoding is detected with charset-normalizer. A declared charset is checked, not trusted
blindly: a page that says ISO-8859-1 but is valid UTF-8, or says UTF-8 but is not, is read as
what it really is. Every guess or correction comes back as a `Repair` naming the encoding and
the detector's confidence, so the report shows it and `--encoding NAME` can override it. Only
bytes that no text encoding fits (magic numbers, NUL or control bytes, or nothing the detector
finds plausible) are refused as binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsift.document import Repair
from newsift.errors import InputError
from newsift.ingest.alphabets import plausibility

BINARY = "binary file, not text or HTML"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
# Bounded: `<meta[^>]+` rescanned the rest of the head per "<meta" without a charset.
_META_CHARSET = re.compile(
    rb"""<meta[^<>]{1,2048}charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SNIFF_BYTES = 8192
# Control bytes that never appear in text (tab, newlines, form feed and escape may).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


def charset_from_content_type(content_type: str | None) -> str | None:
    """'text/html; charset=ISO-8859-1' -> 'ISO-8859-1'."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names in the first bytes, if any."""
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


# Python codecs that are not character sets: "charset=zlib" or "--encoding rot13" would
# otherwise reach bytes.decode and fail outside UnicodeDecodeError.
_NOT_CHARSETS = frozenset(
    ("idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7")
)


def _codec(name: str) -> str | None:
    """A Python codec for a declared charset name; Latin-1 means Windows-1252 as in browsers."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    codec = info.name
    if not getattr(info, "_is_text_encoding", True) or codec.replace("_", "-") in _NOT_CHARSETS:
        return None  # zlib, base64, rot13 (bytes or str transforms), idna and the like
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def check_not_binary(data: bytes, source_name: str) -> None:
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source_name, f"{BINARY} (looks like {what})")
    if b"\x00" in head:
        raise InputError(source_name, BINARY)
    controls = sum(1 for byte in head if byte in _CONTROL)
    if head and controls / len(head) > 0.05:
        raise InputError(source_name, BINARY)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, and the repair to list when its encoding was guessed or corrected."""

    text: str
    repair: Repair | None = None


# Tie-breaks between encodings that read the bytes equally well, by how common they are on the
# web (Windows-1252 first: it is what "ISO-8859-1" means in practice). A short French text
# fits Windows-1250 as well as Windows-1252, but it is far likelier to be the latter.
_PREFERRED_TEXT = (
    "cp1252 cp1251 shift_jis cp932 gb18030 gbk euc_kr cp949 cp1250 iso8859_2 euc_jp big5 "
    "iso8859_15 cp1256 iso8859_9 cp1254 cp1253 iso8859_7 cp1255 iso8859_8 cp1257 "
    "iso8859_13 koi8_r koi8_u cp874 cp1258 cp866 mac_cyrillic mac_roman iso8859_5 latin_1"
)
_PREFERRED = tuple(codecs.lookup(name).name for name in _PREFERRED_TEXT.split())
_LABELS = {
    "utf-8": "UTF-8",
    "koi8-r": "KOI8-R",
    "koi8-u": "KOI8-U",
    "mac-cyrillic": "Mac Cyrillic",
    "mac-roman": "Mac Roman",
    "shift_jis": "Shift_JIS",
    "big5": "Big5",
    "iso8859-1": "ISO-8859-1",
}
_CLOSE = 0.1  # readings within this much chaos of the best are weighed by their alphabets
_SAMPLE_BYTES = 65536  # what the alphabets are judged on
_SMALL_SAMPLE = 32  # charset-normalizer's own threshold for lowering confidence on tiny inputs


def encoding_label(codec: str) -> str:
    """The usual name of a Python codec: 'cp1251' -> 'Windows-1251', 'iso8859_2' -> 'ISO-8859-2'."""
    name = codecs.lookup(codec).name
    if name in _LABELS:
        return _LABELS[name]
    if m := re.fullmatch(r"cp(125\d|874)", name):
        return f"Windows-{m.group(1)}"
    if m := re.fullmatch(r"iso8859-(\d+)", name):
        return f"ISO-8859-{m.group(1)}"
    return name.upper().replace("_", "-")


def _windows_1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: undecodable bytes read as Windows-1252 (Latin-1 for the five bytes
    it leaves undefined, as browsers do), never U+FFFD."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


_FALLBACK_1252 = "newsift.windows-1252"
codecs.register_error(_FALLBACK_1252, _windows_1252_bytes)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Text and count of bad sequences when `data` is UTF-8 with a few stray bytes (say one
    Windows-1252 "é" pasted into a UTF-8 page), else None.

    Text in a legacy encoding yields almost no valid multibyte sequences by chance, so valid
    ones outnumbering the bad ones at least two to one means UTF-8 with damage, not a
    different encoding that detection would read (and turn every other accent into mojibake).
    """
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    valid = non_ascii - replaced.count("\ufffd")
    if bad <= 0 or valid < 2 * bad:
        return None
    return data.decode("utf-8", errors=_FALLBACK_1252), bad


@dataclass(frozen=True)
class _Guess:
    text: str
    codec: str
    confidence: float
    runner_up: str | None  # another encoding that read the bytes as well, with other text


def _rank(codec: str) -> int:
    return _PREFERRED.index(codec) if codec in _PREFERRED else len(_PREFERRED)


def _detect(data: bytes) -> _Guess | None:
    """charset-normalizer's reading of bytes that are not UTF-8; None when no encoding gives
    plausible text (it measures "chaos": odd symbols, mixed scripts, bad letter case).

    Its close calls are settled by alphabet plausibility (see `alphabets`) and chaos, then
    by how common each encoding is and how well letter frequencies fit a language.
    """
    from charset_normalizer import from_bytes  # imported on demand: most input is UTF-8

    # Declarations are weighed by decode_bytes; here only the bytes count.
    matches = list(from_bytes(data, preemptive_behaviour=False, enable_fallback=False))
    if not matches:
        return None
    close = [m for m in matches if m.chaos <= matches[0].chaos + _CLOSE]
    sample = data[:_SAMPLE_BYTES]
    fit = [
        (-round(plausibility(sample.decode(m.encoding, errors="ignore")), 2), round(m.chaos, 2))
        for m in close
    ]
    # Each match stands for every codec that decodes the sample to the same text. Among equal
    # fits a common web encoding beats a rare one (one "é" is no evidence for Mac Latin-2),
    # then letter frequencies that fit a language (coherence) decide, then commonness.
    options = sorted(
        {
            (fit[i], rank >= len(_PREFERRED), -round(m.coherence, 2), rank, i, codec)
            for i, m in enumerate(close)
            for codec in {codecs.lookup(alias).name for alias in m.could_be_from_charset}
            for rank in (_rank(codec),)
        }
    )
    for key, _, _, _, i, codec in options:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:  # only a sample was checked; the rest may not fit
            continue
        confidence = 1.0 - close[i].chaos  # as charset_normalizer.detect() reports it
        if len(data) < _SMALL_SAMPLE:
            confidence = max(0.0, confidence - 0.2)
        # An equally good reading with other text, named only when common ("CP775 fits as
        # well" would help no one).
        others = [o[5] for o in options if o[0] == key and o[4] != i and not o[1]]
        return _Guess(text, codec, confidence, others[0] if others else None)
    return None


def _declared(content_type: str | None, data: bytes) -> tuple[str, str] | None:
    """(charset as declared, its codec) from the Content-Type, else the document itself."""
    for declared in (charset_from_content_type(content_type), declared_charset(data)):
        codec = _codec(declared) if declared else None
        if declared and codec is not None:
            return declared, codec
    return None


def _forced(data: bytes, encoding: str, source_name: str) -> str:
    codec = _codec(encoding)
    if codec is None:
        raise InputError(source_name, f"unknown encoding '{encoding}'")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            source_name,
            f"not valid {encoding} (invalid byte 0x{bad:02x} at offset {exc.start})",
        ) from None
    return text.lstrip("\ufeff")


def _detected(guess: _Guess, declared: str | None) -> Decoded:
    label = encoding_label(guess.codec)
    if declared is None:
        kind, before, why = "encoding_detected", "UTF-8", "Bytes were not UTF-8"
    else:
        kind, before = "charset_corrected", declared
        why = f"Bytes were declared as {declared} but are not valid {declared}"
    also = f"; {encoding_label(guess.runner_up)} fits as well" if guess.runner_up else ""
    explanation = (
        f"{why}; decoded as {label} (charset-normalizer, confidence {guess.confidence:.2f}"
        f"{also}; pass --encoding NAME to override)"
    )
    return Decoded(guess.text, Repair(kind, before, label, explanation))


def decode_bytes(
    data: bytes,
    *,
    source_name: str,
    content_type: str | None = None,
    encoding: str | None = None,
) -> Decoded:
    """Text of `data`: a forced `encoding`, else a BOM, else UTF-8, else the declared charset
    when it fits, else a detected encoding; binary data is an InputError."""
    if encoding:
        return Decoded(_forced(data, encoding, source_name))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A BOM is explicit: undecodable bytes after it are damage, not a wrong guess.
            return Decoded(data[len(bom) :].decode(codec, errors="replace"))
    check_not_binary(data, source_name)
    declared = _declared(content_type, data)
    declared_name = declared[0] if declared else None
    declares_utf8 = declared is not None and declared[1] == "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared is None or declares_utf8 or text.isascii():
            return Decoded(text)
        # Multibyte sequences that are all valid UTF-8 do not happen by chance in a legacy
        # encoding: the declaration is wrong (a UTF-8 page served as ISO-8859-1).
        explanation = (
            f"Bytes were declared as {declared_name} but are valid UTF-8; decoded as UTF-8"
        )
        return Decoded(text, Repair("charset_corrected", declared_name or "", "UTF-8", explanation))
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        explanation = (
            f"Bytes were UTF-8 except {bad} invalid sequence{'s' if bad > 1 else ''}, "
            "read as Windows-1252"
        )
        if declared is not None and not declares_utf8:
            explanation += f" (declared as {declared_name})"
        return Decoded(text, Repair("mixed_encoding", "UTF-8", "UTF-8 + Windows-1252", explanation))
    if declared is not None and not declares_utf8:
        try:
            return Decoded(data.decode(declared[1]))  # a declaration that fits is believed
        except UnicodeDecodeError:
            pass
    guess = _detect(data)
    if guess is not None:
        return _detected(guess, declared_name)
    if declared is not None:
        # Declared text that no encoding reads cleanly: damaged, but still the declared text.
        return Decoded(data.decode(declared[1], errors="replace"))
    raise InputError(
        source_name, f"{BINARY} (no text encoding fits; pass --encoding NAME if it is)"
    )
