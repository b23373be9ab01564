// Requests from the page: JSON to the playground server, and files to signed URLs. XMLHttpRequest,
// not fetch, because only it reports upload progress; each call can be cancelled.

/**
 * Sends `body` and resolves with the answer; `onProgress(sent, total)` follows the upload.
 * Returns { promise, cancel }; a cancelled request rejects with an error named AbortError.
 */
export function send(method, url, body, { headers = {}, onProgress, json = true } = {}) {
  const request = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    request.open(method, url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    if (onProgress) request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.total));
    request.addEventListener('load', () => {
      if (!json) return resolve(request);
      try {
        resolve(JSON.parse(request.responseText));
      } catch {
        reject(new Error(`the playground server answered HTTP ${request.status} without JSON`));
      }
    });
    request.addEventListener('error', () => reject(new Error('the request did not reach the server')));
    request.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })));
    request.send(body);
  });
  return { promise, cancel: () => request.abort() };
}

/** POSTs JSON to the playground server. */
export const postJson = (path, value, options = {}) =>
  send('POST', path, JSON.stringify(value), { ...options, headers: { 'content-type': 'application/json' } });
