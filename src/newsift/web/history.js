// The list of saved analyses, when the server keeps a store, and reopening one.
import { $, el, clear } from "./dom.js";
import { api } from "./api.js";
import { setStatus, showError, hideError } from "./feedback.js";
import { renderReport } from "./report.js";
import { bandColour } from "./score.js";

export async function loadHistory() {
  let listing;
  try {
    listing = await api("/v1/analyses?limit=50");
  } catch (err) {
    return; // the list is a convenience: the page works without it
  }
  const list = $("history-list");
  clear(list);
  $("history-count").textContent = `(${listing.total})`;
  for (const item of listing.items) {
    const when = new Date(item.created_at);
    const row = el("li", { tabindex: "0", title: "Open this report" },
      el("span", { class: "history-score", text: item.score === null ? "–" : String(Math.round(item.score)) }),
      el("span", { class: "history-title", text: item.title || item.url || item.source_name || item.id }),
      el("span", { class: "muted small", text: item.domain || "" }),
      el("span", { class: "muted small", text: isNaN(when) ? "" : when.toLocaleString() }));
    row.querySelector(".history-score").style.color = bandColour(item.band);
    const open = () => openSaved(item.id);
    row.addEventListener("click", open);
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    list.append(row);
  }
  $("history").hidden = listing.total === 0;
}

export async function openSaved(id) {
  hideError();
  try {
    renderReport(await api(`/v1/analyses/${encodeURIComponent(id)}`));
    setStatus("Opened a saved report");
  } catch (err) {
    showError(err.message);
  }
}
