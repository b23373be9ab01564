/** Listings: the buckets, and a bucket's objects a page or every page at a time. */
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { operation } from '../shared/operation.js';
import { listObjects } from './list-objects.js';
import { LIST_BUCKETS, LIST_OBJECTS } from './options.js';

export const LISTING = {
  list_buckets: operation(LIST_BUCKETS, {
    parse: () => ({}),
    run: (client) => client.send(new ListBucketsCommand({})),
  }),

  list_objects: operation(LIST_OBJECTS, {
    parse: (values) => ({
      bucket: values.bucket as string,
      prefix: values.prefix as string | undefined,
      delimiter: values.delimiter as string | undefined,
      maxKeys: values.maxKeys as number,
      startAfter: values.offset as string | undefined,
      continuationToken: (values.continuationToken as string | undefined)?.trim() || undefined,
      fetchAll: values.fetchAll as boolean,
      maxTotalKeys: values.maxTotalKeys as number,
      signedUrlSeconds: values.includeSignedUrls ? (values.expiresIn as number) : undefined,
    }),
    run: (client, request) => listObjects(client, request),
  }),
};
