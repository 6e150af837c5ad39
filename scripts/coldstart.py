"""Cold start of `newsift analyze` on one article: wall time of fresh processes.

Usage: python scripts/coldstart.py [ARTICLE] [--runs N]
Prints min / median / max seconds over N runs (one warm-up run first, so the OS file cache is
warm as it is for a user who has run the tool before, but every run is a new Python process).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default="examples/partisan.txt")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    exe = shutil.which("newsift", path=str(Path(sys.executable).parent)) or shutil.which("newsift")
    if exe is None:
        sys.exit("coldstart: the newsift command is not installed in this environment")
    command = [exe, "analyze", args.article, "--format", "json"]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    print(
        f"cold start over {args.runs} runs of `newsift analyze {args.article} --format json`: "
        f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()
