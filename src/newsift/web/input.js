// The input form: text or web address, the request body it makes, and submitting it.
import { state } from "./state.js";
import { $ } from "./dom.js";
import { api } from "./api.js";
import { setStatus, showError, hideError } from "./feedback.js";
import { loadMeta } from "./meta.js";
import { loadHistory } from "./history.js";
import { renderReport } from "./report.js";

export function setMode(mode) {
  state.mode = mode;
  for (const tab of document.querySelectorAll(".tab[data-mode]")) {
    const active = tab.dataset.mode === mode;
    tab.classList.toggle("active", active);
    tab.setAttribute("aria-selected", String(active));
  }
  $("mode-text").hidden = mode !== "text";
  $("mode-url").hidden = mode !== "url";
}

export function requestBody() {
  const body = {};
  const title = $("article-title").value.trim();
  const claim = $("article-claim").value.trim();
  if (state.mode === "url") {
    const url = $("article-url").value.trim();
    if (!url) throw new Error("Type the article's web address first.");
    if (!/^https?:\/\//i.test(url)) throw new Error("The address must start with http:// or https://");
    body.url = url;
  } else if (state.file && state.file.base64 && !$("article-text").value.trim()) {
    body.file_base64 = state.file.base64;
    body.filename = state.file.name;
  } else if (state.file && !$("article-text").value.trim()) {
    body.html = state.file.content;
  } else {
    const text = $("article-text").value;
    if (!text.trim()) throw new Error("Paste an article, or drop a file onto the box.");
    body.text = text;
  }
  if (title) body.title = title;
  if (claim) body.claim = claim;
  return body;
}

export async function onSubmit(event) {
  event.preventDefault();
  hideError();
  let body;
  try {
    body = requestBody();
  } catch (err) {
    showError(err.message);
    return;
  }
  const button = $("analyze-btn");
  button.disabled = true;
  setStatus(body.url ? "Fetching and analysing…" : "Analysing…");
  const started = performance.now();
  try {
    if (!state.meta) await loadMeta();
    const report = await api("/v1/analyze", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    renderReport(report);
    setStatus(`Analysed in ${Math.round(performance.now() - started)} ms`);
    if (state.meta && state.meta.store) loadHistory();
  } catch (err) {
    showError(err.message);
    setStatus("");
  } finally {
    button.disabled = false;
  }
}
