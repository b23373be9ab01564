/**
 * Server-side copies. Up to S3's single-copy limit (5 GB) one CopyObject; above it a
 * multipart copy (UploadPartCopy of byte ranges, in parallel), aborted when any part fails.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  MetadataDirective,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { defined } from './sdk-input.js';
import { notS3 } from '../../connection/response-checks.js';
import { provenCopyEtag } from './copy-proof.js';
import { ObjectProperties } from '../../bodies/properties.js';
import { inParallel } from './in-parallel.js';
import { partRanges } from './part-lists.js';
import { checkServedVersion } from './version-id.js';

export interface CopyLimits {
  singleCopyMaxBytes: number;
  partBytes: number;
  parallelParts: number;
}

/** The largest object S3 stores. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 4;

const S3_COPY_LIMITS: CopyLimits = {
  singleCopyMaxBytes: 5 * 1024 ** 3,
  partBytes: 512 * 1024 ** 2,
  parallelParts: 4,
};

export interface CopyRequest {
  sourceBucket: string;
  sourceKey: string;
  /** A version of the source (restore_object_version); the current one when unset. */
  sourceVersionId?: string;
  destinationBucket: string;
  destinationKey: string;
  /** COPY keeps the source's metadata; REPLACE stores `properties` and `contentType` instead. */
  metadataDirective: MetadataDirective;
  contentType?: string;
  properties: ObjectProperties;
  /** The source's size when already known (from a listing): a plain single copy then needs no HEAD. */
  sourceSize?: number;
  /** The source's ETag when already known (from a listing), to prove a copy confirmed without one. */
  sourceEtag?: string;
}

export interface CopyResult {
  ETag?: string;
  VersionId?: string;
  ContentLength?: number;
  Multipart: boolean;
  /** How many parts a multipart copy took. */
  PartCount?: number;
}

/** `x-amz-copy-source`: bucket and URL-encoded key, slashes kept, and the version when one is named. */
function copySource(request: CopyRequest): string {
  const path = `${request.sourceBucket}/${request.sourceKey.split('/').map(encodeURIComponent).join('/')}`;
  return request.sourceVersionId ? `${path}?versionId=${encodeURIComponent(request.sourceVersionId)}` : path;
}

const destination = (request: CopyRequest, VersionId?: string) => ({
  Bucket: request.destinationBucket,
  Key: request.destinationKey,
  ...(VersionId ? { VersionId } : {}),
});

/** The byte ranges of a multipart copy (`end` inclusive, as CopySourceRange takes it). */
export function copyParts(size: number, partBytes: number): Array<{ PartNumber: number; start: number; end: number }> {
  return partRanges(size, partBytes).parts.map(({ PartNumber, Start, End }) => ({
    PartNumber,
    start: Start,
    end: End - 1,
  }));
}

export async function copyObject(
  client: S3Client,
  request: CopyRequest,
  limits: CopyLimits = S3_COPY_LIMITS,
): Promise<CopyResult> {
  const known = request.sourceSize;
  if (known !== undefined && known <= limits.singleCopyMaxBytes && request.metadataDirective === 'COPY')
    return singleCopy(client, request, { size: known, etag: request.sourceEtag });
  // The source's size decides single or multipart copy (and a missing source fails here, clearly).
  const head = await client.send(
    new HeadObjectCommand(
      defined({ Bucket: request.sourceBucket, Key: request.sourceKey, VersionId: request.sourceVersionId }),
    ),
  );
  // A server without versioning would copy the current object over itself.
  checkServedVersion(
    request.sourceVersionId,
    head.VersionId,
    { bucket: request.sourceBucket, key: request.sourceKey },
    ' Nothing was copied.',
  );
  const size = head.ContentLength ?? 0;
  if (size > MAX_OBJECT_BYTES)
    throw notS3(`it says the source is ${size} bytes, more than any S3 object can be (5 TiB)`, { size });
  const replace = request.metadataDirective === 'REPLACE';
  if (size <= limits.singleCopyMaxBytes)
    return singleCopy(client, request, { size, etag: head.ETag, contentType: head.ContentType });

  // A multipart upload does not inherit anything: carry the source's properties over unless replaced.
  const kept = replace
    ? { ContentType: request.contentType ?? head.ContentType, ...request.properties }
    : {
        ContentType: head.ContentType,
        CacheControl: head.CacheControl,
        ContentDisposition: head.ContentDisposition,
        ContentEncoding: head.ContentEncoding,
        ContentLanguage: head.ContentLanguage,
        Metadata: head.Metadata,
      };
  // S3 dates a multipart object from the upload's start.
  const startedAt = Date.now();
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand(
      defined({ Bucket: request.destinationBucket, Key: request.destinationKey, ...kept }),
    ),
  );
  try {
    const ranges = copyParts(size, limits.partBytes);
    const parts = await inParallel(ranges, limits.parallelParts, async ({ PartNumber, start, end }) => {
      const output = await client.send(
        new UploadPartCopyCommand({
          Bucket: request.destinationBucket,
          Key: request.destinationKey,
          UploadId,
          PartNumber,
          CopySource: copySource(request),
          CopySourceRange: `bytes=${start}-${end}`,
        }),
      );
      return { PartNumber, ETag: output.CopyPartResult?.ETag };
    });
    const output = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: request.destinationBucket,
        Key: request.destinationKey,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return {
      ETag: await provenCopyEtag(client, destination(request, output.VersionId), output.ETag, { startedAt, size }),
      VersionId: output.VersionId,
      ContentLength: size,
      Multipart: true,
      PartCount: parts.length,
    };
  } catch (error) {
    await client
      .send(
        new AbortMultipartUploadCommand({ Bucket: request.destinationBucket, Key: request.destinationKey, UploadId }),
      )
      .catch(() => undefined);
    throw error;
  }
}

/** One CopyObject; with REPLACE the source's content type is kept unless a new one is given. */
async function singleCopy(
  client: S3Client,
  request: CopyRequest,
  source: { size: number; etag?: string; contentType?: string },
): Promise<CopyResult> {
  const replace = request.metadataDirective === 'REPLACE';
  const startedAt = Date.now();
  const output = await client.send(
    new CopyObjectCommand(
      defined({
        Bucket: request.destinationBucket,
        Key: request.destinationKey,
        CopySource: copySource(request),
        MetadataDirective: request.metadataDirective,
        ...(replace ? { ContentType: request.contentType ?? source.contentType, ...request.properties } : {}),
      }),
    ),
  );
  return {
    ETag: await provenCopyEtag(client, destination(request, output.VersionId), output.CopyObjectResult?.ETag, {
      startedAt,
      size: source.size,
      sourceEtag: source.etag,
    }),
    VersionId: output.VersionId,
    ContentLength: source.size,
    Multipart: false,
  };
}
