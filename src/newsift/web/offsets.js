// Converts a report's code-point offsets to the UTF-16 indices JavaScript strings use.

// The report counts offsets in Unicode code points (Python string indices); JavaScript
// strings index UTF-16 code units, where every character outside the BMP (emoji, flags,
// many CJK ideographs) takes two. Every offset is converted here, once, as the report
// arrives; all rendering reads only the converted copy.
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

export function withUtf16Offsets(report) {
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
