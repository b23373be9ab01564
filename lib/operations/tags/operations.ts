/** Object tags: read, write (replace or merge) and delete the tags of one object, or of one of its versions. */
import { checkedTags } from '../../bodies/properties.js';
import { Failure } from '../../errors/failure.js';
import { operation } from '../shared/operation.js';
import { deleteObjectTags, getObjectTags, putObjectTags } from './object-tags.js';
import { DELETE_OBJECT_TAGGING, GET_OBJECT_TAGGING, PUT_OBJECT_TAGGING } from './options.js';

export const TAGS = {
  get_object_tagging: operation(GET_OBJECT_TAGGING, {
    parse: ({ bucket, key, versionId }) => ({ bucket, key, versionId }),
    run: (client, target) => getObjectTags(client, target),
  }),

  put_object_tagging: operation(PUT_OBJECT_TAGGING, {
    parse({ bucket, key, versionId, tags, mode }) {
      if (!tags)
        throw new Failure(
          'MissingOption',
          '\'tags\' is required: a JSON object such as {"project": "q3"} ({} removes every tag with mode replace).',
          { field: 'tags' },
        );
      return { bucket, key, versionId, tags: checkedTags(tags), mode };
    },
    run: (client, request) => putObjectTags(client, request),
  }),

  delete_object_tagging: operation(DELETE_OBJECT_TAGGING, {
    parse: ({ bucket, key, versionId }) => ({ bucket, key, versionId }),
    run: (client, target) => deleteObjectTags(client, target),
  }),
};
