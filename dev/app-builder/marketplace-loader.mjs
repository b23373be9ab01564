/**
 * How the app builder's server runs a marketplace plugin (from its plugin-selector service):
 * the bundle is stored as base64 text; the server decodes it once and keeps the text, then for
 * every query URI-encodes the whole text into a data: URL, imports it and constructs the
 * default export. Node caches a module by URL, so the same text is evaluated once per process.
 * Shared by the marketplace test and the benchmark, so both measure exactly this path.
 */
export function storeBundle(sourceText) {
  return Buffer.from(sourceText, 'utf8').toString('base64');
}

export function decodeStoredBundle(stored) {
  return Buffer.from(stored, 'base64').toString('utf8');
}

export async function serviceForQuery(decodedText) {
  const module = await import(`data:text/javascript,${encodeURIComponent(decodedText)}`);
  return new module.default();
}
