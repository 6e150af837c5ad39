"""Text that is safe to encode and to show: no lone surrogates, no terminal control characters.

Input can hold code points that break output rather than analysis: a lone UTF-16 surrogate
("\\ud800" in a JSON string) cannot be encoded as UTF-8, and an ESC, BEL or C1 control (CSI
"\\x9b") printed raw lets an article clear the screen or retitle the terminal window. Every
mapping here is one code point for one code point, so offsets into a text stay valid.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab and newline, DEL, C1 controls, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f]")  # json.dumps already escapes C0 controls


def scrub_surrogates(text: str) -> str:
    """`text` with each surrogate pair joined and each lone surrogate replaced by U+FFFD."""
    if _SURROGATE.search(text) is None:
        return text
    # UTF-16 round trip: a high+low pair becomes its character, anything else U+FFFD.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ESC shows as ␛, BEL as ␇
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT  # C1 controls and surrogates have no picture


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as a visible sign instead of obeyed.

    Newlines and tabs are kept for layout unless `one_line` (an error line must stay one line).
    """
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_visible, text) if pattern.search(text) else text


def json_terminal_safe(text: str) -> str:
    """JSON text with DEL and C1 controls written as \\u escapes: the same data, inert on a
    terminal. (They can only occur inside JSON strings, where the escape means the same.)"""
    text = scrub_surrogates(text)
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
