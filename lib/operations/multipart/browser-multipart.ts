/**
 * Browser-direct multipart uploads: the app builder's server only starts, signs, completes or
 * aborts; the file's bytes go from the user's browser straight to S3 in parallel parts (so a
 * 20 GB file never passes through the server and an interrupted upload can resume with the
 * parts S3 already has). The browser needs the bucket's CORS rule to expose ETag, the receipt
 * of each part.
 */
import { WriteCondition } from '../shared/conditional-write.js';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  ListPartsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { mapInSlices } from '../../time-slices.js';
import { signedPartUrls } from '../shared/batch-presign.js';
import { sendCompletion } from './completion-body.js';
import { ObjectProperties } from '../../bodies/properties.js';
import { notS3 } from '../../connection/response-checks.js';
import { Failure, shown } from '../../errors/failure.js';
import { count, LIMITS } from '../../limits.js';
import { MAX_FIELD_LENGTH } from '../shared/listing-checks.js';
import { etagOf, quoted } from '../shared/etag.js';
import { CompletedPart } from '../shared/part-lists.js';
import { partPlan } from './part-plan.js';
import { defined } from '../shared/sdk-input.js';
import { expiryDate } from '../shared/expiry.js';

export interface UploadTarget {
  bucket: string;
  key: string;
  uploadId: string;
}

export interface CreateRequest {
  bucket: string;
  key: string;
  contentType?: string;
  properties: ObjectProperties;
  /** The file's size, for a part plan; 0 when not known. */
  fileSize: number;
  partSize: number;
}

export async function createUpload(client: S3Client, request: CreateRequest): Promise<object> {
  const output = await client.send(
    new CreateMultipartUploadCommand(
      defined({ Bucket: request.bucket, Key: request.key, ContentType: request.contentType, ...request.properties }),
    ),
  );
  // Without a file size there is no plan, but the part size still tells a page how to slice.
  const plan = request.fileSize > 0 ? partPlan(request.fileSize, request.partSize) : { PartSize: request.partSize };
  return defined({
    Bucket: request.bucket,
    Key: request.key,
    UploadId: output.UploadId,
    ContentType: request.contentType,
    FileSize: request.fileSize || undefined,
    ...plan,
  });
}

export async function signPartUrls(
  client: S3Client,
  target: UploadTarget,
  partNumbers: number[],
  expiresIn: number,
): Promise<object> {
  const signingDate = new Date();
  const signed = await signedPartUrls(client, target, partNumbers, expiresIn, signingDate);
  const urls = await mapInSlices(partNumbers, (PartNumber, index) => ({ PartNumber, Url: signed[index] }));
  return {
    Bucket: target.bucket,
    Key: target.key,
    UploadId: target.uploadId,
    Method: 'PUT',
    ExpiresIn: expiresIn,
    ExpiresAt: expiryDate(expiresIn, signingDate),
    Urls: urls,
  };
}

export async function completeUpload(
  client: S3Client,
  target: UploadTarget,
  parts: CompletedPart[],
  condition: WriteCondition = {},
): Promise<object> {
  const output = await sendCompletion(
    client,
    { Bucket: target.bucket, Key: target.key, UploadId: target.uploadId, ...condition },
    parts,
  );
  const object = {
    Bucket: target.bucket,
    Key: target.key,
    ...(output.VersionId ? { VersionId: output.VersionId } : {}),
  };
  return defined({
    ...object,
    ETag: await etagOf(client, object, output.ETag),
    Location: output.Location,
    PartCount: parts.length,
  });
}

export async function abortUpload(client: S3Client, target: UploadTarget): Promise<object> {
  await client.send(
    new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: target.uploadId }),
  );
  return { Bucket: target.bucket, Key: target.key, UploadId: target.uploadId, Aborted: true };
}

export interface ListUploadsRequest {
  bucket: string;
  prefix?: string;
  maxUploads: number;
  keyMarker?: string;
  uploadIdMarker?: string;
  olderThanHours?: number;
}

/** Incomplete uploads with their age, so an app can clean up the stale ones. */
export async function listUploads(client: S3Client, request: ListUploadsRequest, now = Date.now()): Promise<object> {
  const output = await client.send(
    new ListMultipartUploadsCommand(
      defined({
        Bucket: request.bucket,
        Prefix: request.prefix,
        MaxUploads: request.maxUploads,
        KeyMarker: request.keyMarker,
        UploadIdMarker: request.keyMarker ? request.uploadIdMarker : undefined,
      }),
    ),
  );
  const listed = output.Uploads?.length ?? 0;
  if (listed > request.maxUploads)
    throw notS3(`it listed ${listed} uploads on a page of at most ${request.maxUploads}`, { listed });
  const minimumAge = (request.olderThanHours ?? 0) * 3600;
  const uploads = (output.Uploads ?? [])
    .map((upload) => ({
      Key: upload.Key,
      UploadId: upload.UploadId,
      Initiated: upload.Initiated,
      AgeSeconds: upload.Initiated ? Math.max(0, Math.floor((now - upload.Initiated.getTime()) / 1000)) : undefined,
      StorageClass: upload.StorageClass,
    }))
    .filter((upload) => (upload.AgeSeconds ?? 0) >= minimumAge);
  return defined({
    Bucket: request.bucket,
    Prefix: request.prefix,
    Uploads: uploads,
    IsTruncated: output.IsTruncated ?? false,
    NextKeyMarker: output.IsTruncated ? output.NextKeyMarker : undefined,
    NextUploadIdMarker: output.IsTruncated ? output.NextUploadIdMarker : undefined,
  });
}

/** Every part S3 holds for an upload (pages of 1,000), so an interrupted browser upload sends only the rest. */
export async function listUploadedParts(client: S3Client, target: UploadTarget): Promise<object> {
  const parts: UploadedPart[] = [];
  let marker = 0;
  for (let pages = 1; ; pages += 1) {
    const output = await client.send(
      new ListPartsCommand(
        defined({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: target.uploadId,
          MaxParts: LIMITS.partsPerPage,
          PartNumberMarker: marker ? String(marker) : undefined,
        }),
      ),
    );
    const page = checkedParts(output, marker);
    parts.push(...page);
    if (!output.IsTruncated) break;
    // Parts ascend within 1 to 10,000 and every page holds one past the last: at most 10,000 parts in all.
    const next = Number(output.NextPartNumberMarker);
    if (next >= LIMITS.partsPerUpload)
      throw notS3(
        `it said more parts follow part ${count(next)}, where S3's ${count(LIMITS.partsPerUpload)} parts end`,
      );
    if (page.length === 0 || !(Number.isInteger(next) && next > marker))
      throw new Failure(
        'ListingDidNotAdvance',
        `The part list of upload '${shown(target.uploadId)}' did not advance after ${pages} pages (${page.length === 0 ? 'an empty page said there was more' : 'the server gave no part number to go on from'}); stopped.`,
        { pages, parts: parts.length },
      );
    marker = next;
  }
  return {
    Bucket: target.bucket,
    Key: target.key,
    UploadId: target.uploadId,
    Parts: parts,
    PartCount: parts.length,
    Size: parts.reduce((total, part) => total + (part.Size ?? 0), 0),
  };
}

interface UploadedPart {
  PartNumber: number;
  ETag?: string;
  Size?: number;
  LastModified?: Date;
}

/** A page's parts, after the checks that keep a server from listing without end: S3 lists parts in ascending order. */
function checkedParts(output: ListPartsCommandOutput, marker: number): UploadedPart[] {
  const listed = output.Parts ?? [];
  if (listed.length > LIMITS.partsPerPage)
    throw notS3(`it listed ${listed.length} parts on a page of at most ${LIMITS.partsPerPage}`, {
      listed: listed.length,
    });
  let previous = marker;
  return listed.map((part) => {
    const number = part.PartNumber ?? 0;
    if (number > LIMITS.partsPerUpload)
      throw notS3(`it listed part ${number}, beyond S3's ${count(LIMITS.partsPerUpload)} parts of an upload`);
    if (!(Number.isInteger(number) && number > previous))
      throw notS3(`it listed part ${number} out of order (after part ${previous})`);
    if ((part.ETag?.length ?? 0) > MAX_FIELD_LENGTH) throw notS3('it listed a part with an ETag longer than S3 sends');
    previous = number;
    return { PartNumber: number, ETag: quoted(part.ETag), Size: part.Size, LastModified: part.LastModified };
  });
}
