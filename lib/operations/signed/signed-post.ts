/**
 * Presigned POST: an HTML-form upload whose policy S3 itself enforces (size range, content
 * type, a fixed key or a key prefix, expiry, served as a download unless inline is allowed),
 * which a presigned PUT cannot: a signed PUT URL takes a file of any size. @aws-sdk/s3-presigned-post writes and signs the policy.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { shown } from '../../errors/failure.js';
import { invalidField } from '../../validation.js';
import { expiryDate } from '../shared/expiry.js';

/** S3 replaces this in the key field with the uploaded file's name. */
export const FILENAME_VARIABLE = '${filename}';

/**
 * The prefix a form's key must start with, ending in `/`: the policy's condition is a plain
 * starts-with, so `users/12` would also admit `users/123/…`.
 */
export function postKeyPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  if (prefix.includes(FILENAME_VARIABLE))
    throw invalidField('keyPrefix', `must not contain ${FILENAME_VARIABLE}: the file's own name is added after it`);
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/**
 * A policy cannot refuse a type (only require a prefix), so a form admits text/html or an SVG
 * with a script: stored cross-site scripting wherever the bucket's origin matters. It can fix
 * Content-Disposition, and browsers download an attachment instead of rendering it.
 */
const ATTACHMENT = { 'Content-Disposition': 'attachment' };

export interface SignedPostRequest {
  bucket: string;
  /** Exactly one of key and keyPrefix. */
  key?: string;
  keyPrefix?: string;
  maxSizeBytes: number;
  contentTypePrefix?: string;
  /** Without it the policy requires Content-Disposition: attachment (see ATTACHMENT). */
  allowInline: boolean;
  metadata?: Record<string, string>;
  expiresIn: number;
}

export async function signedPost(client: S3Client, request: SignedPostRequest): Promise<object> {
  const metadataFields = Object.fromEntries(
    Object.entries(request.metadata ?? {}).map(([name, value]) => [`x-amz-meta-${name}`, value]),
  );
  const signedAt = new Date();
  // A key ending in ${filename} makes the library sign a starts-with condition on the prefix.
  const { url, fields } = await createPresignedPost(client, {
    Bucket: request.bucket,
    Key: request.key ?? `${request.keyPrefix}${FILENAME_VARIABLE}`,
    Conditions: [
      ['content-length-range', 0, request.maxSizeBytes],
      // The form must send the file's type (S3 refuses a form without a field a condition names).
      ['starts-with', '$Content-Type', request.contentTypePrefix ?? ''],
    ],
    // 201: S3 answers with XML naming the stored key, which a ${filename} upload needs to learn.
    // Fields are signed as exact conditions and returned in `Fields`, so a form that sends them complies.
    Fields: { success_action_status: '201', ...(request.allowInline ? {} : ATTACHMENT), ...metadataFields },
    Expires: request.expiresIn,
  });
  return {
    Url: url,
    Method: 'POST',
    Fields: fields,
    FileField: 'file',
    ContentTypeField: 'Content-Type',
    /** What the form adds after `Fields`, before the file. */
    RequiredFields: {
      'Content-Type': `the file's type${request.contentTypePrefix ? `, starting with ${shown(request.contentTypePrefix)}` : ''}`,
    },
    ...(request.key ? { Key: request.key } : { KeyPrefix: request.keyPrefix }),
    MaxSizeBytes: request.maxSizeBytes,
    ...(request.contentTypePrefix ? { ContentTypePrefix: request.contentTypePrefix } : {}),
    ExpiresIn: request.expiresIn,
    ExpiresAt: expiryDate(request.expiresIn, signedAt),
  };
}
