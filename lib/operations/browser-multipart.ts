/**
 * Browser-direct multipart uploads: the app builder's server only starts, signs, completes or
 * aborts; the file's bytes go from the user's browser straight to S3 in parallel parts (so a
 * 20 GB file never passes through the server and an interrupted upload can resume with the
 * parts S3 already has). The browser needs the bucket's CORS rule to expose ETag, the receipt
 * of each part.
 */
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mapInSlices } from '../time-slices.js';
import { signedPartUrls } from './batch-presign.js';
import { sendCompletion } from './completion-body.js';
import { ObjectProperties } from '../bodies/properties.js';
import { Failure } from '../errors/failure.js';
import { etagOf, quoted } from './etag.js';
import { CompletedPart, partPlan } from './part-lists.js';
import { defined } from './sdk-input.js';
import { expiryDate } from './signed-urls.js';

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
  const plan = request.fileSize > 0 ? partPlan(request.fileSize, request.partSize) : { partSize: request.partSize };
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
  const urls = await mapInSlices(partNumbers, (PartNumber, index) => ({ PartNumber, url: signed[index] }));
  return {
    Bucket: target.bucket,
    Key: target.key,
    UploadId: target.uploadId,
    method: 'PUT',
    expiresIn,
    expiresAt: expiryDate(expiresIn, signingDate),
    urls,
  };
}

export async function completeUpload(client: S3Client, target: UploadTarget, parts: CompletedPart[]): Promise<object> {
  const output = await sendCompletion(
    client,
    { Bucket: target.bucket, Key: target.key, UploadId: target.uploadId },
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
    Parts: parts.length,
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
  const parts: Array<{ PartNumber?: number; ETag?: string; Size?: number; LastModified?: Date }> = [];
  let marker: string | undefined;
  for (;;) {
    const output = await client.send(
      new ListPartsCommand(
        defined({ Bucket: target.bucket, Key: target.key, UploadId: target.uploadId, PartNumberMarker: marker }),
      ),
    );
    for (const part of output.Parts ?? [])
      parts.push({
        PartNumber: part.PartNumber,
        ETag: quoted(part.ETag),
        Size: part.Size,
        LastModified: part.LastModified,
      });
    if (!output.IsTruncated) break;
    const next = output.NextPartNumberMarker;
    // A server that repeats its marker would be asked for pages forever.
    if (!next || next === marker)
      throw new Failure(
        'ListingDidNotAdvance',
        `The part list of upload '${target.uploadId}' did not advance; stopped.`,
        {
          parts: parts.length,
        },
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
