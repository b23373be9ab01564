/**
 * A marketplace bundle's identity, `<name>@<version>#<hash of its code>`, by which the bundle's
 * front keys its registry (scripts/marketplace/front.js). For the tests and the bench, which
 * need other versions of one bundle. No imports: the tests run the compiled file outside the project.
 */
const IDENTITY = /@tooljet-plugins\/s3@[^#"]+#([0-9a-f]{16})/;

export function bundleIdentity(text: string): string {
  const identity = IDENTITY.exec(text)?.[0];
  if (!identity) throw new Error('the marketplace bundle carries no identity (name@version#hash)');
  return identity;
}

/** The same bundle as another version: its hash replaced (16 hex digits made from `label`), as a rebuild would change it. */
export function asAnotherVersion(text: string, label: string | number): string {
  const hash = bundleIdentity(text).split('#')[1];
  const other = Buffer.from(String(label)).toString('hex').padEnd(16, '0').slice(0, 16);
  return text.split(hash).join(other);
}
