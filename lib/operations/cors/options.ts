/** The options of bucket CORS rules. */
import { LIMITS } from '../../limits.js';
import { bucket } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

export const GET_BUCKET_CORS = { name: 'Read bucket CORS rules', options: [bucket] } as const satisfies OperationForm;

export const PUT_BUCKET_CORS = {
  name: 'Write bucket CORS rules',
  options: [
    bucket,
    {
      key: 'preset',
      label: 'Preset',
      kind: 'choice',
      choices: [
        { value: '', name: 'Custom: the fields below' },
        { value: 'browser-uploads', name: 'Browser uploads from these origins (GET, PUT, POST, HEAD; ETag exposed)' },
      ],
      default: '',
      help: 'Browser uploads allows signed uploads and downloads from a web page on the origins given',
    },
    {
      key: 'allowedOrigins',
      label: 'Allowed origins',
      kind: 'originList',
      required: true,
      help: "Origins of the app's pages: a JSON array or one per line; * for any",
      placeholder: 'https://apps.example.com',
    },
    {
      key: 'allowedMethods',
      label: 'Allowed methods',
      kind: 'methodList',
      help: 'GET, PUT, POST, DELETE or HEAD: a JSON array or one per line (required unless a preset is chosen)',
      placeholder: '["GET", "PUT"]',
    },
    {
      key: 'allowedHeaders',
      label: 'Allowed headers',
      kind: 'allowedHeaders',
      help: 'Request headers a page may send; * (any) when empty',
      placeholder: '*',
    },
    {
      key: 'exposeHeaders',
      label: 'Expose headers',
      kind: 'exposeHeaders',
      help: 'Response headers a page may read; ETag when empty (a page needs it to confirm an upload)',
      placeholder: 'ETag',
    },
    {
      key: 'maxAgeSeconds',
      label: 'Max age (s)',
      kind: 'integer',
      min: 0,
      max: LIMITS.corsMaxAgeSeconds,
      default: 3000,
      help: 'Seconds a browser may cache the answer to its preflight request',
    },
    {
      key: 'mode',
      label: 'Mode',
      kind: 'choice',
      choices: [
        { value: 'replace', name: "Replace the bucket's rules with this one" },
        { value: 'append', name: "Add this rule to the bucket's rules" },
      ],
      default: 'replace',
      help: "S3 replaces a bucket's whole CORS configuration on every write; append reads the current rules and adds this one",
    },
  ],
} as const satisfies OperationForm;

export const DELETE_BUCKET_CORS = {
  name: 'Delete bucket CORS rules',
  options: [bucket],
} as const satisfies OperationForm;
