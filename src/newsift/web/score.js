// The reliability score, its gauge, and the signals that moved it.
import { state } from "./state.js";
import { $, el, clear } from "./dom.js";
import { humanise, swatch, hasSpan } from "./findings.js";
import { showFindings } from "./explanations.js";

export function bandColour(band) {
  return band === "reliable" ? "var(--good)" : band === "unreliable" ? "var(--bad)" : "var(--mixed)";
}

export function renderScore(rel) {
  const score = Math.round(rel.score);
  $("score-value").textContent = String(score);
  const dial = $("score-dial");
  dial.style.setProperty("--band", bandColour(rel.band));
  $("score-band").textContent = rel.band;
  $("score-band").style.setProperty("--band", bandColour(rel.band));
  $("score-confidence").textContent = `Confidence ${Math.round(rel.confidence * 100)}%`;
  $("score-method").textContent = `Method ${rel.method}`;
  $("gauge-fill").style.left = `calc(${Math.max(0, Math.min(100, rel.score))}% - 2px)`;
  $("gauge-base").style.left = `calc(${rel.baseline}% - 1px)`;
  $("score-dial").setAttribute("aria-label", `Score ${score} out of 100, ${rel.band}`);
}

export function renderContributions(rel) {
  $("baseline-note").textContent =
    `Every article starts at ${rel.baseline}; each signal below adds or removes points.`;
  const list = $("contributions");
  clear(list);
  // The reports' order: what lowers trust, largest first, then what raises it, largest first.
  const items = [...rel.contributions].sort(
    (x, y) =>
      (x.points >= 0) - (y.points >= 0) ||
      Math.abs(y.points) - Math.abs(x.points) ||
      x.signal.localeCompare(y.signal),
  );
  if (!items.length) {
    list.append(el("li", { class: "empty-note", text: "No signal moved the score." }));
    return;
  }
  const largest = Math.max(10, ...items.map((c) => Math.abs(c.points)));
  for (const c of items) {
    const sign = c.points > 0 ? "pos" : c.points < 0 ? "neg" : "zero";
    const pts = c.points > 0 ? `+${fmt(c.points)}` : fmt(c.points);
    const bar = el("div", { class: `bar ${sign}` });
    bar.style.width = `${(Math.abs(c.points) / largest) * 50}%`;
    const linked = (c.findings || []).some((i) => hasSpan(state.report.findings[i]));
    const item = el(
      "li",
      { class: `contribution${linked ? " linked" : ""}`, title: linked ? "Show in the article" : null },
      el("div", { class: "contribution-head" },
        el("span", { class: "contribution-name" }, swatch(c.category), humanise(c.signal)),
        el("span", { class: `points ${sign}`, text: pts })),
      el("div", { class: "bar-track" }, bar),
      el("div", { class: "contribution-why", text: c.explanation }),
    );
    if (linked) item.addEventListener("click", () => showFindings(c.findings));
    list.append(item);
  }
}

function fmt(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
