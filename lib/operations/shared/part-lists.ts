/**
 * The part lists of a browser-direct multipart upload, as an app passes them: which parts to
 * sign ("1-120", "1,3,5-9", a JSON array) and the parts to complete (the PartNumber and ETag
 * each browser PUT returned). Checked before any request: S3 answers a bad list only after the
 * upload's parts were sent, with a code (InvalidPartOrder, MalformedXML) that does not say which.
 */
import { shown } from '../../errors/failure.js';
import { count, LIMITS } from '../../limits.js';
import { mapInSlices } from '../../time-slices.js';
import { invalidField, isJsonList, jsonList, RawOptions, requiredList } from '../../validation.js';

const MAX_PART = LIMITS.partsPerUpload;

const partNumberRule = `whole numbers from 1 to ${count(MAX_PART)}`;

/** A part list's text is capped at what 10,000 parts can need, before it is parsed. */
/** Properties a completed part may have besides PartNumber and ETag (an SDK UploadPart output has a few). */
const MAX_PART_PROPERTIES = 16;
const PART_NUMBER_LIST = { characters: LIMITS.partNumbersCharacters, entries: MAX_PART, noun: 'part numbers' };
const COMPLETED_PART_LIST = { characters: LIMITS.completedPartsCharacters, entries: MAX_PART, noun: 'parts' };

function partNumber(field: string, value: unknown, where: string): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_PART) {
    const got = typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value;
    throw invalidField(field, `${where} must be a part number: ${partNumberRule} (got ${shown(got)})`);
  }
  return number;
}

/** Ranges as [from, to] pairs, merged where they overlap or touch: repeats cost nothing. */
function mergedRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** "1-120, 130" as ranges; each piece checked before any is expanded. */
function textRanges(field: string, text: string): Array<[number, number]> {
  return text.split(',').map((raw): [number, number] => {
    const piece = raw.trim();
    const dash = piece.indexOf('-');
    if (dash < 0) {
      const number = partNumber(field, piece, `'${shown(piece)}'`);
      return [number, number];
    }
    const from = partNumber(field, piece.slice(0, dash), 'a range start');
    const to = partNumber(field, piece.slice(dash + 1), 'a range end');
    if (from > to) throw invalidField(field, `range ${from}-${to} runs backwards: write the smaller number first`);
    return [from, to];
  });
}

/**
 * Part numbers to sign, sorted and without repeats: ranges such as "1-120, 130" or a JSON array.
 * Overlapping ranges are merged before any is expanded, so the work is at most 10,000 numbers
 * whatever the text repeats.
 */
export async function parsePartNumbers(options: RawOptions, field = 'partNumbers'): Promise<number[]> {
  const what = `part numbers as ranges such as 1-100 or 1,3,5-9, or a JSON array such as [1, 2, 3] (${partNumberRule})`;
  const raw = requiredList(options, field, what, PART_NUMBER_LIST);
  let ranges: Array<[number, number]>;
  if (typeof raw === 'number') ranges = [[partNumber(field, raw, 'it'), partNumber(field, raw, 'it')]];
  else if (isJsonList(raw)) {
    ranges = (await jsonList(field, raw, what, PART_NUMBER_LIST)).map((value, index): [number, number] => {
      const number = partNumber(field, value, `entry ${index + 1}`);
      return [number, number];
    });
  } else if (typeof raw === 'string') ranges = textRanges(field, raw);
  else throw invalidField(field, `must be ${what}`);
  const numbers: number[] = [];
  for (const [from, to] of mergedRanges(ranges)) for (let n = from; n <= to; n += 1) numbers.push(n);
  return numbers;
}

export interface CompletedPart {
  PartNumber: number;
  ETag: string;
}

/**
 * The parts to complete an upload with: a JSON array of { PartNumber, ETag } (any case of the
 * names, ETags with or without their quotes), sorted by part number as S3 requires.
 */
export async function parseCompletedParts(options: RawOptions, field = 'parts'): Promise<CompletedPart[]> {
  const what = 'a JSON array of the uploaded parts: [{"PartNumber": 1, "ETag": "\\"…\\""}, …]';
  const entries = await jsonList(
    field,
    requiredList(options, field, what, COMPLETED_PART_LIST),
    what,
    COMPLETED_PART_LIST,
  );
  if (entries.length === 0) throw invalidField(field, 'must list at least one part');
  const seen = new Set<number>();
  const parts = await mapInSlices(entries, (entry, index) => {
    const where = `entry ${index + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      throw invalidField(field, `${where} must be an object with PartNumber and ETag`);
    const properties = Object.keys(entry);
    if (properties.length > MAX_PART_PROPERTIES)
      throw invalidField(field, `${where} has ${count(properties.length)} properties: it needs PartNumber and ETag`);
    const named = (name: string): unknown => {
      const property = properties.find((candidate) => candidate.toLowerCase() === name);
      return property === undefined ? undefined : (entry as Record<string, unknown>)[property];
    };
    const number = partNumber(field, named('partnumber'), `${where}'s PartNumber`);
    const etag = named('etag');
    if (typeof etag === 'string' && etag.length > LIMITS.etagCharacters)
      throw invalidField(
        field,
        `${where} (part ${number}) has an ETag longer than ${LIMITS.etagCharacters} characters`,
      );
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

/** One part of a file cut for a multipart upload or copy: bytes Start up to End (exclusive, as Blob.slice takes it). */
export interface PartRange {
  PartNumber: number;
  Start: number;
  End: number;
  Size: number;
}

const MIB = 1024 * 1024;

/**
 * `size` bytes cut into parts of `partBytes`, raised in whole MiB when the file would otherwise
 * need more than S3's 10,000 parts; the last part is shorter.
 */
export function partRanges(size: number, partBytes: number): { partBytes: number; parts: PartRange[] } {
  const bytes = Math.max(partBytes, Math.ceil(size / MAX_PART / MIB) * MIB);
  const parts = Array.from({ length: Math.ceil(size / bytes) }, (_, i) => {
    const start = i * bytes;
    const end = Math.min(size, start + bytes);
    return { PartNumber: i + 1, Start: start, End: end, Size: end - start };
  });
  return { partBytes: bytes, parts };
}
