// Calls to the newsift server, turning its error bodies into readable messages.

export async function api(path, options) {
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
