// Shows a report: its header (title, byline, language, detectors not run) and every panel.
import { FALLBACK_COLOUR, state } from "./state.js";
import { $, el, clear } from "./dom.js";
import { withUtf16Offsets } from "./offsets.js";
import { unpin } from "./explanations.js";
import { renderScore, renderContributions } from "./score.js";
import { renderSource } from "./source.js";
import { renderFilterable } from "./highlight.js";
import { renderCoverage } from "./coverage.js";

export function renderReport(serverReport) {
  state.serverReport = serverReport; // downloaded as the server sent it
  const report = withUtf16Offsets(serverReport);
  state.report = report;
  state.hidden.clear();
  unpin();
  // Categories met in a report but missing from the meta list still get a colour.
  for (const f of report.findings) {
    if (!state.colours.has(f.category)) state.colours.set(f.category, FALLBACK_COLOUR);
  }
  renderHeader(report);
  renderScore(report.reliability);
  renderContributions(report.reliability);
  renderSource(report.source, report.article);
  renderFilterable();
  renderCoverage(report.coverage); // only with `newsift serve --corpus`; hidden otherwise
  $("results").hidden = false;
  const top = $("results").getBoundingClientRect().top;
  if (top > window.innerHeight * 0.6) $("results").scrollIntoView({ behavior: "smooth", block: "start" });
}

function renderHeader(report) {
  const a = report.article;
  $("article-title-out").textContent = a.title || "Untitled article";
  const meta = $("article-meta");
  clear(meta);
  const bits = [
    a.byline ? `By ${a.byline}` : "No byline",
    a.date,
    a.domain || (a.url ? a.url : null),
    `${a.word_count} words`,
    a.input_format ? `from ${a.input_format}` : null,
  ];
  for (const bit of bits) if (bit) meta.append(el("span", { text: bit }));
  if (a.repairs && a.repairs.length) {
    meta.append(el("span", { text: `${a.repairs.length} encoding repair${a.repairs.length > 1 ? "s" : ""}` }));
  }
  // Reports older than schema 1.1 have no language field at all: say nothing then.
  if (a.language !== undefined) meta.append(el("span", { id: "article-language", text: languageLine(a) }));
  renderSkipped(report);
}

function languageName(code) {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(String(code));
    if (name && name !== code) return name;
  } catch (err) {
    // not a code Intl knows: show the code itself
  }
  return String(code);
}

function languageLine(a) {
  if (!a.language) return "Language not identified";
  const confidence = typeof a.language_confidence === "number"
    ? ` (${Math.round(a.language_confidence * 100)}% sure)` : "";
  return `In ${languageName(a.language)}${confidence}`;
}

// One line naming the detectors that did not run, grouped by their reason.
function renderSkipped(report) {
  const note = $("skipped-note");
  const skipped = Array.isArray(report.skipped) ? report.skipped : [];
  note.textContent = "";
  note.hidden = !skipped.length;
  if (!skipped.length) return;
  const byReason = new Map();
  for (const s of skipped) {
    const reason = String(s.reason || "no reason given");
    if (!byReason.has(reason)) byReason.set(reason, []);
    byReason.get(reason).push(String(s.detector).replace(/[_-]+/g, " "));
  }
  const groups = [...byReason].map(([reason, names]) => `${names.join(", ")} — ${reason}`);
  const lang = report.article && report.article.language;
  const head = lang ? `Not run for this language (${languageName(lang)})` : "Not run";
  note.textContent = `${head}: ${groups.join("; ")}`;
}
