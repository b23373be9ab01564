/** Signed URLs and forms: a browser or curl downloads or uploads with them, no credentials needed. */
import { Failure } from '../../errors/failure.js';
import { userMetadata } from '../../bodies/properties.js';
import { invalidField } from '../../validation.js';
import { operation } from '../shared/operation.js';
import { SIGNED_POST_FOR_UPLOAD, SIGNED_URL_FOR_GET, SIGNED_URL_FOR_PUT } from './options.js';
import { FILENAME_VARIABLE, postKeyPrefix, signedPost } from './signed-post.js';
import { signedGetUrl, signedPutUrl } from './signed-urls.js';

export const SIGNED = {
  signed_url_for_get: operation(SIGNED_URL_FOR_GET, {
    parse: ({ bucket, key, expiresIn, downloadFilename, responseContentType }) => ({
      bucket,
      key,
      expiresIn,
      downloadFilename,
      responseContentType,
    }),
    run: (client, request) => signedGetUrl(client, request),
  }),

  signed_url_for_put: operation(SIGNED_URL_FOR_PUT, {
    parse: ({ bucket, key, expiresIn, contentType }) => ({ bucket, key, expiresIn, contentType }),
    run: (client, request) => signedPutUrl(client, request),
  }),

  signed_post_for_upload: operation(SIGNED_POST_FOR_UPLOAD, {
    parse(values) {
      const { key } = values;
      const keyPrefix = postKeyPrefix(values.keyPrefix);
      if (key === undefined && keyPrefix === undefined)
        throw new Failure(
          'MissingOption',
          "'key' or 'keyPrefix' is required: a key stores the file under it, a key prefix under the prefix and the file's own name.",
          { field: 'key' },
        );
      if (key !== undefined && keyPrefix !== undefined)
        throw invalidField(
          'keyPrefix',
          'must be empty when a key is given: give either a key or a keyPrefix, not both',
        );
      // The signer turns a key ending in ${filename} into a prefix condition: a fixed key must be fixed.
      if (key?.includes(FILENAME_VARIABLE))
        throw invalidField(
          'key',
          `must not contain ${FILENAME_VARIABLE}: use keyPrefix to store files under their own name`,
        );
      return {
        bucket: values.bucket,
        key,
        keyPrefix,
        maxSizeBytes: values.maxSizeBytes,
        contentTypePrefix: values.contentTypePrefix,
        allowInline: values.allowInline,
        metadata: userMetadata(values.metadata),
        expiresIn: values.expiresIn,
      };
    },
    run: (client, request) => signedPost(client, request),
  }),
};
