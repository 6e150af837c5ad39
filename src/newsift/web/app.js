// newsift web page. Vanilla JS, no build step, no external assets: the entry module, which wires
// the page's controls to the modules beside it (served as they are, as ES modules).
// Safety rule: article text and every string from a report reach the page only through
// textContent / createElement, never innerHTML, so an article cannot inject markup or script.
import { state } from "./state.js";
import { $ } from "./dom.js";
import { setStatus, hideError } from "./feedback.js";
import { loadMeta } from "./meta.js";
import { setMode, onSubmit } from "./input.js";
import { loadFile, showFileNote } from "./upload.js";
import { downloadReport } from "./download.js";
import { lookUpSource } from "./source.js";
import { bindArticleEvents } from "./explanations.js";

function bind() {
  for (const tab of document.querySelectorAll(".tab[data-mode]")) {
    tab.addEventListener("click", () => setMode(tab.dataset.mode));
  }
  $("analyze-form").addEventListener("submit", onSubmit);
  $("clear-btn").addEventListener("click", () => {
    $("article-text").value = "";
    $("article-url").value = "";
    $("article-title").value = "";
    $("article-claim").value = "";
    $("article-text").placeholder = "Paste the article here — or drop an .html or .txt file onto this box.";
    state.file = null;
    showFileNote("");
    hideError();
    setStatus("");
  });
  $("article-text").addEventListener("input", () => {
    if (state.file && $("article-text").value.trim()) {
      state.file = null;
      showFileNote("");
    }
  });
  $("file-input").addEventListener("change", (e) => {
    loadFile(e.target.files[0]);
    e.target.value = "";
  });
  $("download-btn").addEventListener("click", downloadReport);
  $("source-form").addEventListener("submit", lookUpSource);

  const zone = $("drop-zone");
  const panel = $("input-panel");
  panel.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  panel.addEventListener("dragleave", (e) => {
    if (!panel.contains(e.relatedTarget)) zone.classList.remove("dragging");
  });
  panel.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) loadFile(file);
  });
  // A file dropped anywhere else must not make the browser navigate away from the page.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  bindArticleEvents();
}

document.addEventListener("DOMContentLoaded", () => {
  bind();
  loadMeta();
});
