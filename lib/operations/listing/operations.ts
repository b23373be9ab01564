/** Listings: the buckets, and a bucket's objects a page or every page at a time. */
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { operation } from '../shared/operation.js';
import { listFilter, listSort } from './list-filters.js';
import { listObjects } from './list-objects.js';
import { LIST_BUCKETS, LIST_OBJECTS } from './options.js';

export const LISTING = {
  list_buckets: operation(LIST_BUCKETS, {
    parse: () => ({}),
    run: (client) => client.send(new ListBucketsCommand({})),
  }),

  list_objects: operation(LIST_OBJECTS, {
    parse: (values) => ({
      bucket: values.bucket,
      prefix: values.prefix,
      delimiter: values.delimiter,
      maxKeys: values.maxKeys,
      startAfter: values.offset,
      continuationToken: values.continuationToken?.trim() || undefined,
      fetchAll: values.fetchAll,
      maxTotalKeys: values.maxTotalKeys,
      signedUrlSeconds: values.includeSignedUrls ? values.expiresIn : undefined,
      filter: listFilter(values),
      sort: listSort(values.sortBy, values.sortOrder, values.fetchAll),
    }),
    run: (client, request) => listObjects(client, request),
  }),
};
