/**
 * Optional properties stored with an upload (or a copy that replaces metadata), validated
 * before any request: the SDK would otherwise send bad values for S3 to reject, or fail in
 * Node's header validation with an unhelpful message.
 */
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { objectPropertyOptions } from '../operations/shared/common-options.js';
import type { Values } from '../operations/shared/option-spec.js';
import { shown } from '../errors/failure.js';
import { LIMITS } from '../limits.js';
import { defined } from '../operations/shared/sdk-input.js';
import { invalidField, isUnset, optionalTrimmed, RawOptions } from '../validation.js';

export const STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
  'OUTPOSTS',
  'SNOW',
  'EXPRESS_ONEZONE',
] as const;
export const SSE_MODES = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;

export type ObjectProperties = Pick<
  PutObjectCommandInput,
  | 'CacheControl'
  | 'ContentDisposition'
  | 'StorageClass'
  | 'ServerSideEncryption'
  | 'SSEKMSKeyId'
  | 'Metadata'
  | 'Tagging'
>;

/** Printable ASCII: what HTTP headers carry without mangling. */
const HEADER_SAFE = /^[\x20-\x7e]*$/;
const METADATA_KEY = /^[A-Za-z0-9!#$&'*+.^_`|~-]+$/;

/** The property options as read through their specs (shared/common-options.ts). */
export type PropertyValues = Values<typeof objectPropertyOptions>;

/** The properties an upload (or a copy that replaces metadata) stores, from options already read through their specs. */
export function objectProperties(values: PropertyValues): ObjectProperties {
  const properties: ObjectProperties = defined({
    CacheControl: values.cacheControl,
    ContentDisposition: values.contentDisposition,
    StorageClass: values.storageClass,
    ServerSideEncryption: values.serverSideEncryption,
  });
  if (values.kmsKeyId) {
    if (!properties.ServerSideEncryption?.startsWith('aws:kms')) {
      throw invalidField('kmsKeyId', "is only used with serverSideEncryption 'aws:kms' (or 'aws:kms:dsse')");
    }
    properties.SSEKMSKeyId = values.kmsKeyId;
  }
  if (values.metadata) properties.Metadata = parseMetadata(values.metadata);
  if (values.tags) properties.Tagging = parseTags(values.tags);
  return properties;
}

/** User metadata (x-amz-meta-*), checked: keys S3 takes, ASCII values, S3's 2 KB in all. */
export const userMetadata = (metadata: Record<string, unknown> | undefined): Record<string, string> | undefined =>
  metadata && parseMetadata(metadata);

/** A value sent as an HTTP header: printable ASCII only (NUL, CR/LF or other characters fail in Node's header check). */
export function headerText(options: RawOptions, field: string): string | undefined {
  const value = optionalTrimmed(options, field);
  if (value !== undefined && !HEADER_SAFE.test(value)) {
    let bad = 0;
    while (HEADER_SAFE.test(value[bad])) bad += 1;
    throw invalidField(
      field,
      `may contain only printable ASCII characters (character ${bad + 1} is ${JSON.stringify(value[bad])})`,
    );
  }
  return value;
}

/** Content-Disposition for a download name: an ASCII fallback plus the exact UTF-8 name (RFC 6266/5987). */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * `attachment; filename="résumé.pdf"` taken apart by hand: the type, then the one filename
 * parameter, its quotes optional. (A pattern for it backtracked quadratically on long runs of
 * spaces; this reads each character a bounded number of times.)
 */
function dispositionWithName(value: string): { type: 'attachment' | 'inline'; filename: string } | undefined {
  const semicolon = value.indexOf(';');
  const type = value.slice(0, Math.max(semicolon, 0)).trim().toLowerCase();
  if (type !== 'attachment' && type !== 'inline') return undefined;
  const parameter = value.slice(semicolon + 1);
  const equals = parameter.indexOf('=');
  if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'filename') return undefined;
  let filename = parameter.slice(equals + 1).trim();
  if (filename.startsWith('"')) filename = filename.slice(1);
  if (filename.endsWith('"')) filename = filename.slice(0, -1);
  if (!filename || filename.includes('"') || filename.includes(';')) return undefined;
  return { type, filename };
}

/**
 * Content-Disposition as typed: ASCII is kept as it is; `attachment; filename="résumé.pdf"`
 * (a name beyond ASCII, which a header cannot carry) is written the RFC 6266/5987 way.
 */
export function dispositionHeader(options: RawOptions, field: string): string | undefined {
  const value = optionalTrimmed(options, field);
  if (value === undefined || HEADER_SAFE.test(value)) return headerText(options, field);
  const named = dispositionWithName(value);
  // eslint-disable-next-line no-control-regex
  if (!named || /[\u0000-\u001f\u007f]/.test(value)) return headerText(options, field);
  return contentDisposition(named.type, named.filename);
}

/** A JSON object given as an object (from an expression) or as JSON text. */
export function jsonObject(options: RawOptions, field: string): Record<string, unknown> | undefined {
  let value = options[field];
  if (isUnset(value)) return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalidField(field, 'must be a JSON object such as {"department": "finance"}');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidField(field, 'must be a JSON object such as {"department": "finance"}');
  }
  return value as Record<string, unknown>;
}

function parseMetadata(metadata: Record<string, unknown>): Record<string, string> {
  // No prototype: no key can reach Object.prototype, whatever its case.
  const result: Record<string, string> = Object.create(null);
  const tooLarge = () => invalidField('metadata', `must be at most ${LIMITS.metadataBytes / 1024} KB in total`);
  // Counted as it is read, so an object of a million names stops after the first few thousand characters.
  let characters = 0;
  for (const key of Object.keys(metadata)) {
    const raw = metadata[key];
    characters += key.length;
    if (characters > LIMITS.metadataBytes) throw tooLarge();
    if (!METADATA_KEY.test(key))
      throw invalidField('metadata', `key '${shown(key)}' may contain only letters, digits and - _ . (no spaces)`);
    const name = key.toLowerCase();
    if (name === '__proto__') throw invalidField('metadata', "may not have the key '__proto__'");
    // S3 stores metadata names in lower case: two names that differ only in case would silently become one.
    if (name in result)
      throw invalidField('metadata', `has the key '${shown(key)}' twice (S3 stores metadata names in lower case)`);
    if (typeof raw === 'object' && raw !== null)
      throw invalidField('metadata', `value of '${shown(key)}' must be text, not an object`);
    const value = String(raw ?? '');
    characters += value.length;
    if (characters > LIMITS.metadataBytes) throw tooLarge();
    if (!HEADER_SAFE.test(value)) {
      throw invalidField(
        'metadata',
        `value of '${shown(key)}' must be printable ASCII (S3 stores metadata as HTTP headers); encode other text, e.g. with encodeURIComponent`,
      );
    }
    result[name] = value;
  }
  if (Buffer.byteLength(JSON.stringify(result)) > LIMITS.metadataBytes) throw tooLarge();
  return { ...result };
}

function parseTags(tags: Record<string, unknown>): string {
  return new URLSearchParams(checkedTags(tags)).toString();
}

/** Tags as S3 takes them, checked against its limits (10 tags, keys 1-128 and values 0-256 characters). */
export function checkedTags(tags: Record<string, unknown>, field = 'tags'): Array<[string, string]> {
  const names = Object.keys(tags);
  if (names.length > LIMITS.tagsPerObject)
    throw invalidField(field, `may have at most ${LIMITS.tagsPerObject} tags (got ${names.length})`);
  const entries = names.map((name) => [name, tags[name]] as const);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > LIMITS.tagKeyCharacters)
      throw invalidField(field, `key '${shown(key)}' must be 1 to ${LIMITS.tagKeyCharacters} characters`);
    if (typeof value === 'object' && value !== null)
      throw invalidField(field, `value of '${shown(key)}' must be text, not an object or list`);
    if (String(value ?? '').length > LIMITS.tagValueCharacters)
      throw invalidField(field, `value of '${shown(key)}' must be at most ${LIMITS.tagValueCharacters} characters`);
  }
  return entries.map(([key, value]) => [key, String(value ?? '')]);
}
