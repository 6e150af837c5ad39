// The page's shared state: what the server told us about categories, and what is shown now.

// Colours are given to categories in the order the server lists them, so a category added
// later gets the next colour without any change here; unknown ones get the fallback.
export const PALETTE = [
  "#d1495b", "#e09f3e", "#7b5ea7", "#00798c", "#e07b39", "#8d6e63",
  "#3066be", "#2a9d8f", "#c2185b", "#4f772d", "#5c6bc0", "#9e9d24",
];
export const FALLBACK_COLOUR = "#7a8491";

export const state = {
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
