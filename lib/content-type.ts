import { contentType as contentTypeFor } from 'mime-types';
import path from 'node:path';
import { UploadBody, UploadEncoding } from './body';

/**
 * The Content-Type stored with an upload: the one given, else the data URL's, else JSON for
 * objects, else the key's file extension, else plain text or octet-stream by encoding.
 */
export function resolveContentType(
  given: string | undefined,
  body: Pick<UploadBody, 'dataUrlType' | 'isJson'>,
  key: string,
  encoding: UploadEncoding,
): string {
  if (given) return given;
  if (body.dataUrlType) return body.dataUrlType;
  if (body.isJson) return 'application/json';
  const byExtension = path.extname(key) ? contentTypeFor(path.extname(key)) : false;
  if (byExtension) return byExtension;
  return encoding === 'utf8' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}
