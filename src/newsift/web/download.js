// Downloading the report as JSON, exactly as the server sent it.
import { state } from "./state.js";
import { el } from "./dom.js";

export function downloadReport() {
  if (!state.serverReport) return;
  const blob = new Blob([JSON.stringify(state.serverReport, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const name = (state.report.article.domain || "article").replace(/[^a-z0-9.-]+/gi, "_");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const link = el("a", { href: url, download: `newsift-${name}-${stamp}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
