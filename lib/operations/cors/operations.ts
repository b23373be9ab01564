/** Bucket CORS rules: what a web page may ask of the bucket directly (signed uploads and downloads). */
import { Failure } from '../../errors/failure.js';
import { invalidField } from '../../validation.js';
import { operation } from '../shared/operation.js';
import { Values } from '../shared/option-values.js';
import { BROWSER_UPLOADS, deleteBucketCors, getBucketCors, putBucketCors } from './cors-rules.js';
import { DELETE_BUCKET_CORS, GET_BUCKET_CORS, PUT_BUCKET_CORS } from './options.js';

/** put_bucket_cors's rule: the preset's methods and headers, or the fields'. */
function corsRule(values: Values) {
  const preset = values.preset === 'browser-uploads' ? BROWSER_UPLOADS : undefined;
  const methods = values.allowedMethods as string[] | undefined;
  if (preset && methods)
    throw invalidField('allowedMethods', "must be empty with the preset 'browser-uploads' (it sets the methods)");
  if (!preset && !methods)
    throw new Failure(
      'MissingOption',
      "'allowedMethods' is required: list methods (GET, PUT, POST, DELETE, HEAD), or choose the preset 'browser-uploads'.",
      { field: 'allowedMethods' },
    );
  return {
    AllowedOrigins: values.allowedOrigins as string[],
    AllowedMethods: preset?.AllowedMethods ?? (methods as string[]),
    AllowedHeaders: (values.allowedHeaders as string[] | undefined) ?? ['*'],
    // The preset's headers stay exposed whatever else is listed: a page needs ETag to confirm an upload.
    ExposeHeaders: preset
      ? [...new Set([...preset.ExposeHeaders, ...((values.exposeHeaders as string[] | undefined) ?? [])])]
      : ((values.exposeHeaders as string[] | undefined) ?? ['ETag']),
    MaxAgeSeconds: values.maxAgeSeconds as number,
  };
}

export const CORS = {
  get_bucket_cors: operation(GET_BUCKET_CORS, {
    parse: (values) => ({ bucket: values.bucket as string }),
    run: (client, { bucket }) => getBucketCors(client, bucket),
  }),

  put_bucket_cors: operation(PUT_BUCKET_CORS, {
    parse: (values) => ({
      bucket: values.bucket as string,
      rule: corsRule(values),
      mode: values.mode as 'replace' | 'append',
    }),
    run: (client, request) => putBucketCors(client, request),
  }),

  delete_bucket_cors: operation(DELETE_BUCKET_CORS, {
    parse: (values) => ({ bucket: values.bucket as string }),
    run: (client, { bucket }) => deleteBucketCors(client, bucket),
  }),
};
