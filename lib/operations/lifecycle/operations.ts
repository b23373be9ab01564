/** Bucket lifecycle rules: read, write a preset rule (append or replace), delete. */
import { shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { invalidField } from '../../validation.js';
import { operation } from '../shared/operation.js';
import { deleteBucketLifecycle, getBucketLifecycle, putBucketLifecycle } from './lifecycle-rules.js';
import { DELETE_BUCKET_LIFECYCLE, GET_BUCKET_LIFECYCLE, PUT_BUCKET_LIFECYCLE } from './options.js';

export const LIFECYCLE = {
  get_bucket_lifecycle: operation(GET_BUCKET_LIFECYCLE, {
    parse: ({ bucket }) => ({ bucket }),
    run: (client, { bucket }) => getBucketLifecycle(client, bucket),
  }),

  put_bucket_lifecycle: operation(PUT_BUCKET_LIFECYCLE, {
    parse({ bucket, rule: preset, days, prefix = '', ruleId, existingRules }) {
      // Expiring the whole bucket deletes everything in it, a day at a time: never from an empty field.
      if (preset === 'expire-objects' && !prefix)
        throw invalidField(
          'prefix',
          "is required with the preset 'expire-objects': the keys whose objects are deleted, such as exports/",
        );
      if (Buffer.byteLength(prefix) > LIMITS.keyBytes)
        throw invalidField('prefix', `must be at most ${LIMITS.keyBytes} bytes`);
      const id = ruleId?.trim() || `${preset}${prefix ? `-${prefix}` : ''}`.slice(0, LIMITS.lifecycleRuleIdCharacters);
      if (id.length > LIMITS.lifecycleRuleIdCharacters)
        throw invalidField(
          'ruleId',
          `must be at most ${LIMITS.lifecycleRuleIdCharacters} characters (got '${shown(id)}')`,
        );
      return {
        bucket,
        preset,
        days,
        prefix,
        ruleId: id,
        mode: existingRules === 'keep' ? ('append' as const) : ('replace' as const),
      };
    },
    run: (client, request) => putBucketLifecycle(client, request),
  }),

  delete_bucket_lifecycle: operation(DELETE_BUCKET_LIFECYCLE, {
    parse: ({ bucket }) => ({ bucket }),
    run: (client, { bucket }) => deleteBucketLifecycle(client, bucket),
  }),
};
