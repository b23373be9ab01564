/** Bucket operations: the bucket itself (its CORS rules and versioning have families of their own). */
import { operation } from '../shared/operation.js';
import { createBucket } from './create-bucket.js';
import { deleteBucket } from './bucket-delete.js';
import { CREATE_BUCKET, DELETE_BUCKET } from './options.js';
import { invalidField } from '../../validation.js';
import { shown } from '../../errors/failure.js';

export const BUCKETS = {
  create_bucket: operation(CREATE_BUCKET, {
    parse: ({ bucket, region }) => ({ bucket, region }),
    run: (client, { bucket, region }, context) => createBucket(client, bucket, region ?? context.region),
  }),

  delete_bucket: operation(DELETE_BUCKET, {
    parse({ bucket, emptyFirst, confirmBucketName }) {
      if (emptyFirst && confirmBucketName?.trim() !== bucket)
        throw invalidField(
          'confirmBucketName',
          `must repeat the bucket's name '${shown(bucket)}' to empty it: every object, version and incomplete upload in it is deleted for good`,
        );
      return { bucket, emptyFirst };
    },
    run: (client, request, context) => deleteBucket(client, request, context.describeFailure),
  }),
};
