// The side lists: claims worth checking, and article-level signals.
import { state } from "./state.js";
import { $, el, clear } from "./dom.js";
import { paint, swatch, labelName, categoryName, hasSpan, visible } from "./findings.js";
import { showFindings } from "./explanations.js";

export function renderClaims(report) {
  const list = $("claims");
  clear(list);
  const text = report.article.text || "";
  const claims = report.findings
    .map((f, index) => ({ f, index }))
    .filter(({ f }) => f.category === "claims" && hasSpan(f));
  claims.sort((x, y) => rankOf(x.f) - rankOf(y.f) || y.f.score - x.f.score);
  if (state.hidden.has("claims")) {
    list.append(el("li", { class: "empty-note", text: "Claims are hidden by the filter." }));
    return;
  }
  if (!claims.length) {
    list.append(el("li", { class: "empty-note", text: "No check-worthy factual claims found." }));
    return;
  }
  for (const { f, index } of claims) {
    const ev = f.evidence || {};
    const tags = el("div", { class: "claim-meta" });
    tags.append(el("span", { class: "tag", text: `${Math.round(f.score * 100)}% check-worthy` }));
    for (const key of ["numbers", "dates", "entities"]) {
      for (const value of (ev[key] || []).slice(0, 4)) tags.append(el("span", { class: "tag", text: String(value) }));
    }
    const item = el("li", { class: "claim", title: "Show in the article" },
      el("div", { class: "claim-text", text: text.slice(f.start, f.end).trim() }), tags);
    paint(item, f.category);
    item.addEventListener("click", () => showFindings([index]));
    list.append(item);
  }
}

function rankOf(f) {
  const rank = f.evidence && Number(f.evidence.rank);
  return Number.isFinite(rank) && rank > 0 ? rank : 1e9;
}

export function renderSignals(report) {
  const list = $("signals");
  clear(list);
  const signals = report.findings.filter((f) => !hasSpan(f) && visible(f) && f.category !== "source");
  if (!signals.length) {
    list.append(el("li", { class: "empty-note", text: "No article-level signals." }));
    return;
  }
  for (const f of signals) {
    list.append(el("li", { class: "signal", "data-category": f.category }, swatch(f.category),
      el("div", null,
        el("span", { class: "signal-label", text: labelName(f.label) }),
        el("span", { class: "tip-category", text: ` · ${categoryName(f.category)}` }),
        el("div", { class: "small", text: f.explanation }))));
  }
}
