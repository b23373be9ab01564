/**
 * What a listing keeps and in which order: filters by name, date and size, applied to each page
 * as it arrives (S3 itself filters only by prefix), and a sort of the whole result. Sorting one
 * page would mislead (the newest of the first 1,000 keys is not the newest of the bucket), so a
 * sort needs fetchAll.
 */
import { _Object, CommonPrefix } from '@aws-sdk/client-s3';
import { count, LIMITS } from '../../limits.js';
import { sortInSlices } from '../../time-slices.js';
import { invalidField } from '../../validation.js';

export interface ListFilter {
  suffixes?: string[];
  contains?: string;
  ignoreCase: boolean;
  modifiedAfter?: Date;
  modifiedBefore?: Date;
  minSize?: number;
  maxSize?: number;
}

export interface ListSort {
  by: 'key' | 'lastModified' | 'size';
  order: 'asc' | 'desc';
}

interface FilterValues {
  suffix?: string;
  contains?: string;
  ignoreCase: boolean;
  modifiedAfter?: Date;
  modifiedBefore?: Date;
  minSize?: number;
  maxSize?: number;
}

/** The filter the options ask for, checked; undefined when they ask for none. */
export function listFilter(values: FilterValues): ListFilter | undefined {
  const suffixes = values.suffix === undefined ? undefined : suffixList(values.suffix);
  const { contains, modifiedAfter, modifiedBefore, minSize, maxSize } = values;
  if (modifiedAfter && modifiedBefore && modifiedAfter.getTime() >= modifiedBefore.getTime())
    throw invalidField(
      'modifiedBefore',
      `must be later than modifiedAfter (${modifiedAfter.toISOString()}): no object was modified between them`,
    );
  if (minSize !== undefined && maxSize !== undefined && minSize > maxSize)
    throw invalidField('maxSize', `must be at least minSize (${count(minSize)} bytes)`);
  const filter = { suffixes, contains, modifiedAfter, modifiedBefore, minSize, maxSize };
  if (Object.values(filter).every((value) => value === undefined)) return undefined;
  return { ...filter, ignoreCase: values.ignoreCase };
}

/** `.jpg, .png`: one suffix or several, comma-separated. */
function suffixList(text: string): string[] {
  const suffixes = text
    .split(',')
    .map((suffix) => suffix.trim())
    .filter(Boolean);
  if (suffixes.length === 0) throw invalidField('suffix', 'must name at least one ending, such as .pdf or .jpg,.png');
  if (suffixes.length > LIMITS.listSuffixes)
    throw invalidField(
      'suffix',
      `takes at most ${LIMITS.listSuffixes} comma-separated endings (got ${count(suffixes.length)})`,
    );
  return suffixes;
}

/** The sort the options ask for; refused without fetchAll. */
export function listSort(
  sortBy: ListSort['by'] | undefined,
  sortOrder: ListSort['order'],
  fetchAll: boolean,
): ListSort | undefined {
  if (!sortBy) return undefined;
  if (!fetchAll)
    throw invalidField(
      'sortBy',
      'needs fetchAll: sorting one page would order only the keys of that page (up to 1,000), not the whole folder or bucket. Turn on Fetch all pages (maxTotalKeys caps how many)',
    );
  return { by: sortBy, order: sortOrder };
}

/** A test of one listed object against the filter. */
export function matcher(filter: ListFilter): (item: _Object) => boolean {
  const fold = (text: string) => (filter.ignoreCase ? text.toLowerCase() : text);
  const suffixes = filter.suffixes?.map(fold);
  const contains = filter.contains === undefined ? undefined : fold(filter.contains);
  const after = filter.modifiedAfter?.getTime();
  const before = filter.modifiedBefore?.getTime();
  return (item) => {
    const key = fold(item.Key ?? '');
    if (suffixes && !suffixes.some((suffix) => key.endsWith(suffix))) return false;
    if (contains !== undefined && !key.includes(contains)) return false;
    const size = item.Size ?? 0;
    if (filter.minSize !== undefined && size < filter.minSize) return false;
    if (filter.maxSize !== undefined && size > filter.maxSize) return false;
    if (after === undefined && before === undefined) return true;
    const time = item.LastModified?.getTime();
    if (time === undefined) return false;
    return (after === undefined || time > after) && (before === undefined || time < before);
  };
}

const SORT_VALUE: Record<Exclude<ListSort['by'], 'key'>, (item: _Object) => number> = {
  lastModified: (item) => item.LastModified?.getTime() ?? 0,
  size: (item) => item.Size ?? 0,
};

/**
 * The listed objects in the order asked for; ties keep S3's key order. Folders (CommonPrefixes)
 * have no date or size: they stay in key order, reversed for a descending sort by key.
 */
export async function sortListed(
  contents: _Object[],
  prefixes: CommonPrefix[] | undefined,
  sort: ListSort,
): Promise<{ contents: _Object[]; prefixes: CommonPrefix[] | undefined }> {
  const descending = sort.order === 'desc';
  if (sort.by === 'key') {
    // S3 lists in key order (UTF-8 bytes), which JavaScript's string comparison does not follow.
    return descending
      ? { contents: contents.slice().reverse(), prefixes: prefixes?.slice().reverse() }
      : { contents, prefixes };
  }
  const value = SORT_VALUE[sort.by];
  const sign = descending ? -1 : 1;
  return { contents: await sortInSlices(contents, (a, b) => sign * (value(a) - value(b))), prefixes };
}
