// The server's list of categories, labels and techniques, loaded once at start.
import { PALETTE, state } from "./state.js";
import { $ } from "./dom.js";
import { api } from "./api.js";
import { showError } from "./feedback.js";
import { loadHistory } from "./history.js";

export async function loadMeta() {
  try {
    const meta = await api("/v1/meta");
    setMeta(meta);
  } catch (err) {
    showError(`Could not load the list of categories: ${err.message}`);
  }
}

export function setMeta(meta) {
  state.meta = meta;
  meta.categories.forEach((cat, i) => {
    state.colours.set(cat.name, PALETTE[i % PALETTE.length]);
    state.descriptions.set(cat.name, cat.description);
  });
  for (const label of meta.source_labels || []) state.sourceLabels.set(label.name, label);
  for (const t of meta.techniques || []) state.techniques.set(t.name, t);
  $("version").textContent = `v${meta.version}`;
  if (meta.store) loadHistory();
}
