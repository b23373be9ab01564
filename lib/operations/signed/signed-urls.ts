/** Presigned URLs, without checksum parameters (the client computes checksums only when required). */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from '../../bodies/properties.js';
import { presigningView } from '../../connection/client.js';
import { expiryDate } from '../shared/expiry.js';
import { defined } from '../shared/sdk-input.js';

export interface SignedGetRequest {
  bucket: string;
  key: string;
  expiresIn: number;
  downloadFilename?: string;
  responseContentType?: string;
}

export async function signedGetUrl(client: S3Client, request: SignedGetRequest): Promise<object> {
  const command = new GetObjectCommand(
    defined({
      Bucket: request.bucket,
      Key: request.key,
      ResponseContentDisposition: request.downloadFilename
        ? contentDisposition('attachment', request.downloadFilename)
        : undefined,
      ResponseContentType: request.responseContentType,
    }),
  );
  const url = await getSignedUrl(presigningView(client), command, { expiresIn: request.expiresIn });
  return { url, Method: 'GET', ExpiresIn: request.expiresIn, ExpiresAt: expiryDate(request.expiresIn) };
}

export interface SignedPutRequest {
  bucket: string;
  key: string;
  expiresIn: number;
  contentType?: string;
}

export async function signedPutUrl(client: S3Client, request: SignedPutRequest): Promise<object> {
  const command = new PutObjectCommand(
    defined({ Bucket: request.bucket, Key: request.key, ContentType: request.contentType }),
  );
  // Content-Type is signed only when declared, so the uploader must send exactly that type.
  const url = await getSignedUrl(presigningView(client), command, {
    expiresIn: request.expiresIn,
    signableHeaders: request.contentType ? new Set(['content-type']) : undefined,
  });
  const Headers = request.contentType ? { 'Content-Type': request.contentType } : {};
  return { url, Method: 'PUT', Headers, ExpiresIn: request.expiresIn, ExpiresAt: expiryDate(request.expiresIn) };
}
