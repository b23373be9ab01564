/**
 * The part lists of a browser-direct multipart upload, as an app passes them: which parts to
 * sign ("1-120", "1,3,5-9", a JSON array) and the parts to complete (the PartNumber and ETag
 * each browser PUT returned). Checked before any request: S3 answers a bad list only after the
 * upload's parts were sent, with a code (InvalidPartOrder, MalformedXML) that does not say which.
 */
import { shown } from '../errors/failure.js';
import { count, LIMITS } from '../limits.js';
import { assertNestingDepth, invalidField, isUnset, RawOptions } from '../validation.js';

const MAX_PART = LIMITS.partsPerUpload;

const partNumberRule = `whole numbers from 1 to ${count(MAX_PART)}`;

function jsonArray(field: string, raw: unknown, what: string): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'string') throw invalidField(field, `must be ${what}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidField(field, `looks like JSON but is not valid JSON: it must be ${what}`);
  }
  if (!Array.isArray(parsed)) throw invalidField(field, `must be ${what}`);
  return parsed;
}

function partNumber(field: string, value: unknown, where: string): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_PART)
    throw invalidField(field, `${where} must be a part number: ${partNumberRule} (got ${shown(String(value))})`);
  return number;
}

/** Part numbers to sign, sorted and without repeats: ranges such as "1-120, 130" or a JSON array. */
export function parsePartNumbers(options: RawOptions, field = 'partNumbers'): number[] {
  const raw = options[field];
  const what = `part numbers as ranges such as 1-100 or 1,3,5-9, or a JSON array such as [1, 2, 3] (${partNumberRule})`;
  if (isUnset(raw)) throw invalidField(field, `is required: ${what}`);
  const numbers = new Set<number>();
  if (typeof raw === 'number') numbers.add(partNumber(field, raw, 'it'));
  else if (Array.isArray(raw) || (typeof raw === 'string' && raw.trim().startsWith('['))) {
    jsonArray(field, raw, what).forEach((value, index) => numbers.add(partNumber(field, value, `entry ${index + 1}`)));
  } else if (typeof raw === 'string') {
    for (const piece of raw.split(',').map((text) => text.trim())) {
      const range = /^(\d+)\s*-\s*(\d+)$/.exec(piece);
      if (!range) {
        numbers.add(partNumber(field, piece, `'${shown(piece)}'`));
        continue;
      }
      const [from, to] = [partNumber(field, range[1], 'a range start'), partNumber(field, range[2], 'a range end')];
      if (from > to) throw invalidField(field, `range ${from}-${to} runs backwards: write the smaller number first`);
      for (let n = from; n <= to; n += 1) numbers.add(n);
    }
  } else throw invalidField(field, `must be ${what}`);
  return [...numbers].sort((a, b) => a - b);
}

export interface CompletedPart {
  PartNumber: number;
  ETag: string;
}

/**
 * The parts to complete an upload with: a JSON array of { PartNumber, ETag } (any case of the
 * names, ETags with or without their quotes), sorted by part number as S3 requires.
 */
export function parseCompletedParts(options: RawOptions, field = 'parts'): CompletedPart[] {
  const what = 'a JSON array of the uploaded parts: [{"PartNumber": 1, "ETag": "\\"…\\""}, …]';
  const raw = options[field];
  if (isUnset(raw)) throw invalidField(field, `is required: ${what}`);
  const entries = jsonArray(field, raw, what);
  assertNestingDepth(field, entries);
  if (entries.length === 0) throw invalidField(field, 'must list at least one part');
  if (entries.length > MAX_PART)
    throw invalidField(field, `may list at most ${count(MAX_PART)} parts (got ${count(entries.length)})`);
  const seen = new Set<number>();
  const parts = entries.map((entry, index) => {
    const where = `entry ${index + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      throw invalidField(field, `${where} must be an object with PartNumber and ETag`);
    const named = (name: string): unknown =>
      Object.entries(entry).find(([property]) => property.toLowerCase() === name)?.[1];
    const number = partNumber(field, named('partnumber'), `${where}'s PartNumber`);
    const etag = named('etag');
    if (typeof etag !== 'string' || !etag.replace(/"/g, '').trim())
      throw invalidField(field, `${where} (part ${number}) needs the ETag its upload returned`);
    if (!/^[\x21-\x7e]+$/.test(etag.trim()))
      throw invalidField(field, `${where} (part ${number}) has an ETag that is not an ETag (got ${shown(etag)})`);
    if (seen.has(number)) throw invalidField(field, `lists part ${number} twice`);
    seen.add(number);
    const bare = etag.trim().replace(/^"|"$/g, '');
    return { PartNumber: number, ETag: `"${bare}"` };
  });
  return parts.sort((a, b) => a.PartNumber - b.PartNumber);
}

export interface PartPlan {
  partSize: number;
  partCount: number;
  /** Byte ranges per part; `end` is exclusive, as Blob.slice(start, end) takes it. */
  parts: Array<{ PartNumber: number; start: number; end: number; size: number }>;
  Warning?: string;
}

const MIB = 1024 * 1024;

/**
 * How to cut a file of `fileSize` bytes: parts of `partSize`, raised (in whole MiB) when the file
 * would otherwise need more than S3's 10,000 parts.
 */
export function partPlan(fileSize: number, partSize: number): PartPlan {
  const needed = Math.ceil(fileSize / MAX_PART / MIB) * MIB;
  const size = Math.max(partSize, needed, LIMITS.partBytes.min);
  const partCount = Math.max(1, Math.ceil(fileSize / size));
  const parts = Array.from({ length: partCount }, (_, i) => {
    const start = i * size;
    const end = Math.min(fileSize, start + size);
    return { PartNumber: i + 1, start, end, size: end - start };
  });
  const Warning =
    size > partSize
      ? `partSizeBytes raised to ${count(size)} bytes: a ${count(fileSize)}-byte file in ${count(partSize)}-byte parts would need more than ${count(MAX_PART)} parts`
      : undefined;
  return { partSize: size, partCount, parts, ...(Warning ? { Warning } : {}) };
}
