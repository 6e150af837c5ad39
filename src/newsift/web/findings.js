// How findings' categories and labels are named and coloured, and which ones are shown.
import { FALLBACK_COLOUR, state } from "./state.js";
import { el } from "./dom.js";

export function humanise(name) {
  if (!name) return "";
  const words = String(name).replace(/[_-]+/g, " ").replace(/\s*,\s*/g, ", ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function colourOf(category) {
  return state.colours.get(category) || FALLBACK_COLOUR;
}

function rgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function paint(node, category) {
  const colour = colourOf(category);
  node.style.setProperty("--hl-line", colour);
  node.style.setProperty("--hl-bg", rgba(colour, 0.24));
}

export function swatch(category) {
  const node = el("span", { class: "swatch", "aria-hidden": "true" });
  node.style.background = colourOf(category);
  return node;
}

export function labelName(label) {
  const technique = state.techniques.get(label);
  return technique ? technique.readable : humanise(label);
}

// A finding's own definition first, else the glossary's for a propaganda technique.
export function definitionOf(f) {
  if (f.evidence && f.evidence.definition) return String(f.evidence.definition);
  const technique = state.techniques.get(f.label);
  return technique ? technique.definition : null;
}

export function categoryName(category) {
  return humanise(category);
}

export function hasSpan(f) {
  return f && f.start !== null && f.start !== undefined && f.end > f.start;
}

export function categoriesInOrder(report) {
  const order = state.meta ? state.meta.categories.map((c) => c.name) : [];
  const seen = new Set(report.findings.map((f) => f.category));
  for (const cat of seen) if (!order.includes(cat)) order.push(cat);
  return order.filter((cat) => seen.has(cat));
}

export function visible(f) {
  return !state.hidden.has(f.category);
}
