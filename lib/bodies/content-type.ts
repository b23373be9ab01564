import mime from 'mime';
import path from 'node:path';
import { UploadBody, UploadEncoding } from './upload-encoding.js';

/** Types that are text: stored with an explicit charset, as browsers otherwise guess it. */
const TEXT_TYPE = /^text\/|^application\/(json|javascript|manifest\+json)$/;

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
  const byExtension = path.extname(key) ? mime.getType(path.extname(key)) : null;
  if (byExtension) return TEXT_TYPE.test(byExtension) ? `${byExtension}; charset=utf-8` : byExtension;
  return encoding === 'utf8' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}
