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
      const prefix = values.prefix as string | undefined;
      const key = values.key as string | undefined;
      if (prefix !== undefined && key !== undefined)
        throw invalidField('key', 'must be empty when a prefix is given (key lists one key, prefix many)');
      const keyMarker = values.keyMarker as string | undefined;
      const versionIdMarker = (values.versionIdMarker as string | undefined)?.trim() || undefined;
      if (versionIdMarker && keyMarker === undefined)
        throw invalidField(
          'versionIdMarker',
          'needs keyMarker too (pass NextKeyMarker and NextVersionIdMarker together)',
        );
      return {
        bucket: values.bucket as string,
        prefix,
        key,
        maxKeys: values.maxKeys as number,
        keyMarker,
        versionIdMarker,
      };
    },
    run: (client, request) => listObjectVersions(client, request),
  }),

  restore_object_version: operation(RESTORE_OBJECT_VERSION, {
    parse: (values) => ({
      bucket: values.bucket as string,
      key: values.key as string,
      versionId: values.versionId as string | undefined,
    }),
    run: (client, { bucket, key, versionId }) => restoreVersion(client, bucket, key, versionId as string),
  }),

  get_bucket_versioning: operation(GET_BUCKET_VERSIONING, {
    parse: (values) => ({ bucket: values.bucket as string }),
    run: (client, { bucket }) => getBucketVersioning(client, bucket),
  }),

  put_bucket_versioning: operation(PUT_BUCKET_VERSIONING, {
    parse(values) {
      const status = values.status as 'Enabled' | 'Suspended' | undefined;
      if (!status)
        throw new Failure('MissingOption', "'status' is required: choose Enabled or Suspended.", { field: 'status' });
      return { bucket: values.bucket as string, status };
    },
    run: (client, { bucket, status }) => putBucketVersioning(client, bucket, status),
  }),
};
