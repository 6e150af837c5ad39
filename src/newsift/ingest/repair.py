"""Encoding repair: undo mojibake and record every change so the report can show it.

Two passes, line by line: ftfy (UTF-8 read as a Western code page, HTML entities, control
characters), then Cyrillic code-page confusions, which ftfy does not attempt (see cyrillic.py).
Typography (curly quotes, full-width letters) is left alone: it is not damage.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from newsift.document import Repair
from newsift.ingest.cyrillic import CODEPAGE_NAMES, find_codepage_repairs

# ftfy's own names for encodings, in the words a reader knows.
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8",
    "sloppy-windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "latin-1": "Latin-1",
    "iso-8859-2": "ISO-8859-2",
    "macroman": "Mac Roman",
    "cp437": "DOS (CP437)",
    **CODEPAGE_NAMES,
}

_STEP_EXPLANATIONS = {
    "unescape_html": "HTML character references decoded",
    "remove_terminal_escapes": "terminal colour codes removed",
    "fix_latin_ligatures": "ligature characters split into letters",
    "fix_surrogates": "broken UTF-16 surrogate pairs joined",
    "remove_control_chars": "invisible control characters removed",
    "decode_inconsistent_utf8": "UTF-8 text that was decoded as Windows-1252",
    "fix_c1_controls": "UTF-8 text that was decoded as Windows-1252",
}


def _ftfy_config():  # imported lazily: ftfy costs ~0.1 s to import and most text is clean
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        uncurl_quotes=False,  # curly quotes are typography, not damage
        fix_character_width=False,  # full-width letters are legitimate in CJK text
        fix_line_breaks=False,  # line endings are normalised before repair, silently
        normalization=None,  # NFC is applied before repair, silently
        explain=True,
    )


def _explain(plan: list[tuple[str, str]]) -> str:
    encoded = [name for step, name in plan if step == "encode"]
    decoded = [name for step, name in plan if step == "decode"]
    parts = []
    if encoded and decoded:
        written = _ENCODING_NAMES.get(decoded[-1], decoded[-1])
        read = _ENCODING_NAMES.get(encoded[0], encoded[0])
        parts.append(f"{written} text that was decoded as {read}")
    for step, name in plan:
        known = step in ("apply", "transcode") and name in _STEP_EXPLANATIONS
        if known and _STEP_EXPLANATIONS[name] not in parts:
            parts.append(_STEP_EXPLANATIONS[name])
    return "; ".join(parts) or "text damaged in transmission repaired"


_MAX_DIFF_CHARS = 5000  # difflib is quadratic: a longer changed stretch is reported whole


def _differences(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Spans (i1, i2, j1, j2) that differ, found by difflib inside the common prefix/suffix."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
    ):
        suffix += 1
    old, new = before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]
    if max(len(old), len(new)) > _MAX_DIFF_CHARS:
        return [(prefix, prefix + len(old), prefix, prefix + len(new))]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (prefix + i1, prefix + i2, prefix + j1, prefix + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _changed_regions(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Token-aligned regions (i1, i2, j1, j2) where `before` and `after` differ, merged."""
    regions: list[list[int]] = []
    for i1, i2, j1, j2 in _differences(before, after):
        # Widen through unchanged characters to whole words, so "cafÃ©" -> "café" reads well.
        while (
            i1 > 0 and j1 > 0 and not before[i1 - 1].isspace() and before[i1 - 1] == after[j1 - 1]
        ):
            i1, j1 = i1 - 1, j1 - 1
        while (
            i2 < len(before)
            and j2 < len(after)
            and not before[i2].isspace()
            and before[i2] == after[j2]
        ):
            i2, j2 = i2 + 1, j2 + 1
        if regions and i1 <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], i2)
            regions[-1][3] = max(regions[-1][3], j2)
        else:
            regions.append([i1, i2, j1, j2])
    return [(a, b, c, d) for a, b, c, d in regions]


def _ftfy_line(line: str) -> tuple[str, list[Repair]]:
    """ftfy over one line; repairs carry offsets into the fixed line."""
    import ftfy

    fixed = ftfy.fix_and_explain(line, config=_ftfy_config())
    if fixed.text == line:
        return line, []
    explanation = _explain(list(fixed.explanation or []))
    repairs = [
        Repair("ftfy", line[i1:i2], fixed.text[j1:j2], explanation, j1, j2)
        for i1, i2, j1, j2 in _changed_regions(line, fixed.text)
    ]
    return fixed.text, repairs


def _codepage_line(line: str) -> tuple[str, list[Repair]]:
    """Cyrillic code-page repairs over one line; the text keeps its length (1:1 characters)."""
    found = find_codepage_repairs(line)
    if not found:
        return line, []
    pieces = []
    cursor = 0
    for r in found:
        pieces.append(line[cursor : r.start])
        pieces.append(r.after)
        cursor = r.end
    pieces.append(line[cursor:])
    repairs = [
        Repair("cyrillic_codepage", r.before, r.after, r.explanation, r.start, r.end) for r in found
    ]
    return "".join(pieces), repairs


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _could_be_damaged(line: str) -> bool:
    """Pure ASCII without '&' or control characters has nothing for either pass to do."""
    return not line.isascii() or "&" in line or _CONTROL.search(line) is not None


# Typography that ftfy cannot take for mojibake: each of these encodes, in every code page ftfy
# tries, either not at all or to a UTF-8 lead byte (0xC2-0xF4, macroman) or continuation byte
# (0x80-0xBF, the Windows code pages), never to both, so with ASCII around them no re-decoding
# is possible, and no other ftfy step touches them.
_TYPOGRAPHY = str.maketrans("", "", "“”‘’–—…")


def _ftfy_could_change(line: str) -> bool:
    """False for lines ftfy leaves alone for sure: most lines of English news with curly quotes,
    which otherwise made ftfy the costliest step of reading an article."""
    return not line.translate(_TYPOGRAPHY).isascii() or "&" in line or bool(_CONTROL.search(line))


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Repair encoding damage in `text`; repairs carry offsets of `after` in the returned text.

    Line breaks are normalised to "\\n" and the text to NFC first; neither is reported.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    repairs: list[Repair] = []
    offset = 0
    for line in text.split("\n"):
        if _could_be_damaged(line):
            line, ftfy_repairs = _ftfy_line(line) if _ftfy_could_change(line) else (line, [])
            line, cyrillic_repairs = _codepage_line(line)
            # Code-page repairs keep lengths, so ftfy offsets stay valid; report in text order.
            for r in sorted(ftfy_repairs + cyrillic_repairs, key=lambda r: r.start or 0):
                start, end = r.start or 0, r.end or 0
                final = line[start:end]  # as it reads after both passes
                repairs.append(
                    Repair(r.kind, r.before, final, r.explanation, start + offset, end + offset)
                )
        out.append(line)
        offset += len(line) + 1
    return "\n".join(out), repairs
