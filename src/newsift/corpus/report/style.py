"""The report's stylesheet: the web page's palette and type (src/newsift/web/style.css), inlined
so the file needs nothing else."""

from __future__ import annotations

CSS = """
:root { --bg: #f4f5f7; --card: #ffffff; --ink: #1c2430; --muted: #5d6878; --line: #dde1e7;
  --accent: #1f4e79; --accent-ink: #ffffff; --good: #2e7d32; --mixed: #b26a00; --bad: #c62828;
  --radius: 10px; --shadow: 0 1px 2px rgba(16, 24, 40, 0.06), 0 1px 3px rgba(16, 24, 40, 0.08);
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial,
    sans-serif; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { background: var(--bg); color: var(--ink); font: 15px/1.5 var(--sans); }
h2 { margin: 0 0 0.6rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--muted); }
.muted { color: var(--muted); }
.small { font-size: 0.82rem; }
.tiny { font-size: 0.75rem; color: var(--muted); }
.topbar { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  padding: 0.7rem 1.5rem; background: var(--accent); color: var(--accent-ink); }
.brand { display: flex; align-items: baseline; gap: 0.6rem; }
.brand .logo { font-size: 1.3rem; }
.brand .name { font-weight: 700; font-size: 1.25rem; }
.brand .tagline { opacity: 0.85; }
.topbar-right { display: flex; gap: 1rem; font-size: 0.85rem; opacity: 0.9;
  overflow-wrap: anywhere; text-align: right; }
main { max-width: 1280px; margin: 1.2rem auto; padding: 0 1.2rem; display: flex;
  flex-direction: column; gap: 1.1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
  box-shadow: var(--shadow); padding: 1rem 1.1rem; min-width: 0; }
.tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: 0.8rem; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
  box-shadow: var(--shadow); padding: 0.7rem 0.9rem; border-top: 4px solid var(--accent); }
.tile.wide { grid-column: span 3; }
.tile-label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--muted); }
.tile-value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums;
  line-height: 1.25; }
.tile.wide .tile-value { font-size: 1.25rem; }
.tile-note { font-size: 0.8rem; color: var(--muted); overflow-wrap: anywhere; }
.band-reliable { border-top-color: var(--good); } .band-reliable .tile-value { color: var(--good); }
.band-mixed { border-top-color: var(--mixed); } .band-mixed .tile-value { color: var(--mixed); }
.band-unreliable { border-top-color: var(--bad); }
.band-unreliable .tile-value { color: var(--bad); }
.bandbar { display: flex; height: 12px; border-radius: 6px; overflow: hidden;
  background: var(--line); min-width: 90px; }
.seg.reliable { background: var(--good); } .seg.mixed { background: var(--mixed); }
.seg.unreliable { background: var(--bad); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.1rem; }
svg.chart { display: block; width: 100%; height: auto; }
.note { color: var(--muted); font-style: italic; margin: 0.4rem 0; }
.caption { color: var(--muted); font-size: 0.8rem; margin: 0.4rem 0 0; }
table { width: 100%; border-collapse: collapse; font-size: 0.88rem; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 0.78rem;
  border-bottom: 2px solid var(--line); padding: 0.35rem 0.5rem; }
td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.5rem; vertical-align: top;
  overflow-wrap: anywhere; }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { font-weight: 600; }
td.when { white-space: nowrap; }
.outlets td:nth-child(4) { width: 15%; }
.chip { display: inline-block; min-width: 3.2em; text-align: center; border-radius: 999px;
  padding: 0 0.45rem; color: #fff; font-weight: 700; background: var(--muted); }
.chip.reliable { background: var(--good); } .chip.mixed { background: var(--mixed); }
.chip.unreliable { background: var(--bad); }
.lowest td.title { width: 34%; }
a { color: var(--accent); }
ul.contribs { margin: 0; padding: 0; list-style: none; }
ul.contribs li { margin-bottom: 0.15rem; }
.pts { display: inline-block; min-width: 3.4em; font-weight: 700; color: var(--bad);
  font-variant-numeric: tabular-nums; }
.stories .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: center;
  font-size: 0.82rem; margin: 0.3rem 0 0.9rem; }
.key { display: inline-block; width: 1.6em; text-align: center; border-radius: 4px;
  font-weight: 700; }
.story { border-top: 1px solid var(--line); padding-top: 0.8rem; margin-top: 0.8rem; }
.story h3 { margin: 0; font-size: 1.05rem; }
.story h4 { margin: 0 0 0.3rem; font-size: 0.75rem; text-transform: uppercase;
  letter-spacing: 0.05em; color: var(--muted); }
.story-meta { color: var(--muted); font-size: 0.82rem; margin-bottom: 0.5rem; }
.story-body { display: grid; grid-template-columns: minmax(340px, 2fr) 5fr; gap: 1.1rem;
  align-items: start; }
.story-outlets td.name, .matrix th.outlet-col span { white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; max-width: 10em; }
.story-outlets td.name .tiny { font-weight: 400; white-space: normal; }
.matrix-wrap { overflow-x: auto; }
table.matrix { table-layout: auto; }
.matrix th.outlet-col { text-align: center; vertical-align: bottom; min-width: 6.5em;
  max-width: 10em; font-size: 0.75rem; line-height: 1.25; }
.matrix th.outlet-col span { display: block; margin-bottom: 0.2rem; }
.matrix th.outlet-col .chip { font-size: 0.72rem; min-width: 2.8em; }
.matrix td.claim { font-size: 0.84rem; }
.matrix td.verdict { text-align: center; vertical-align: middle; font-weight: 700;
  font-size: 1.05rem; cursor: help; border: 2px solid var(--card); }
.v-supports { background: #e3f1e4; color: var(--good); }
.v-disputes { background: #fbe1e1; color: var(--bad); }
.v-silent { background: #eceef1; color: #8a93a0; }
.v-own { background: #dfe8f2; color: var(--accent); }
.v-none { background: transparent; color: #b8bec7; }
tbody tr.lone-row td.claim { box-shadow: inset 3px 0 0 var(--mixed); }
.lone { display: inline-block; margin-left: 0.4rem; padding: 0 0.4rem; border-radius: 999px;
  background: #fbefd9; color: #8a5200; font-size: 0.72rem; font-weight: 600; }
.conflicts { font-size: 0.82rem; margin-top: 0.5rem; }
.conflicts ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
code { font-size: 0.85em; background: #eef0f3; padding: 0 0.25em; border-radius: 3px; }
footer { max-width: 1280px; margin: 0 auto 1.5rem; padding: 0 1.2rem; }
@media (max-width: 900px) { .two, .story-body { grid-template-columns: 1fr; }
  .tiles { grid-template-columns: repeat(3, 1fr); } }
"""
