// The Coverage panel (`newsift serve --corpus FILE`): the story of the corpus this article
// belongs to, the same story's articles from other outlets, and how each of them treats the
// article's check-worthy claims. Every string comes from the corpus, so it goes in as text only.
import { $, el, clear } from "./dom.js";
import { bandColour } from "./score.js";

const VERDICTS = {
  supports: { mark: "✓", word: "supports" },
  disputes: { mark: "✗", word: "disputes" },
  silent: { mark: "–", word: "silent" },
};

// Shows `coverage` in the panel, or hides and empties the panel when the report has none.
export function renderCoverage(coverage) {
  const panel = $("coverage");
  const body = $("coverage-body");
  clear(body);
  if (!coverage || typeof coverage !== "object") {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  $("coverage-corpus").textContent = coverage.corpus ? `corpus ${coverage.corpus}` : "";
  if (coverage.note) body.append(el("p", { class: "coverage-note", text: coverage.note }));
  const story = coverage.story;
  if (!story) {
    if (!coverage.note) body.append(el("p", { class: "empty-note", text: "No story of the corpus matches this article." }));
    return;
  }
  body.append(storyHead(story));
  body.append(el("h3", { text: "Other outlets" }), outletList(coverage.articles));
  body.append(el("h3", { text: "Its claims across outlets" }), claimList(coverage.claims));
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function storyHead(story) {
  const dates = [story.first_date, story.last_date].filter(Boolean);
  const span = dates.length === 2 && dates[0] !== dates[1] ? `${dates[0]} – ${dates[1]}` : dates[0];
  const size = `${plural(Number(story.articles) || 0, "article", "articles")} from ${plural(Number(story.outlets) || 0, "outlet", "outlets")}`;
  const match = story.in_corpus
    ? el("span", { class: "tag good", text: "this article is in the corpus" })
    : el("span", { class: "tag", text: `closest story, similarity ${fixed(story.similarity, 2)}` });
  return el("div", { class: "coverage-story" },
    el("div", { class: "coverage-label", text: story.label || "Untitled story" }),
    el("div", { class: "coverage-meta" },
      span ? el("span", { text: span }) : null,
      el("span", { text: size }),
      match));
}

function fixed(x, digits) {
  return typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "?";
}

// Only web addresses become links: a `javascript:` or `data:` url from the corpus stays text.
function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (err) {
    return null;
  }
}

function scorePill(article) {
  const known = typeof article.score === "number" && Number.isFinite(article.score);
  const pill = el("span", {
    class: "coverage-score",
    text: known ? String(Math.round(article.score)) : "–",
    title: known ? `score ${article.score.toFixed(1)}${article.band ? `, ${article.band}` : ""}` : "not scored",
  });
  if (known) pill.style.setProperty("--band", bandColour(article.band));
  return pill;
}

function outletList(articles) {
  const list = el("ol", { class: "coverage-articles" });
  if (!Array.isArray(articles) || !articles.length) {
    list.append(el("li", { class: "empty-note", text: "No other outlet of the corpus reports this story." }));
    return list;
  }
  for (const a of articles) {
    const title = a.title || "Untitled article";
    const href = safeHref(a.url);
    const heading = href
      ? el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "coverage-title", text: title })
      : el("span", { class: "coverage-title", text: title });
    const source = a.source || {};
    const meta = el("div", { class: "coverage-meta" },
      el("span", { class: "coverage-outlet", text: a.outlet || "unknown outlet" }),
      a.date ? el("span", { text: a.date }) : null,
      a.band ? el("span", { class: "coverage-band", text: a.band, style: { "--band": bandColour(a.band) } }) : null);
    const record = el("div", { class: `coverage-record${source.found ? "" : " unlisted"}`,
      text: source.description || (source.found ? "source record found" : "not in the reputation lists") });
    list.append(el("li", { class: "coverage-article" }, scorePill(a), el("div", null, heading, meta, record)));
  }
  return list;
}

function claimList(claims) {
  const list = el("ol", { class: "coverage-claims" });
  if (!Array.isArray(claims) || !claims.length) {
    list.append(el("li", { class: "empty-note", text: "No check-worthy claim to compare." }));
    return list;
  }
  for (const c of claims) list.append(claimRow(c));
  return list;
}

function claimRow(c) {
  const tally = `supported by ${c.supports ?? 0} · disputed by ${c.disputes ?? 0} · silent ${c.silent ?? 0}`;
  const head = el("div", { class: "coverage-claim-head" },
    el("span", { class: "coverage-tally", text: tally }),
    c.lone ? el("span", { class: "tag bad lone", text: "rests on this outlet alone",
      title: "No other outlet of the story supports this claim" }) : null);
  const detail = el("div", { class: "verdict-detail", hidden: true });
  const badges = el("div", { class: "verdicts" });
  for (const o of Array.isArray(c.outlets) ? c.outlets : []) badges.append(badge(o, detail, badges));
  return el("li", { class: "coverage-claim" },
    el("div", { class: "coverage-claim-text", text: c.claim || "" }), head, badges, detail);
}

// A badge names the outlet and its verdict in words (the colour only repeats it); hovering
// shows the evidence, clicking opens it below the badges with the conflicting figures.
function badge(o, detail, badges) {
  const verdict = VERDICTS[o.verdict] ? o.verdict : "silent";
  const { mark, word } = VERDICTS[verdict];
  const hover = [o.conflict ? `Conflict: ${o.conflict}` : null, o.evidence, o.note].filter(Boolean).join("\n");
  const button = el("button", {
    type: "button",
    class: `verdict v-${verdict}${o.conflict ? " conflict" : ""}`,
    title: hover || null,
    "aria-expanded": "false",
  },
  el("span", { class: "verdict-mark", "aria-hidden": "true", text: mark }),
  el("span", { class: "verdict-outlet", text: o.outlet || "unknown outlet" }),
  el("span", { class: "verdict-word", text: word }),
  o.conflict ? el("span", { class: "verdict-flag", text: "figures differ" }) : null);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") === "true";
    for (const other of badges.querySelectorAll(".verdict")) other.setAttribute("aria-expanded", "false");
    clear(detail);
    detail.hidden = open;
    if (open) return;
    button.setAttribute("aria-expanded", "true");
    detail.append(el("div", { class: "verdict-detail-head", text: `${o.outlet || "unknown outlet"} ${word}` }));
    if (o.conflict) detail.append(el("div", { class: "verdict-conflict", text: `Conflicting figures: ${o.conflict}` }));
    detail.append(o.evidence
      ? el("blockquote", { class: "verdict-evidence", text: o.evidence })
      : el("div", { class: "empty-note", text: "No sentence of this outlet's article matches the claim." }));
    if (o.note) detail.append(el("div", { class: "small muted", text: o.note }));
  });
  return button;
}
