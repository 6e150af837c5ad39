// The article with its findings highlighted, and the legend that filters them.
import { state } from "./state.js";
import { $, el, clear } from "./dom.js";
import {
  colourOf, paint, swatch, categoryName, humanise, hasSpan, categoriesInOrder, visible,
} from "./findings.js";
import { unpin } from "./explanations.js";
import { renderClaims, renderSignals } from "./claims.js";

export function renderFilterable() {
  renderLegend(state.report);
  renderArticle(state.report);
  renderClaims(state.report);
  renderSignals(state.report);
}

function renderLegend(report) {
  const legend = $("legend");
  clear(legend);
  const counts = new Map();
  for (const f of report.findings) counts.set(f.category, (counts.get(f.category) || 0) + 1);
  const cats = categoriesInOrder(report);
  if (!cats.length) {
    legend.append(el("span", { class: "empty-note", text: "No findings in this article." }));
    return;
  }
  for (const cat of cats) {
    const on = !state.hidden.has(cat);
    const chip = el("button", {
      type: "button", class: "chip", "data-category": cat, "aria-pressed": String(on),
      title: state.descriptions.get(cat) || humanise(cat),
    }, swatch(cat), categoryName(cat), el("span", { class: "count", text: String(counts.get(cat)) }));
    chip.addEventListener("click", () => {
      if (state.hidden.has(cat)) state.hidden.delete(cat);
      else state.hidden.add(cat);
      unpin();
      renderFilterable();
    });
    legend.append(chip);
  }
}

// ---------------------------------------------------------------- article with highlights
// Findings may overlap. Cut the text at every start and end, and give each piece the set of
// findings covering it; the piece is coloured by its narrowest span-level finding.
function renderArticle(report) {
  const body = $("article-body");
  clear(body);
  const text = report.article.text || "";
  const spans = [];
  report.findings.forEach((f, index) => {
    if (hasSpan(f) && visible(f) && f.start < text.length) {
      spans.push({ index, f, start: f.start, end: Math.min(f.end, text.length) });
    }
  });
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      fragment.append(document.createTextNode(piece));
      continue;
    }
    fragment.append(markFor(piece, covering));
  }
  body.append(fragment);
}

// Claims and stances are information, not warnings: they are underlined, not filled.
const UNDERLINED = new Set(["claims", "stance"]);

function markFor(piece, covering) {
  const filled = covering.filter((s) => !UNDERLINED.has(s.f.category));
  const underlined = covering.filter((s) => UNDERLINED.has(s.f.category));
  const narrowest = (pool) => pool.reduce((best, s) => (s.end - s.start < best.end - best.start ? s : best));
  const primary = narrowest(filled.length ? filled : underlined);
  const classes = ["hl"];
  if (!filled.length) classes.push("underline");
  else if (underlined.length) classes.push("also-underline");
  const mark = el("mark", {
    class: classes.join(" "),
    "data-category": primary.f.category,
    "data-label": primary.f.label,
    "data-findings": covering.map((s) => s.index).join(" "),
    tabindex: "0",
  });
  mark.textContent = piece;
  paint(mark, primary.f.category);
  if (underlined.length) mark.style.setProperty("--ul-line", colourOf(narrowest(underlined).f.category));
  return mark;
}
