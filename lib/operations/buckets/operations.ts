/** Bucket operations: the bucket itself (its CORS rules and versioning have families of their own). */
import { operation } from '../shared/operation.js';
import { createBucket } from './create-bucket.js';
import { CREATE_BUCKET } from './options.js';

export const BUCKETS = {
  create_bucket: operation(CREATE_BUCKET, {
    parse: ({ bucket, region }) => ({ bucket, region }),
    run: (client, { bucket, region }, context) => createBucket(client, bucket, region ?? context.region),
  }),
};
