// newsift web page. Vanilla JS, no build step, no external assets.
// Safety rule: article text and every string from a report reach the page only through
// textContent / createElement, never innerHTML, so an article cannot inject markup or script.
"use strict";

(() => {
  // Colours are given to categories in the order the server lists them, so a category added
  // later gets the next colour without any change here; unknown ones get the fallback.
  const PALETTE = [
    "#d1495b", "#e09f3e", "#7b5ea7", "#00798c", "#e07b39", "#8d6e63",
    "#3066be", "#2a9d8f", "#c2185b", "#4f772d", "#5c6bc0", "#9e9d24",
  ];
  const FALLBACK_COLOUR = "#7a8491";

  const state = {
    mode: "text",
    meta: null,
    colours: new Map(),
    descriptions: new Map(),
    sourceLabels: new Map(), // label -> {description, effect} from the server
    techniques: new Map(), // propaganda technique -> {readable, definition}
    hidden: new Set(), // categories the analyst switched off
    report: null, // the report being shown, its offsets in UTF-16 units (see withUtf16Offsets)
    serverReport: null, // the same report as the server sent it
    pinned: null, // the mark whose explanation is pinned open
    file: null, // {name, kind, content} when a file was loaded
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- small DOM helpers
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "style") for (const [p, v] of Object.entries(value)) node.style.setProperty(p, v);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function humanise(name) {
    if (!name) return "";
    const words = String(name).replace(/[_-]+/g, " ").replace(/\s*,\s*/g, ", ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
  }

  function colourOf(category) {
    return state.colours.get(category) || FALLBACK_COLOUR;
  }

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }

  function paint(node, category) {
    const colour = colourOf(category);
    node.style.setProperty("--hl-line", colour);
    node.style.setProperty("--hl-bg", rgba(colour, 0.24));
  }

  function swatch(category) {
    const node = el("span", { class: "swatch", "aria-hidden": "true" });
    node.style.background = colourOf(category);
    return node;
  }

  function labelName(label) {
    const technique = state.techniques.get(label);
    return technique ? technique.readable : humanise(label);
  }

  // A finding's own definition first, else the glossary's for a propaganda technique.
  function definitionOf(f) {
    if (f.evidence && f.evidence.definition) return String(f.evidence.definition);
    const technique = state.techniques.get(f.label);
    return technique ? technique.definition : null;
  }

  function categoryName(category) {
    return humanise(category);
  }

  // ---------------------------------------------------------------- server calls
  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      throw new Error("The server cannot be reached. Is `newsift serve` still running?");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (!response.ok) {
      const message = body && body.error && body.error.message
        ? body.error.message
        : `The server answered ${response.status} ${response.statusText}`;
      throw new Error(message);
    }
    return body;
  }

  async function loadMeta() {
    try {
      const meta = await api("/v1/meta");
      setMeta(meta);
    } catch (err) {
      showError(`Could not load the list of categories: ${err.message}`);
    }
  }

  function setMeta(meta) {
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

  // ---------------------------------------------------------------- saved analyses
  async function loadHistory() {
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

  async function openSaved(id) {
    hideError();
    try {
      renderReport(await api(`/v1/analyses/${encodeURIComponent(id)}`));
      setStatus("Opened a saved report");
    } catch (err) {
      showError(err.message);
    }
  }

  // ---------------------------------------------------------------- input
  function setMode(mode) {
    state.mode = mode;
    for (const tab of document.querySelectorAll(".tab[data-mode]")) {
      const active = tab.dataset.mode === mode;
      tab.classList.toggle("active", active);
      tab.setAttribute("aria-selected", String(active));
    }
    $("mode-text").hidden = mode !== "text";
    $("mode-url").hidden = mode !== "url";
  }

  function looksLikeHtml(name, content) {
    if (/\.html?$/i.test(name)) return true;
    if (/\.(txt|text|md)$/i.test(name)) return false;
    return /^\s*(<!doctype html|<html[\s>])/i.test(content);
  }

  function loadFile(file) {
    if (!file) return;
    const limit = state.meta ? state.meta.max_body_bytes : 5 * 1024 * 1024;
    if (file.size > limit) {
      showError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the server accepts at most ${(limit / 1048576).toFixed(0)} MB.`);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const content = decodeUtf8(reader.result);
      setMode("text");
      hideError();
      if (content === null) {
        // Not UTF-8: the bytes go to the server, which detects the encoding as the CLI does
        // (and checks a declared charset against the bytes), and reports what it decided.
        state.file = { name: file.name, base64: toBase64(reader.result) };
        $("article-text").value = "";
        $("article-text").placeholder = `${file.name} (not UTF-8) is loaded — press Analyse.`;
        showFileNote(`Loaded ${file.name}; its encoding will be detected on the server.`);
        return;
      }
      const kind = looksLikeHtml(file.name, content) ? "html" : "text";
      if (kind === "html") {
        // The HTML is sent as-is for the server to extract the article; it is never rendered here.
        state.file = { name: file.name, kind, content };
        $("article-text").value = "";
        $("article-text").placeholder = `${file.name} (HTML page) is loaded — press Analyse.`;
        showFileNote(`Loaded ${file.name} as an HTML page (${Math.round(content.length / 1024)} kB).`);
      } else {
        state.file = null;
        $("article-text").value = content;
        showFileNote(`Loaded ${file.name} as plain text.`);
      }
    };
    reader.onerror = () => showError(`Could not read ${file.name}.`);
    reader.readAsArrayBuffer(file);
  }

  // The file's text when its bytes are valid UTF-8 (whatever a page declares), else null.
  function decodeUtf8(buffer) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(buffer));
    } catch (err) {
      return null;
    }
  }

  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  function showFileNote(text) {
    const note = $("file-note");
    note.textContent = text;
    note.hidden = !text;
  }

  function requestBody() {
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

  async function onSubmit(event) {
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

  function setStatus(text) {
    $("status").textContent = text;
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = false;
  }

  function hideError() {
    $("error").hidden = true;
    $("error").textContent = "";
  }

  // ---------------------------------------------------------------- offsets
  // The report counts offsets in Unicode code points (Python string indices); JavaScript
  // strings index UTF-16 code units, where every character outside the BMP (emoji, flags,
  // many CJK ideographs) takes two. Every offset is converted here, once, as the report
  // arrives; all rendering below reads only the converted copy.
  function utf16Index(text) {
    // map[i] = UTF-16 index of code point i; map[count] = text.length. `for...of` walks code
    // points, and a lone surrogate counts as one, as it does in Python.
    // There are never more code points than code units, so text.length + 1 slots suffice.
    const map = new Uint32Array(text.length + 1);
    let point = 0;
    let unit = 0;
    for (const ch of text) {
      map[point++] = unit;
      unit += ch.length;
    }
    map[point] = unit;
    return map.subarray(0, point + 1);
  }

  function withUtf16Offsets(report) {
    const copy = structuredClone(report);
    const article = copy.article || {};
    const map = utf16Index(article.text || "");
    const last = map.length - 1;
    const at = (offset) => (Number.isInteger(offset) ? map[Math.max(0, Math.min(offset, last))] : offset);
    const span = (obj) => {
      if (!obj) return;
      obj.start = at(obj.start);
      obj.end = at(obj.end);
    };
    const pairs = (list) => (Array.isArray(list) ? list.map((p) => (Array.isArray(p) ? p.map(at) : p)) : list);
    for (const f of copy.findings || []) {
      span(f);
      if (f.evidence && Array.isArray(f.evidence.sentences)) f.evidence.sentences = pairs(f.evidence.sentences);
    }
    article.sentences = pairs(article.sentences);
    for (const r of article.repairs || []) span(r);
    return copy;
  }

  // ---------------------------------------------------------------- report
  function renderReport(serverReport) {
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
    $("results").hidden = false;
    const top = $("results").getBoundingClientRect().top;
    if (top > window.innerHeight * 0.6) $("results").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function renderFilterable() {
    renderLegend(state.report);
    renderArticle(state.report);
    renderClaims(state.report);
    renderSignals(state.report);
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

  function bandColour(band) {
    return band === "reliable" ? "var(--good)" : band === "unreliable" ? "var(--bad)" : "var(--mixed)";
  }

  function renderScore(rel) {
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

  function renderContributions(rel) {
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

  function renderSource(source, article) {
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

  async function lookUpSource(event) {
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

  // ---------------------------------------------------------------- legend and filters
  function hasSpan(f) {
    return f && f.start !== null && f.start !== undefined && f.end > f.start;
  }

  function categoriesInOrder(report) {
    const order = state.meta ? state.meta.categories.map((c) => c.name) : [];
    const seen = new Set(report.findings.map((f) => f.category));
    for (const cat of seen) if (!order.includes(cat)) order.push(cat);
    return order.filter((cat) => seen.has(cat));
  }

  function renderLegend(report) {
    const legend = $("legend");
    clear(legend);
    const counts = new Map();
    for (const f of report.findings) counts.set(f.category, (counts.get(f.category) || 0) + 1);
    const cats = categoriesInOrder(report);
    if (!cats.length) {
      legend.append(el("span", { class: "empty-note", text: "No findings in this article." }));
      return;
    }
    for (const cat of cats) {
      const on = !state.hidden.has(cat);
      const chip = el("button", {
        type: "button", class: "chip", "data-category": cat, "aria-pressed": String(on),
        title: state.descriptions.get(cat) || humanise(cat),
      }, swatch(cat), categoryName(cat), el("span", { class: "count", text: String(counts.get(cat)) }));
      chip.addEventListener("click", () => {
        if (state.hidden.has(cat)) state.hidden.delete(cat);
        else state.hidden.add(cat);
        unpin();
        renderFilterable();
      });
      legend.append(chip);
    }
  }

  function visible(f) {
    return !state.hidden.has(f.category);
  }

  // ---------------------------------------------------------------- article with highlights
  // Findings may overlap. Cut the text at every start and end, and give each piece the set of
  // findings covering it; the piece is coloured by its narrowest span-level finding.
  function renderArticle(report) {
    const body = $("article-body");
    clear(body);
    const text = report.article.text || "";
    const spans = [];
    report.findings.forEach((f, index) => {
      if (hasSpan(f) && visible(f) && f.start < text.length) {
        spans.push({ index, f, start: f.start, end: Math.min(f.end, text.length) });
      }
    });
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) {
        fragment.append(document.createTextNode(piece));
        continue;
      }
      fragment.append(markFor(piece, covering));
    }
    body.append(fragment);
  }

  // Claims and stances are information, not warnings: they are underlined, not filled.
  const UNDERLINED = new Set(["claims", "stance"]);

  function markFor(piece, covering) {
    const filled = covering.filter((s) => !UNDERLINED.has(s.f.category));
    const underlined = covering.filter((s) => UNDERLINED.has(s.f.category));
    const narrowest = (pool) => pool.reduce((best, s) => (s.end - s.start < best.end - best.start ? s : best));
    const primary = narrowest(filled.length ? filled : underlined);
    const classes = ["hl"];
    if (!filled.length) classes.push("underline");
    else if (underlined.length) classes.push("also-underline");
    const mark = el("mark", {
      class: classes.join(" "),
      "data-category": primary.f.category,
      "data-label": primary.f.label,
      "data-findings": covering.map((s) => s.index).join(" "),
      tabindex: "0",
    });
    mark.textContent = piece;
    paint(mark, primary.f.category);
    if (underlined.length) mark.style.setProperty("--ul-line", colourOf(narrowest(underlined).f.category));
    return mark;
  }

  // ---------------------------------------------------------------- explanations
  function findingsOf(mark) {
    return mark.dataset.findings.split(" ").map((i) => state.report.findings[Number(i)]);
  }

  function explanationNode(findings) {
    const box = el("div");
    // Narrow spans first: they are what the reader pointed at.
    const sorted = [...findings].sort((x, y) => (x.end - x.start) - (y.end - y.start));
    for (const f of sorted) {
      const item = el("div", { class: "tip-finding" },
        el("div", { class: "tip-head" }, swatch(f.category), labelName(f.label),
          el("span", { class: "tip-category", text: `· ${categoryName(f.category)}` })),
        el("div", { text: f.explanation }));
      const ev = f.evidence || {};
      const definition = definitionOf(f);
      if (definition) {
        item.append(el("div", { class: "tip-definition" },
          el("b", { text: "Definition: " }), definition));
      }
      const metaBits = [`detector ${f.detector}`];
      if (typeof f.score === "number" && f.score < 1) metaBits.push(`confidence ${Math.round(f.score * 100)}%`);
      if (ev.rank) metaBits.push(`claim rank ${ev.rank}`);
      item.append(el("div", { class: "tip-meta", text: metaBits.join(" · ") }));
      box.append(item);
    }
    return box;
  }

  function showTooltip(mark, pinned) {
    const tip = $("tooltip");
    const body = tip.querySelector(".tooltip-body");
    clear(body);
    body.append(explanationNode(findingsOf(mark)));
    tip.hidden = false;
    tip.classList.toggle("pinned", pinned);
    const rect = mark.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 24);
    let left = rect.left + window.scrollX;
    left = Math.max(12 + window.scrollX, Math.min(left, window.scrollX + window.innerWidth - width - 12));
    tip.style.left = `${left}px`;
    tip.style.top = `${rect.bottom + window.scrollY + 8}px`;
  }

  function hideTooltip() {
    if (state.pinned) return;
    $("tooltip").hidden = true;
  }

  function pin(mark) {
    unpin();
    state.pinned = mark;
    mark.classList.add("active");
    showTooltip(mark, true);
  }

  function unpin() {
    if (state.pinned) state.pinned.classList.remove("active");
    state.pinned = null;
    $("tooltip").hidden = true;
    $("tooltip").classList.remove("pinned");
  }

  function bindArticleEvents() {
    const body = $("article-body");
    body.addEventListener("mouseover", (e) => {
      const mark = e.target.closest("mark.hl");
      if (mark && !state.pinned) showTooltip(mark, false);
    });
    body.addEventListener("mouseout", (e) => {
      const mark = e.target.closest("mark.hl");
      if (mark && !mark.contains(e.relatedTarget)) hideTooltip();
    });
    body.addEventListener("click", (e) => {
      const mark = e.target.closest("mark.hl");
      if (!mark) return;
      if (state.pinned === mark) unpin();
      else pin(mark);
      e.stopPropagation();
    });
    body.addEventListener("keydown", (e) => {
      const mark = e.target.closest("mark.hl");
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        pin(mark);
      }
    });
    body.addEventListener("focusin", (e) => {
      const mark = e.target.closest("mark.hl");
      if (mark && !state.pinned) showTooltip(mark, false);
    });
    document.addEventListener("click", (e) => {
      if (!$("tooltip").contains(e.target)) unpin();
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") unpin();
    });
    $("tooltip").querySelector(".tooltip-close").addEventListener("click", unpin);
  }

  // Scroll to and flash the marks of some findings (from a contribution or a claim).
  function showFindings(indices) {
    const wanted = new Set(indices.map(String));
    const marks = [...document.querySelectorAll("#article-body mark.hl")].filter((m) =>
      m.dataset.findings.split(" ").some((i) => wanted.has(i)));
    if (!marks.length) return;
    marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
    for (const m of marks) {
      m.classList.remove("flash");
      void m.offsetWidth; // restart the animation
      m.classList.add("flash");
    }
  }

  // ---------------------------------------------------------------- claims and signals
  function renderClaims(report) {
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

  function renderSignals(report) {
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

  // ---------------------------------------------------------------- download
  function downloadReport() {
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

  // ---------------------------------------------------------------- wiring
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
})();
