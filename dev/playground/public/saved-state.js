// The connection and the query, kept across reloads in the browser's storage. Secrets never are:
// password fields are left out, so a secret stays on the server's side or is typed again.
// The server's connection defaults are saved beside them: a saved value that was the server's
// default follows the server's new default (the embedded server gets a new port every start),
// while a value the user typed stays.

const KEY = 's3-plugin-playground-v2';

export function loadSaved(serverDefaults) {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const defaults = saved.defaults ?? {};
    const connection = {};
    for (const [key, value] of Object.entries(saved.connection ?? {})) {
      const wasDefault = key in defaults && defaults[key] === value;
      if (!wasDefault) connection[key] = value;
      else if (key in serverDefaults) connection[key] = serverDefaults[key];
    }
    return { connection, query: saved.query ?? {} };
  } catch {
    return { connection: {}, query: {} };
  }
}

export function save(connection, query, serverDefaults) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ connection, query, defaults: serverDefaults }));
  } catch {
    // Storage full or off: the page works without it.
  }
}
