// The status line and the error box under the form.
import { $ } from "./dom.js";

export function setStatus(text) {
  $("status").textContent = text;
}

export function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
}

export function hideError() {
  $("error").hidden = true;
  $("error").textContent = "";
}
