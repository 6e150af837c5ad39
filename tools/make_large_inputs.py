"""Write large and hostile inputs for measuring time and memory (BENCHMARKS.md, issue 9).

    python tools/make_large_inputs.py /tmp/newsift-large
    cd /tmp/newsift-large
    /usr/bin/time -f "%e s, %M KB" newsift analyze text-10mb.txt --format json >/dev/null

Articles are the two examples repeated; the hostile pages are the shapes that were super-linear.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MB = 2**20


def _fill(unit: str, size: int) -> str:
    """`unit` repeated to just under `size` bytes of UTF-8."""
    count = max(1, size // len(unit.encode("utf-8")))
    return unit * count


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    article = (EXAMPLES / "partisan.txt").read_text() + "\n\n" + (EXAMPLES / "wire.txt").read_text()
    for mb in (1, 5, 10):
        (out / f"text-{mb}mb.txt").write_text(_fill(article + "\n\n", int(mb * MB * 0.99)))
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article.split("\n\n") if p.strip())
    head = "<html><head><title>Big page</title></head><body><article>"
    tail = "</article></body></html>"
    body = _fill(paragraphs, int(9.9 * MB) - len(head) - len(tail))
    (out / "page-10mb.html").write_text(head + body + tail)
    children = "".join(f"<b>w{i % 100}</b> " for i in range(600_000))
    (out / "children-6mb.html").write_text(f"<html><body><p>{children}</p></body></html>")
    attributes = " ".join(f'a{j}="{j}"' for j in range(20))
    spans = "".join(f"<span {attributes}>w{i} </span>" for i in range(49_000))
    (out / "attributes-8mb.html").write_text(f"<html><body>{spans}</body></html>")
    (out / "exclamations.txt").write_text("!" * 100_000)
    for path in sorted(out.iterdir()):
        print(f"{path}  {path.stat().st_size / MB:.1f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "newsift-large"))
