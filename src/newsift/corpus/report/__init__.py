"""`newsift corpus report` and `summary`: what a corpus holds, as one HTML page or a terminal
summary.

`open_corpus` opens a DuckDB file or a Parquet directory as four views; `collect` gathers the
figures (`figures`, `techniques`, `timeline`, `lowest`); `page` renders them with `charts`
(matplotlib, imported only when a chart is drawn); `terminal` prints the summary.
"""

from __future__ import annotations

from newsift.corpus.report.collect import CorpusFigures, collect, key_figures
from newsift.corpus.report.open import open_corpus
from newsift.corpus.report.page import render_page, write_page

__all__ = ["CorpusFigures", "collect", "key_figures", "open_corpus", "render_page", "write_page"]
