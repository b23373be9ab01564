/** The options of object tags: read, write (replace or merge) and delete the tags of one object. */
import { LIMITS } from '../../limits.js';
import { bucket, key, versionId } from '../shared/common-options.js';
import { OperationForm } from '../shared/option-spec.js';

const target = [bucket, key, versionId] as const;

export const GET_OBJECT_TAGGING = { name: 'Read object tags', options: target } as const satisfies OperationForm;

export const PUT_OBJECT_TAGGING = {
  name: 'Write object tags',
  options: [
    ...target,
    {
      key: 'tags',
      label: 'Tags',
      kind: 'json',
      help: `JSON object of tags (S3 keeps up to ${LIMITS.tagsPerObject} an object; keys up to ${LIMITS.tagKeyCharacters}, values up to ${LIMITS.tagValueCharacters} characters); required, {} for none`,
      placeholder: '{"project": "q3", "status": "final"}',
    },
    {
      key: 'mode',
      label: 'Mode',
      kind: 'choice',
      choices: [
        { value: 'replace', name: "Replace the object's tags with these" },
        { value: 'merge', name: "Merge these into the object's tags (a tag given replaces one of its key)" },
      ],
      default: 'replace',
      help: "S3 replaces all of an object's tags on every write; merge reads the current tags and adds these to them",
    },
  ],
} as const satisfies OperationForm;

export const DELETE_OBJECT_TAGGING = {
  name: 'Delete object tags',
  options: target,
} as const satisfies OperationForm;
