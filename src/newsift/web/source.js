// The publisher card: its reputation record, and looking up another domain.
import { state } from "./state.js";
import { $, el, clear } from "./dom.js";
import { api } from "./api.js";
import { showError, hideError } from "./feedback.js";
import { humanise } from "./findings.js";

export function renderSource(source, article) {
  const card = $("source-card");
  clear(card);
  if (!source || !source.domain) {
    card.append(el("p", { class: "empty-note",
      text: "No publisher is known for pasted text. Analyse the article's web address, or look its domain up below." }));
    return;
  }
  card.append(el("div", { class: "source-domain", text: source.domain }));
  const labels = el("div", { class: "source-labels" });
  if (!source.found) {
    labels.append(el("span", { class: "tag", text: "not in the reputation lists" }));
  }
  for (const label of source.labels || []) {
    const info = state.sourceLabels.get(label);
    const effect = info ? info.effect : 0;
    const kind = effect <= -0.3 ? "bad" : effect > 0 ? "good" : "";
    labels.append(el("span", { class: `tag ${kind}`, text: humanise(label), title: info ? info.description : null }));
  }
  if (source.user_override) labels.append(el("span", { class: "tag user", text: "your override" }));
  card.append(labels);
  if (source.reasons && source.reasons.length) {
    const reasons = el("ul", { class: "source-reasons" });
    for (const reason of source.reasons) reasons.append(el("li", { text: reason }));
    card.append(reasons);
  } else if (!source.found) {
    card.append(el("p", { class: "empty-note",
      text: "An unlisted publisher is neither good nor bad news: look it up yourself (who runs it, who funds it)." }));
  }
  if (source.notes) card.append(el("p", { class: "small", text: source.notes }));
  if (source.origin) card.append(el("div", { class: "source-origin", text: `Record from ${source.origin}` }));
  if (article && article.url) card.append(el("div", { class: "source-origin", text: article.url }));
}

export async function lookUpSource(event) {
  event.preventDefault();
  const domain = $("source-domain").value.trim();
  if (!domain) return;
  hideError();
  try {
    const record = await api(`/v1/sources/${encodeURIComponent(domain)}`);
    renderSource(record, null);
  } catch (err) {
    showError(err.message);
  }
}
