"""Render a `newsift corpus report` page to a PNG with headless Chromium (for docs and review).

    python tools/corpus_report_screenshot.py report.html report.png [--width 1280] [--height H]

Without --height the page's full height is found first: Chromium's --screenshot takes the
window only, so the page is shot once in a very tall window and the height is where its content
ends (the last row that is not background). By hand, the same as

    chromium --headless --no-sandbox --hide-scrollbars --screenshot=OUT \\
        --window-size=1280,H file:///abs/path/report.html
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--force-device-scale-factor=1",
)
PROBE_HEIGHT = 12_000  # tall enough for any report; the probe is cropped to the content


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("corpus_report_screenshot: no chromium on PATH (apt-get install chromium)")


def screenshot(page: Path, out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium(),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={out.resolve()}",
            f"--window-size={width},{height}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
    if not out.is_file():
        sys.exit(f"corpus_report_screenshot: chromium wrote no {out}")


def content_height(png: Path) -> int:
    """The last row of `png` that differs from its bottom row (the page background), plus a
    margin."""
    import matplotlib.image as mpimg
    import numpy as np

    pixels = mpimg.imread(png)[..., :3]
    background = pixels[-1, 0]
    differs = np.any(np.abs(pixels - background) > 0.01, axis=(1, 2))
    rows = np.nonzero(differs)[0]
    return int(rows[-1]) + 24 if rows.size else pixels.shape[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path, help="the report's HTML file")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, help="window height (default: the page's)")
    args = parser.parse_args()
    if not args.page.is_file():
        sys.exit(f"corpus_report_screenshot: {args.page}: no such file")
    height = args.height
    if height is None:
        screenshot(args.page, args.out, args.width, PROBE_HEIGHT)
        height = min(content_height(args.out), PROBE_HEIGHT)
    screenshot(args.page, args.out, args.width, height)
    print(f"wrote {args.out} ({args.width} x {height})")


if __name__ == "__main__":
    main()
