"""An Analyzer with one extra detector that spins on a marker, for tests/test_api_hostile.py.

It lives in its own module because spawned analysis processes import the factory by name.
The slowness is in pure Python on purpose: like a pathological regex or parser, nothing in the
process can interrupt it, so only killing the process stops it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from newsift.analyzer import Analyzer
from newsift.detectors.base import BaseDetector
from newsift.document import Document
from newsift.findings import Finding

MARKER = "HOSTILE-PAGE-MARKER"
SPIN_S = 60.0  # far past any test's time limit; bounded so a stray process still ends
_SLOW = re.compile(r"SLOW-PAGE-(\d+(?:\.\d+)?)-S")  # a page that takes that many seconds


def slow_page(seconds: float) -> str:
    return f"A page that takes a while. SLOW-PAGE-{seconds:g}-S"


class SpinningDetector(BaseDetector):
    name = "spinning"
    category = "test"
    languages = None

    def detect(self, doc: Document) -> list[Finding]:
        slow = _SLOW.search(doc.text)
        seconds = SPIN_S if MARKER in doc.text else float(slow.group(1)) if slow else 0.0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass
        return []


def hostile_analyzer(detectors: Sequence[str] | None) -> Analyzer:
    analyzer = Analyzer(list(detectors) if detectors else None)
    analyzer.detectors.append(SpinningDetector())
    return analyzer
