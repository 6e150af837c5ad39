// The explanation tooltip of a highlight (on hover, focus or click), and jumping to findings.
import { state } from "./state.js";
import { $, el, clear } from "./dom.js";
import { swatch, labelName, definitionOf, categoryName } from "./findings.js";

function findingsOf(mark) {
  return mark.dataset.findings.split(" ").map((i) => state.report.findings[Number(i)]);
}

function explanationNode(findings) {
  const box = el("div");
  // Narrow spans first: they are what the reader pointed at.
  const sorted = [...findings].sort((x, y) => (x.end - x.start) - (y.end - y.start));
  for (const f of sorted) {
    const item = el("div", { class: "tip-finding" },
      el("div", { class: "tip-head" }, swatch(f.category), labelName(f.label),
        el("span", { class: "tip-category", text: `· ${categoryName(f.category)}` })),
      el("div", { text: f.explanation }));
    const ev = f.evidence || {};
    const definition = definitionOf(f);
    if (definition) {
      item.append(el("div", { class: "tip-definition" },
        el("b", { text: "Definition: " }), definition));
    }
    const metaBits = [`detector ${f.detector}`];
    if (typeof f.score === "number" && f.score < 1) metaBits.push(`confidence ${Math.round(f.score * 100)}%`);
    if (ev.rank) metaBits.push(`claim rank ${ev.rank}`);
    item.append(el("div", { class: "tip-meta", text: metaBits.join(" · ") }));
    box.append(item);
  }
  return box;
}

function showTooltip(mark, pinned) {
  const tip = $("tooltip");
  const body = tip.querySelector(".tooltip-body");
  clear(body);
  body.append(explanationNode(findingsOf(mark)));
  tip.hidden = false;
  tip.classList.toggle("pinned", pinned);
  const rect = mark.getBoundingClientRect();
  const width = Math.min(380, window.innerWidth - 24);
  let left = rect.left + window.scrollX;
  left = Math.max(12 + window.scrollX, Math.min(left, window.scrollX + window.innerWidth - width - 12));
  tip.style.left = `${left}px`;
  tip.style.top = `${rect.bottom + window.scrollY + 8}px`;
}

function hideTooltip() {
  if (state.pinned) return;
  $("tooltip").hidden = true;
}

function pin(mark) {
  unpin();
  state.pinned = mark;
  mark.classList.add("active");
  showTooltip(mark, true);
}

export function unpin() {
  if (state.pinned) state.pinned.classList.remove("active");
  state.pinned = null;
  $("tooltip").hidden = true;
  $("tooltip").classList.remove("pinned");
}

export function bindArticleEvents() {
  const body = $("article-body");
  body.addEventListener("mouseover", (e) => {
    const mark = e.target.closest("mark.hl");
    if (mark && !state.pinned) showTooltip(mark, false);
  });
  body.addEventListener("mouseout", (e) => {
    const mark = e.target.closest("mark.hl");
    if (mark && !mark.contains(e.relatedTarget)) hideTooltip();
  });
  body.addEventListener("click", (e) => {
    const mark = e.target.closest("mark.hl");
    if (!mark) return;
    if (state.pinned === mark) unpin();
    else pin(mark);
    e.stopPropagation();
  });
  body.addEventListener("keydown", (e) => {
    const mark = e.target.closest("mark.hl");
    if (mark && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      pin(mark);
    }
  });
  body.addEventListener("focusin", (e) => {
    const mark = e.target.closest("mark.hl");
    if (mark && !state.pinned) showTooltip(mark, false);
  });
  document.addEventListener("click", (e) => {
    if (!$("tooltip").contains(e.target)) unpin();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") unpin();
  });
  $("tooltip").querySelector(".tooltip-close").addEventListener("click", unpin);
}

// Scroll to and flash the marks of some findings (from a contribution or a claim).
export function showFindings(indices) {
  const wanted = new Set(indices.map(String));
  const marks = [...document.querySelectorAll("#article-body mark.hl")].filter((m) =>
    m.dataset.findings.split(" ").some((i) => wanted.has(i)));
  if (!marks.length) return;
  marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
  for (const m of marks) {
    m.classList.remove("flash");
    void m.offsetWidth; // restart the animation
    m.classList.add("flash");
  }
}
