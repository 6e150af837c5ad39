"""Pathological inputs must scale linearly: an input 4 times larger takes at most LIMIT (8)
times as long, where quadratic code takes 16 times; the wide margin keeps a loaded machine's
noise (a doubling measured 2.52x on 2 busy cores) from failing linear code.

Sizes are chosen so each run takes a fraction of a second; the minimum of three repeats fights
noise on shared machines. No absolute time is asserted.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from newsift.ingest.html import from_html
from newsift.text.reported_speech import inside, quoted_regions
from newsift.text.segment import split_sentences


def _best(f: Callable[[], object], repeats: int = 3) -> float:
    """The fastest of `repeats` runs, with the cyclic garbage collector off: its passes grow
    with everything alive in the test session (models, other tests' objects), which would make
    linear code look super-linear in a full run."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            f()
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best


GROWTH, LIMIT = 4, 8.0


def _ratio(make: Callable[[int], Callable[[], object]], n: int) -> float:
    small, large = make(n), make(GROWTH * n)
    return _best(large) / max(_best(small), 1e-3)


def _sentences(shape: str) -> Callable[[int], Callable[[], object]]:
    return lambda n: lambda: split_sentences(shape * n)


@pytest.mark.parametrize(
    ("shape", "n"),
    [
        ("!", 10_000),  # a run of marks with no space after: was O(N²) in the boundary regex
        ("! ", 100_000),
        ("a" * 10, 100_000),  # one huge word, no sentence end
        ("a.", 200_000),
        ("By John Smith\n", 40_000),
    ],
)
def test_segmentation_is_linear(shape: str, n: int) -> None:
    assert _ratio(_sentences(shape), n) <= LIMIT


def test_quote_lookup_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        text = '"He said" and more. ' * n

        def run() -> int:
            regions = quoted_regions(text)
            return sum(inside(regions, s, s + 2) for s in range(0, len(text), 20))

        return run

    assert _ratio(make, 20_000) <= LIMIT


def test_highlighting_is_linear_in_the_findings() -> None:
    from newsift.findings import Finding
    from newsift.render.segments import highlight_segments

    def make(n: int) -> Callable[[], object]:
        text = "They are thugs. " * n  # a span and its sentence every 16 characters
        findings = [
            Finding("d", "propaganda", "Name_Calling", "x", 0.5, 16 * i + 9, 16 * i + 14)
            for i in range(n)
        ] + [
            Finding("d", "claims", "c", "x", 0.5, 16 * i, 16 * i + 15, "sentence") for i in range(n)
        ]
        return lambda: highlight_segments(text, findings)

    # Testing every finding against every piece took 5 s for a 1 MB article, ~4.5x per doubling.
    assert _ratio(make, 20_000) <= LIMIT


def test_an_element_with_many_children_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        words = "".join(f"<b>w{i % 100}</b> " for i in range(n))
        return lambda: from_html(f"<html><body><p>{words}</p><p>The council met.</p></body></html>")

    make(10)()
    # 400,000 <b> in one <p> took 63 s in trafilatura, ~4.9x per doubling.
    assert _ratio(make, 60_000) <= LIMIT


def test_attribute_stuffed_html_is_linear() -> None:
    def make(n: int) -> Callable[[], object]:
        attrs = " ".join(f'a{i}="x"' for i in range(n))
        html = f"<html><body><div {attrs}><p>The council met on Monday.</p></div></body></html>"
        return lambda: from_html(html)

    make(10)()  # trafilatura's import and first-call set-up are not part of the scaling
    # 80,000 attributes in one element took 33 s, ~4x per doubling, inside lxml and jusText.
    assert _ratio(make, 150_000) <= LIMIT
