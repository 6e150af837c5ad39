"""The report's charts, drawn with matplotlib's object-oriented API (no pyplot, no GUI backend)
and returned as inline SVG strings.

Text stays text in the SVG (sharp at any zoom, searchable); matplotlib escapes it for XML, and
mathtext is off, so an outlet named `$x$` or `<script>` prints as it is. Output is byte-for-byte
the same for the same corpus: fixed hash salt, no date in the metadata. matplotlib is imported
only when a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsift.corpus.report.figures import SCORE_BIN
from newsift.corpus.report.techniques import TechniqueMatrix
from newsift.corpus.report.timeline import Timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# The web page's palette (src/newsift/web/style.css).
INK, MUTED, LINE, ACCENT = "#1c2430", "#5d6878", "#dde1e7", "#1f4e79"
BAND_COLOURS = {"reliable": "#2e7d32", "mixed": "#b26a00", "unreliable": "#c62828"}
STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "newsift-corpus-report",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.edgecolor": LINE,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
LABEL_CHARS = 32  # longest outlet or technique name on an axis
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def label(text: str, limit: int = LABEL_CHARS) -> str:
    """A corpus string fit for an axis: one line, no control characters, at most `limit`.

    A long one loses its middle, not its end: outlets often differ only there ("... Number 7",
    "news.example.co.uk" and "news.example.com")."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return text[:head].rstrip() + "…" + text[-tail:].lstrip()


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Figure, title: str, upscale: float = 1.25) -> str:
    """The figure as an inline <svg> element that fills its container's width, up to `upscale`
    times its natural size (so a small chart in a wide card does not turn into a poster)."""
    buffer = io.StringIO()
    fig.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: not valid inside HTML
    root_end = svg.index(">")
    root = svg[:root_end]
    width_pt = float(re.search(r'width="([\d.]+)pt"', root).group(1))  # type: ignore[union-attr]
    root = re.sub(r'\s(width|height)="[^"]*"', "", root)
    escaped = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    max_px = width_pt * 4 / 3 * upscale  # 1 pt = 4/3 CSS px
    return (
        f'{root} class="chart" role="img" aria-label="{escaped}" '
        f'style="max-width: {max_px:.0f}px"{svg[root_end:]}'
    )


def band_ranges() -> dict[str, tuple[float, float]]:
    """Each band's scores, from the scorer's own limits (imported late: newsift.scoring pulls in
    the document model, which a report does not otherwise need)."""
    from newsift.scoring.points import RELIABLE_AT, UNRELIABLE_BELOW

    return {
        "unreliable": (0.0, UNRELIABLE_BELOW),
        "mixed": (UNRELIABLE_BELOW, RELIABLE_AT),
        "reliable": (RELIABLE_AT, 100.0),
    }


def _band_shading(ax: Axes, vertical: bool) -> None:
    for band, (low, high) in band_ranges().items():
        span = ax.axvspan if vertical else ax.axhspan
        span(low, high, color=BAND_COLOURS[band], alpha=0.09, lw=0, zorder=0)


def score_histogram(bins: Sequence[int], mean: float | None) -> str:
    """Articles per bin of SCORE_BIN points (`bins[0]` from 0), the three bands shaded, the
    mean marked."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(STYLE):
        fig = _figure(6.4, 3.6)
        ax = fig.add_subplot()
        _band_shading(ax, vertical=True)
        starts = [SCORE_BIN * i for i in range(len(bins))]
        ax.bar(
            starts,
            bins,
            width=SCORE_BIN,
            align="edge",
            color=ACCENT,
            edgecolor="white",
            linewidth=0.8,
            zorder=2,
        )
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 10))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        top = ax.get_ylim()[1] * 1.12  # room for the band names
        ax.set_ylim(0, top)
        for band, (low, high) in band_ranges().items():
            ax.text(
                (low + high) / 2,
                top * 0.97,
                _band_label(band),
                ha="center",
                va="top",
                color=BAND_COLOURS[band],
                fontsize=9,
                fontweight="bold",
            )
        if mean is not None:
            # Up to the band names, not through them.
            ax.axvline(mean, ymax=0.88, color=INK, linestyle="--", linewidth=1.2, zorder=3)
            ax.text(mean + 1, top * 0.84, f"mean {mean:.1f}", color=INK, fontsize=9, zorder=3)
        ax.set_title(f"Score distribution ({sum(bins):,} articles)")
        ax.set_xlabel(f"Reliability score (points, 0–100; bars of {SCORE_BIN} points)")
        ax.set_ylabel("Articles")
        ax.grid(axis="y", color=LINE, linewidth=0.6, zorder=1)
        ax.set_axisbelow(True)
        return _svg(fig, "Histogram of reliability scores")


def _band_label(band: str) -> str:
    from newsift.scoring.points import RELIABLE_AT, UNRELIABLE_BELOW

    if band == "unreliable":
        return f"unreliable  < {UNRELIABLE_BELOW:g}"
    if band == "reliable":
        return f"reliable  ≥ {RELIABLE_AT:g}"
    return "mixed"


STEP_BAR_DAYS = {"day": 0.8, "week": 5.5, "month": 24.0, "year": 300.0}
MIN_SPAN_DAYS = 6  # the narrowest date axis


def score_timeline(timeline: Timeline) -> str:
    """Mean score per period (line, left axis) over the articles per period (bars, right)."""
    import matplotlib
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(STYLE):
        fig = _figure(6.4, 3.6)
        ax = fig.add_subplot()
        bars = ax.twinx()
        ax.set_zorder(bars.get_zorder() + 1)  # the line above the bars
        ax.patch.set_visible(False)
        days = [p.start for p in timeline.points]
        bars.bar(
            days,
            [p.articles for p in timeline.points],
            width=STEP_BAR_DAYS[timeline.step],
            align="edge",
            color=LINE,
            zorder=1,
        )
        bars.set_ylabel(f"Articles per {timeline.step} (bars)", color=MUTED)
        bars.spines["right"].set_visible(True)
        bars.yaxis.set_major_locator(MaxNLocator(integer=True))
        bars.set_ylim(0, max(p.articles for p in timeline.points) * 1.15)
        _band_shading(ax, vertical=False)
        ax.plot(
            days,
            [p.mean_score for p in timeline.points],
            color=ACCENT,
            linewidth=1.8,
            marker="o",
            markersize=3.5 if len(days) < 60 else 0,
            zorder=3,
        )
        ax.set_ylim(0, 100)
        ax.set_ylabel("Mean score (points, 0–100)")
        if (days[-1] - days[0]).days < MIN_SPAN_DAYS:
            # A corpus of one or two days: widen the axis, or the date locator finds no interval.
            bar = dt.timedelta(days=STEP_BAR_DAYS[timeline.step])
            middle = days[0] + (days[-1] - days[0] + bar) / 2
            half = dt.timedelta(days=MIN_SPAN_DAYS / 2)
            ax.set_xlim(middle - half, middle + half)
        locator = AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        # The year under the axis, not "2024-May".
        offsets = ["", "%Y", "%Y", "%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M"]
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, offset_formats=offsets))
        ax.set_xlabel("Date of publication")
        ax.set_title(f"Mean score per {timeline.step}")
        ax.grid(axis="y", color=LINE, linewidth=0.6)
        return _svg(fig, f"Mean reliability score per {timeline.step}")


def technique_heatmap(matrix: TechniqueMatrix) -> str:
    """Outlets (rows) x techniques (columns), each cell the technique's findings per 1,000
    words of that outlet's articles."""
    import matplotlib
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    rows, cols = len(matrix.outlets), len(matrix.techniques)
    with matplotlib.rc_context(STYLE):
        fig = _figure(11.0, 2.6 + 0.3 * rows)
        ax = fig.add_subplot()
        values = np.array(matrix.rates, dtype=float)
        colours = LinearSegmentedColormap.from_list(
            "propaganda", ["#ffffff", "#f3c9a0", BAND_COLOURS["mixed"], BAND_COLOURS["unreliable"]]
        )
        peak = float(values.max()) or 1.0
        # Vector cells (pcolormesh), not a raster image (imshow): sharp at any zoom.
        mesh = ax.pcolormesh(
            values, cmap=colours, vmin=0, vmax=peak, edgecolors="white", linewidth=1.5
        )
        names = [label(t, 30) for t in matrix.techniques]
        if cols > 6:  # slanted names only when they would not fit side by side
            ax.set_xticks(
                np.arange(cols) + 0.5, names, rotation=35, ha="right", rotation_mode="anchor"
            )
        else:
            ax.set_xticks(np.arange(cols) + 0.5, names)
        ax.set_yticks(np.arange(rows) + 0.5, [label(o) for o in matrix.outlets])
        ax.invert_yaxis()  # the outlet with the most articles on top
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if rows * cols <= 400:  # the value in each cell while it fits
            for i in range(rows):
                for j in range(cols):
                    if matrix.counts[i][j]:
                        dark = values[i, j] > 0.55 * peak
                        ax.text(
                            j + 0.5,
                            i + 0.5,
                            _cell(values[i, j]),
                            ha="center",
                            va="center",
                            fontsize=9,
                            color="white" if dark else INK,
                        )
        bar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
        bar.solids.set_rasterized(False)  # a vector colour scale too,
        bar.solids.set_edgecolor("face")  # without hairlines between its steps
        bar.set_label("Findings per 1,000 words")
        bar.outline.set_visible(False)
        ax.set_title("Propaganda techniques by outlet (findings per 1,000 words, own voice)")
        ax.set_xlabel("Technique")
        ax.set_ylabel("Outlet (most articles first)")
        return _svg(fig, "Heat map of propaganda techniques per 1,000 words, by outlet")


def _cell(rate: float) -> str:
    return f"{rate:.2f}" if rate < 1 else f"{rate:.1f}"
