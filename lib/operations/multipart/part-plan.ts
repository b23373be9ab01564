/** The part plan of a browser-direct multipart upload: how a page cuts the file before it sends the parts. */
import { count, LIMITS } from '../../limits.js';
import { PartRange, partRanges } from '../shared/part-lists.js';

export interface PartPlan {
  PartSize: number;
  PartCount: number;
  /** Byte ranges per part; `End` is exclusive, as Blob.slice(Start, End) takes it. */
  Parts: PartRange[];
  Warning?: string;
}

/**
 * How to cut a file of `fileSize` bytes: parts of `partSize` (at least S3's 5 MiB), raised in
 * whole MiB when the file would otherwise need more than S3's 10,000 parts.
 */
export function partPlan(fileSize: number, partSize: number): PartPlan {
  const { partBytes, parts } = partRanges(fileSize, Math.max(partSize, LIMITS.partBytes.min));
  const Warning =
    partBytes > partSize
      ? `partSizeBytes raised to ${count(partBytes)} bytes: a ${count(fileSize)}-byte file in ${count(partSize)}-byte parts would need more than ${count(LIMITS.partsPerUpload)} parts`
      : undefined;
  return { PartSize: partBytes, PartCount: parts.length, Parts: parts, ...(Warning ? { Warning } : {}) };
}
