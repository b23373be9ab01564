// The connection and the query, kept across reloads in the browser's storage. Secrets never are:
// password fields are left out, so a secret stays on the server's side or is typed again.

const KEY = 's3-plugin-playground';

export function loadSaved() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return { connection: saved.connection ?? {}, query: saved.query ?? {} };
  } catch {
    return { connection: {}, query: {} };
  }
}

export function save(connection, query) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ connection, query }));
  } catch {
    // Storage full or off: the page works without it.
  }
}

export function forget() {
  localStorage.removeItem(KEY);
}
