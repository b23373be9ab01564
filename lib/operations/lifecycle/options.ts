/** The options of bucket lifecycle rules: read, write a preset rule (replace or append), delete. */
import { LIMITS } from '../../limits.js';
import { bucket } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const GET_BUCKET_LIFECYCLE = {
  name: 'Read bucket lifecycle rules',
  options: [bucket],
} as const satisfies OperationForm;

export const PUT_BUCKET_LIFECYCLE = {
  name: 'Write a bucket lifecycle rule',
  options: [
    bucket,
    {
      key: 'rule',
      label: 'Rule',
      kind: 'choice',
      choices: [
        { value: 'abort-incomplete-uploads', name: 'Abort incomplete multipart uploads after N days' },
        { value: 'expire-objects', name: 'Delete objects under a prefix N days after they were written' },
        {
          value: 'expire-noncurrent-versions',
          name: 'Delete old (noncurrent) versions N days after they were replaced',
        },
      ],
      default: 'abort-incomplete-uploads',
      help: 'What the rule does; S3 applies it once a day',
    },
    {
      key: 'days',
      label: 'Days',
      kind: 'integer',
      min: 1,
      max: LIMITS.lifecycleDays,
      default: 7,
      help: 'After how many days the rule acts',
    },
    {
      key: 'prefix',
      label: 'Prefix',
      kind: 'text',
      help: 'Only keys that start with this text (required to delete objects; empty is the whole bucket for the other rules)',
      placeholder: 'exports/',
    },
    {
      key: 'ruleId',
      label: 'Rule ID',
      kind: 'text',
      help: "The rule's name; made from the rule and prefix when empty. A rule of the same ID is replaced",
      placeholder: 'abort-uploads',
    },
    {
      key: 'existingRules',
      label: 'Existing rules',
      kind: 'choice',
      choices: [
        { value: 'keep', name: "Keep them: add this rule to the bucket's rules" },
        { value: 'replace', name: "Replace them: this rule becomes the bucket's only one" },
      ],
      default: 'keep',
      help: "S3 replaces a bucket's whole lifecycle configuration on every write; append reads the current rules and adds this one",
    },
  ],
} as const satisfies OperationForm;

export const DELETE_BUCKET_LIFECYCLE = {
  name: 'Delete bucket lifecycle rules',
  options: [bucket],
} as const satisfies OperationForm;
