/** Object versions and the bucket's versioning switch. */
import { Failure } from '../../errors/failure.js';
import { invalidField } from '../../validation.js';
import { operation } from '../shared/operation.js';
import {
  GET_BUCKET_VERSIONING,
  LIST_OBJECT_VERSIONS,
  PUT_BUCKET_VERSIONING,
  RESTORE_OBJECT_VERSION,
} from './options.js';
import { getBucketVersioning, listObjectVersions, putBucketVersioning, restoreVersion } from './versions.js';

export const VERSIONS = {
  list_object_versions: operation(LIST_OBJECT_VERSIONS, {
    parse(values) {
      const { bucket, prefix, key, maxKeys, keyMarker } = values;
      if (prefix !== undefined && key !== undefined)
        throw invalidField('key', 'must be empty when a prefix is given (key lists one key, prefix many)');
      const versionIdMarker = values.versionIdMarker?.trim() || undefined;
      if (versionIdMarker && keyMarker === undefined)
        throw invalidField(
          'versionIdMarker',
          'needs keyMarker too (pass NextKeyMarker and NextVersionIdMarker together)',
        );
      return { bucket, prefix, key, maxKeys, keyMarker, versionIdMarker };
    },
    run: (client, request) => listObjectVersions(client, request),
  }),

  restore_object_version: operation(RESTORE_OBJECT_VERSION, {
    parse: ({ bucket, key, versionId }) => ({ bucket, key, versionId }),
    run: (client, { bucket, key, versionId }) => restoreVersion(client, bucket, key, versionId),
  }),

  get_bucket_versioning: operation(GET_BUCKET_VERSIONING, {
    parse: ({ bucket }) => ({ bucket }),
    run: (client, { bucket }) => getBucketVersioning(client, bucket),
  }),

  put_bucket_versioning: operation(PUT_BUCKET_VERSIONING, {
    parse({ bucket, status }) {
      if (!status)
        throw new Failure('MissingOption', "'status' is required: choose Enabled or Suspended.", { field: 'status' });
      return { bucket, status };
    },
    run: (client, { bucket, status }) => putBucketVersioning(client, bucket, status),
  }),
};
