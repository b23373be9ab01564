/**
 * Query options read through their specs (option-spec.ts): each kind has one reader, so every
 * operation validates a bucket, a key, a number or a choice the same way, before any request.
 */
import { dispositionHeader, headerText, jsonObject } from '../../bodies/properties.js';
import {
  assertTextLength,
  integerInRange,
  invalidField,
  isUnset,
  oneOf,
  optionalString,
  optionalTrimmed,
  RawOptions,
  requiredString,
  toggle,
} from '../../validation.js';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { bucketName, checkedKey, folderPrefix, newBucketName } from './names.js';
import { Kind, KindValue, OptionSpec, Values } from './option-spec.js';
import { parseKeyList } from './batch-delete.js';
import { parseCompletedParts, parsePartNumbers } from './part-lists.js';
import { headerList, methodList, originList } from './text-lists.js';
import { versionIdOption } from './version-id.js';
import { byteSizeOption, dateOption } from './dates-and-sizes.js';

function byteRange(options: RawOptions, field: string): string | undefined {
  const range = optionalTrimmed(options, field);
  if (range === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (
    !match ||
    (match[1] === '' && match[2] === '') ||
    (match[1] !== '' && match[2] !== '' && Number(match[1]) > Number(match[2]))
  ) {
    throw invalidField(
      field,
      `must be a byte range such as bytes=0-1023, bytes=1024- or bytes=-500 (got '${shown(range)}')`,
    );
  }
  return range;
}

function regionName(options: RawOptions, field: string): string | undefined {
  const region = optionalTrimmed(options, field);
  if (region !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(region))
    throw invalidField(field, `must be a region code such as eu-west-1 (got '${shown(region)}')`);
  return region;
}

function filename(options: RawOptions, field: string): string | undefined {
  const name = optionalTrimmed(options, field);
  // eslint-disable-next-line no-control-regex
  if (name !== undefined && /[\u0000-\u001f\u007f]/.test(name))
    throw invalidField(field, 'must not contain control characters');
  return name;
}

/** An UploadId as S3 hands it out: printable ASCII, never typed by hand. */
function uploadId(options: RawOptions, field: string): string {
  const id = requiredString(options, field, 'the UploadId create_multipart_upload returned').trim();
  if (!/^[\x21-\x7e]{1,1024}$/.test(id))
    throw invalidField(field, `must be the UploadId create_multipart_upload returned (got '${shown(id)}')`);
  return id;
}

/** The start of a media type the uploader's Content-Type must have: image/ or application/pdf. */
function mediaTypePrefix(options: RawOptions, field: string): string | undefined {
  const prefix = optionalTrimmed(options, field);
  if (prefix !== undefined && !/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]*$/.test(prefix))
    throw invalidField(
      field,
      `must be a media type or its start with the slash, such as image/ or application/pdf (got '${shown(prefix)}')`,
    );
  return prefix;
}

const TEXT = LIMITS.optionCharacters;

type SpecOf<K extends Kind> = OptionSpec & { kind: K };

/** How a kind is read: the longest text it takes (checked before anything parses it), and its reader. */
interface KindRule<K extends Kind> {
  /** Undefined where the kind's own reader caps it (data is the file itself). */
  cap: number | undefined;
  read(spec: SpecOf<K>, options: RawOptions): KindValue<K> | Promise<KindValue<K>>;
}

/** Every kind's rule: the compiler holds each reader to what its kind reads as (KindValues). */
const KINDS: { [K in Kind]: KindRule<K> } = {
  bucket: {
    cap: TEXT.bucket,
    read: (spec, options) => (spec.required || !isUnset(options[spec.key]) ? bucketName(options, spec.key) : undefined),
  },
  newBucket: { cap: TEXT.bucket, read: (_spec, options) => newBucketName(options) },
  key: {
    cap: TEXT.text,
    read: (spec, options) =>
      spec.required || !isUnset(options[spec.key])
        ? checkedKey(spec.key, requiredString(options, spec.key, 'the object key (its path in the bucket)'))
        : undefined,
  },
  folder: { cap: TEXT.text, read: (spec, options) => folderPrefix(options, spec.key) },
  text: { cap: TEXT.text, read: (spec, options) => optionalString(options, spec.key) },
  uploadId: { cap: TEXT.text, read: (spec, options) => uploadId(options, spec.key) },
  versionId: {
    cap: TEXT.text,
    read: (spec, options) => versionIdOption(options, spec.key, spec.required === true),
  },
  // Any header text, as S3 takes it: the app builder's plugin sent `json` or `*/*` as given.
  header: { cap: TEXT.header, read: (spec, options) => headerText(options, spec.key) },
  mediaType: { cap: TEXT.header, read: (spec, options) => headerText(options, spec.key) },
  disposition: { cap: TEXT.header, read: (spec, options) => dispositionHeader(options, spec.key) },
  filename: { cap: TEXT.header, read: (spec, options) => filename(options, spec.key) },
  json: { cap: TEXT.json, read: (spec, options) => jsonObject(options, spec.key) },
  originList: {
    cap: TEXT.list,
    read(spec, options) {
      const { key: field } = spec;
      const origins = originList(options, field);
      if (!origins && spec.required)
        throw new Failure('MissingOption', `'${field}' is required: enter at least one origin, or * for any.`, {
          field,
        });
      return origins;
    },
  },
  methodList: { cap: TEXT.list, read: (spec, options) => methodList(options, spec.key) },
  allowedHeaders: { cap: TEXT.list, read: (spec, options) => headerList(options, spec.key, true) },
  exposeHeaders: { cap: TEXT.list, read: (spec, options) => headerList(options, spec.key, false) },
  keyList: { cap: LIMITS.keyListCharacters, read: (_spec, options) => parseKeyList(options) },
  partNumbers: { cap: LIMITS.partNumbersCharacters, read: (spec, options) => parsePartNumbers(options, spec.key) },
  partList: { cap: LIMITS.completedPartsCharacters, read: (spec, options) => parseCompletedParts(options, spec.key) },
  range: { cap: TEXT.short, read: (spec, options) => byteRange(options, spec.key) },
  region: { cap: TEXT.short, read: (spec, options) => regionName(options, spec.key) },
  mediaTypePrefix: { cap: TEXT.short, read: (spec, options) => mediaTypePrefix(options, spec.key) },
  integer: {
    cap: TEXT.short,
    read: (spec, options) =>
      integerInRange(options, spec.key, {
        min: spec.min,
        max: spec.max,
        defaultValue: spec.default,
        floorFractions: spec.fractions === 'floor',
        zeroMeansDefault: spec.zeroMeansDefault,
      }),
  },
  date: { cap: TEXT.short, read: (spec, options) => dateOption(options, spec.key) },
  byteSize: { cap: TEXT.short, read: (spec, options) => byteSizeOption(options, spec.key) },
  toggle: {
    cap: TEXT.short,
    read: (spec, options) => (isUnset(options[spec.key]) ? spec.default : toggle(options, spec.key)),
  },
  choice: {
    cap: TEXT.short,
    read(spec, options) {
      const allowed = spec.choices.map((choice) => choice.value).filter(Boolean);
      const value = oneOf(options, spec.key, allowed, spec.default);
      return value === '' ? undefined : value;
    },
  },
  data: { cap: undefined, read: (spec, options) => options[spec.key] },
};

/** The longest text an option takes, by kind; undefined where the kind's own reader caps it (data is the file itself). */
export function textCap(spec: OptionSpec): number | undefined {
  return KINDS[spec.kind].cap;
}

/** One option read and checked by its kind's reader (readOptions skips absent ones that read undefined). */
export function readOption<K extends Kind>(spec: SpecOf<K>, options: RawOptions): KindValue<K> | Promise<KindValue<K>> {
  const rule: KindRule<K> = KINDS[spec.kind];
  if (rule.cap !== undefined) assertTextLength(spec.key, options[spec.key], rule.cap);
  return rule.read(spec, options);
}

/** Per spec: whether its reader, given no value at all, reads undefined (asked once, of the reader itself). */
const absentIsUndefined = new Map<OptionSpec, boolean>();

/**
 * Most options of a query are absent (a get_object names a bucket and a key, not its five
 * conditions); their readers are skipped when they would read undefined anyway. Whether they
 * would is the reader's own answer for an empty query, so no kind can be listed wrongly.
 */
function readsUndefinedWhenAbsent(spec: OptionSpec): boolean {
  let known = absentIsUndefined.get(spec);
  if (known === undefined) {
    try {
      const value = readOption(spec, {});
      // A reader that reads a slice at a time answers later: it is always run.
      if (value instanceof Promise) value.catch(() => undefined);
      known = value === undefined;
    } catch {
      known = false; // required: its reader's refusal is the message
    }
    absentIsUndefined.set(spec, known);
  }
  return known;
}

/**
 * Every option of the specs, read and checked, by key: undefined for those not set (or their
 * defaults). Typed from the specs (Values): each value is what its kind's reader returned, and a
 * required or never-empty kind's reader refuses an empty option. Async because long lists
 * (100,000 keys) are checked a slice at a time.
 */
export async function readOptions<const Specs extends readonly OptionSpec[]>(
  specs: Specs,
  options: RawOptions,
): Promise<Values<Specs>> {
  const values: Record<string, unknown> = {};
  for (const spec of specs) {
    if (options[spec.key] === undefined && readsUndefinedWhenAbsent(spec)) {
      values[spec.key] = undefined;
      continue;
    }
    const value = readOption(spec, options);
    // Only the long lists are read a slice at a time: an await per option cost every query a turn each.
    values[spec.key] = value instanceof Promise ? await value : value;
  }
  // The one place a value meets its spec's type: KINDS holds each reader to its kind's type.
  return values as Values<Specs>;
}
