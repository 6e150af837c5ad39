"""Which language an article is written in: py3langid with its bundled model, fully offline.

The answer decides which detectors run (most were trained on English text only), so it errs
towards "not identified" rather than a confident guess on too little text:

- The identifier reads the title and the start of the body, at most `SAMPLE_CHARS` characters:
  a language shows within a few paragraphs, and a 10 MB input costs no more than a short one.
- Fewer than `MIN_LETTERS` letters (a headline fragment, numbers, a URL) cannot be judged:
  the code is None. So is a best guess under `MIN_CONFIDENCE`, or a label the model uses for
  "no language" ("zxx"). With no language, the Analyzer runs every detector, as it did before
  languages were identified: nothing says the text is not English, and nothing is withheld.
  The report shows `language: null`, so a reader knows the English models' verdicts rest on
  an unchecked assumption.
- Codes are ISO 639-1 ("en", "ru"). The model also knows languages that have none (e.g.
  "pcm", Nigerian Pidgin); their ISO 639-3 code is reported as is.

py3langid's `norm_probs=True` applies a softmax with temperature sqrt(bytes), which keeps the
top probability comparable across lengths: a three-sentence English article scores ~0.99, a
two-word phrase ~0.1. That probability, rounded, is `confidence`. The result depends only on
the text, so the same text always gets the same answer.

The model loads once per process, on the first call. Unpacking it from py3langid's LZMA file
takes about 0.5 s, which would double the cold start of `newsift analyze`; so the unpacked
arrays (68 MB) are kept in a cache directory ($NEWSIFT_CACHE, else the platform's user cache
directory) and memory-mapped from there: about 0.1 s, and only the model rows the text uses
are read. Any trouble with the cache (read-only disk, a damaged file) falls back to py3langid's
own loader; a damaged cache is removed, to be unpacked again next time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 5000
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
_NO_LANGUAGE = frozenset({"zxx", "und"})

# English names of the languages a reader is likely to meet; others are shown by code.
NAMES: dict[str, str] = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bs": "Bosnian", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "mt": "Maltese", "nl": "Dutch",
    "nn": "Norwegian Nynorsk", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip


def name_of(code: str | None) -> str:
    """The language's English name, or its code when the table has none."""
    if code is None:
        return "an unidentified language"
    return NAMES.get(code, code)


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None  # ISO 639-1 (or 639-3 where no 639-1 code exists); None: not identified
    confidence: float | None  # the model's probability for `code`, 0-1; None: too little text


_identifier: Any = None
_lock = threading.Lock()  # the API's threads may ask at once; load the model a single time


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _cache_dir() -> Path:
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    override = os.environ.get("NEWSIFT_CACHE")
    if override:
        base = Path(override).expanduser()
    else:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("newsift", appauthor=False))
    size = (MODEL_DIR / MODEL_FILE).stat().st_size  # a new model file gets a new cache
    return base / f"py3langid-{version('py3langid')}-{size}"


def _unpack_to(folder: Path) -> None:
    """Write the model's arrays as .npy files into `folder`, atomically (rename at the end)."""
    import lzma

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from newsift.inference.store import load_arrays, save_array

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".unpack-"))
    try:
        with tempfile.TemporaryFile() as npz:
            with lzma.open(MODEL_DIR / MODEL_FILE) as src:
                shutil.copyfileobj(src, npz, length=1 << 20)
            npz.seek(0)
            data = load_arrays(npz)
            for name in _ARRAYS:
                save_array(work / f"{name}.npy", data[name])
        with contextlib.suppress(OSError):  # OSError: another process got there first
            work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _from_cache() -> Any:
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    from newsift.inference.store import load_array

    folder = _cache_dir()
    if not folder.is_dir():
        _unpack_to(folder)
    try:
        a = {n: load_array(folder / f"{n}.npy", mmap=True) for n in _ARRAYS}
        # As py3langid's own `from_model_file` builds it, from the same arrays.
        return LanguageIdentifier(
            a["ptc"],
            np.asarray(a["pc"]),
            a["classes"].tolist(),
            _to_array(a["nextmove"]),
            a["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(a["nextmove_row"]),
        )
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)  # damaged: unpack it afresh next time
        raise


def _get_identifier() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                try:
                    _identifier = _from_cache()
                except Exception:  # a cache is an optimisation: never a reason to fail
                    from py3langid.langid import MODEL_FILE, LanguageIdentifier

                    _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def sample(text: str, title: str | None = None) -> str:
    """What the identifier reads: the title, then the start of the body, capped."""
    head = f"{title}\n{text}" if title else text
    return head[:SAMPLE_CHARS]


def identify(text: str, title: str | None = None) -> LanguageGuess:
    """The language of `text` (and `title`), or code None when it cannot be told."""
    piece = sample(text, title)
    if sum(c.isalpha() for c in piece) < MIN_LETTERS:
        return LanguageGuess(None, None)
    code, probability = _get_identifier().classify(piece)
    confidence = round(float(probability), 3)
    if code in _NO_LANGUAGE or confidence < MIN_CONFIDENCE:
        return LanguageGuess(None, confidence)
    return LanguageGuess(code, confidence)
