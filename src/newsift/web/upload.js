// Opening a file: read as UTF-8 text or an HTML page, else sent as bytes for the server to decode.
import { state } from "./state.js";
import { $ } from "./dom.js";
import { showError, hideError } from "./feedback.js";
import { setMode } from "./input.js";

function looksLikeHtml(name, content) {
  if (/\.html?$/i.test(name)) return true;
  if (/\.(txt|text|md)$/i.test(name)) return false;
  return /^\s*(<!doctype html|<html[\s>])/i.test(content);
}

export function loadFile(file) {
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

export function showFileNote(text) {
  const note = $("file-note");
  note.textContent = text;
  note.hidden = !text;
}
