/** Bucket CORS rules: what a web page may ask of the bucket directly (signed uploads and downloads). */
import { CORSRule } from '@aws-sdk/client-s3';
import { Failure } from '../../errors/failure.js';
import { invalidField } from '../../validation.js';
import { operation } from '../shared/operation.js';
import { Values } from '../shared/option-spec.js';
import { BROWSER_UPLOADS, deleteBucketCors, getBucketCors, putBucketCors } from './cors-rules.js';
import { DELETE_BUCKET_CORS, GET_BUCKET_CORS, PUT_BUCKET_CORS } from './options.js';

/** put_bucket_cors's rule: the preset's methods and headers, or the fields'. */
function corsRule(values: Values<typeof PUT_BUCKET_CORS.options>): CORSRule {
  const preset = values.preset === 'browser-uploads' ? BROWSER_UPLOADS : undefined;
  if (preset && values.allowedMethods)
    throw invalidField('allowedMethods', "must be empty with the preset 'browser-uploads' (it sets the methods)");
  const methods = preset?.AllowedMethods ?? values.allowedMethods;
  if (!methods)
    throw new Failure(
      'MissingOption',
      "'allowedMethods' is required: list methods (GET, PUT, POST, DELETE, HEAD), or choose the preset 'browser-uploads'.",
      { field: 'allowedMethods' },
    );
  const exposed = values.exposeHeaders;
  return {
    AllowedOrigins: values.allowedOrigins,
    AllowedMethods: methods,
    AllowedHeaders: values.allowedHeaders ?? ['*'],
    // The preset's headers stay exposed whatever else is listed: a page needs ETag to confirm an upload.
    ExposeHeaders: preset ? [...new Set([...preset.ExposeHeaders, ...(exposed ?? [])])] : (exposed ?? ['ETag']),
    MaxAgeSeconds: values.maxAgeSeconds,
  };
}

export const CORS = {
  get_bucket_cors: operation(GET_BUCKET_CORS, {
    parse: ({ bucket }) => ({ bucket }),
    run: (client, { bucket }) => getBucketCors(client, bucket),
  }),

  put_bucket_cors: operation(PUT_BUCKET_CORS, {
    parse: (values) => ({ bucket: values.bucket, rule: corsRule(values), mode: values.mode }),
    run: (client, request) => putBucketCors(client, request),
  }),

  delete_bucket_cors: operation(DELETE_BUCKET_CORS, {
    parse: ({ bucket }) => ({ bucket }),
    run: (client, { bucket }) => deleteBucketCors(client, bucket),
  }),
};
