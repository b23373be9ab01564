/**
 * manifest.json and operations.json, generated from the plugin's field specs
 * (lib/connection/fields.ts, lib/operations/<family>/options.ts) for the app builder's form renderer:
 * - help goes to the label's `tooltip`, the one place it shows for every field type (a
 *   `description` is only the placeholder of text fields, and codehinter, toggle, dropdown and
 *   flip fields show none);
 * - no `commonFields` (they are drawn above the Authentication dropdown): each authentication's
 *   form lists its own fields, then region and endpoint, then the advanced settings;
 * - `controller` only on text and password fields (the renderer hides no other type).
 * `npm run forms` writes the files; a unit test fails when they differ from what this generates.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUTH_FORMS, AUTH_MODE_CHOICES, ConnectionField, FIELDS } from '../../lib/connection/fields.js';
import { count, integerRange, LIMITS } from '../../lib/limits.js';
import { textCap } from '../../lib/operations/shared/option-values.js';
import { takesDataSourceBucket } from '../../lib/operations/shared/data-source-bucket.js';
import { helpText, OptionSpec } from '../../lib/operations/shared/option-spec.js';
import { OPERATION_SPECS } from '../../lib/operations/table.js';
import { projectRoot } from '../project-root.js';

type Json = Record<string, unknown>;

function connectionTooltip(field: ConnectionField): string {
  const details = [
    field.range && `${integerRange(field.range)}, default ${count(Number(field.default))}`,
    field.type === 'dropdown' && field.default && `default ${field.default}`,
  ].filter(Boolean);
  return details.length ? `${field.help} (${details.join('; ')})` : field.help;
}

function connectionFieldJson(field: ConnectionField): Json {
  return {
    label: field.label,
    key: field.key,
    type: field.type,
    // The renderer shows a tooltip on the label only; a field without a label has its help elsewhere.
    ...(field.label ? { tooltip: connectionTooltip(field) } : {}),
    // For text and password fields the renderer shows `description` as the placeholder.
    ...(field.placeholder && (field.type === 'text' || field.type === 'password')
      ? { description: field.placeholder }
      : {}),
    ...(field.range ? { description: `${field.default}` } : {}),
    ...(field.controller ? { controller: field.controller } : {}),
    ...(field.list ? { list: field.list } : {}),
  };
}

export function manifestJson(): Json {
  const fields = Object.values(FIELDS);
  return {
    $schema: 'https://raw.githubusercontent.com/ToolJet/ToolJet/develop/plugins/schemas/manifest.schema.json',
    title: 'AWS S3 datasource',
    description: 'A schema defining AWS S3 and S3-compatible storage datasource',
    type: 'cloud-storage',
    source: {
      name: 'AWS S3',
      kind: 's3',
      exposedVariables: { isLoading: false, data: {}, rawData: {} },
      options: {
        instance_metadata_credentials: { type: 'string' },
        ...Object.fromEntries(
          fields.map((field) => [
            field.key,
            { type: field.type === 'toggle' ? 'boolean' : 'string', ...(field.encrypted ? { encrypted: true } : {}) },
          ]),
        ),
      },
    },
    defaults: {
      instance_metadata_credentials: { value: 'iam_access_keys' },
      ...Object.fromEntries(fields.map((field) => [field.key, { value: field.default ?? '' }])),
    },
    properties: {
      credentials: {
        label: 'Authentication',
        key: 'instance_metadata_credentials',
        type: 'dropdown-component-flip',
        // A flip's label takes no tooltip; the renderer shows its helpText under the dropdown.
        helpText:
          "How requests are signed: with access keys, with this server's instance or container role, by assuming an IAM role, or with the AWS SDK's default credential chain",
        list: AUTH_MODE_CHOICES,
      },
      ...Object.fromEntries(
        Object.entries(AUTH_FORMS).map(([mode, form]) => [
          mode,
          Object.fromEntries(form.map((field) => [field.key, connectionFieldJson(field)])),
        ]),
      ),
    },
    required: ['region'],
  };
}

/** A bucket the data source's own Bucket fills is required only without one (docs/connection.md). */
const requirement = (operation: string, spec: OptionSpec): string =>
  takesDataSourceBucket(operation, spec) ? 'required unless the data source has a Bucket' : 'required';

function queryFieldJson(operation: string, spec: OptionSpec): Json {
  const base = { label: spec.label, key: spec.key, tooltip: helpText(spec, requirement(operation, spec)) };
  if (spec.kind === 'toggle') return { ...base, type: 'toggle', defaultChecked: spec.default };
  if (spec.kind === 'choice') return { ...base, type: 'dropdown', list: spec.choices };
  return {
    ...base,
    type: 'codehinter',
    lineNumbers: false,
    // A number field shows its default; nothing else states it.
    placeholder: spec.kind === 'integer' ? String(spec.default) : (spec.placeholder ?? ''),
    width: '320px',
    height: '36px',
    className: 'codehinter-plugins',
  };
}

export function operationsJson(): Json {
  const specs = OPERATION_SPECS.flatMap((operation) => operation.options as readonly OptionSpec[]);
  // Values a new query starts with (the renderer copies `defaults` into a new query's options).
  const defaults: Json = {};
  for (const spec of specs) {
    // An empty choice too: the renderer's dropdown shows the choice whose value equals the saved one.
    if (!('default' in spec)) continue;
    if (spec.key in defaults && defaults[spec.key] !== spec.default)
      throw new Error(`option ${spec.key} has two defaults: ${defaults[spec.key]} and ${spec.default}`);
    defaults[spec.key] = spec.default;
  }
  return {
    $schema: 'https://raw.githubusercontent.com/ToolJet/ToolJet/develop/plugins/schemas/operations.schema.json',
    title: 'S3 datasource',
    description: 'A schema defining S3 datasource queries',
    type: 'cloud-storage',
    defaults,
    properties: {
      operation: {
        label: 'Operation',
        key: 'operation',
        type: 'dropdown-component-flip',
        helpText: 'What the query does: each operation shows its own fields below',
        list: OPERATION_SPECS.map(({ value, name }) => ({ value, name })),
      },
      ...Object.fromEntries(
        OPERATION_SPECS.map((operation) => [
          operation.value,
          Object.fromEntries(
            (operation.options as readonly OptionSpec[]).map((spec) => [
              spec.property ?? spec.key,
              queryFieldJson(operation.value, spec),
            ]),
          ),
        ]),
      ),
    },
  };
}

/** The options table's required column; its footnote says when the data source's Bucket fills one. */
const required = (operation: string, spec: OptionSpec): string =>
  takesDataSourceBucket(operation, spec) ? 'yes¹' : spec.required ? 'yes' : '';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\{\{/g, '`{{`');

function allowed(spec: OptionSpec): string {
  if (spec.kind === 'integer') {
    const notes = [
      spec.fractions && 'a fraction is rounded down',
      spec.cap && `one result holds at most ${count(spec.cap)}`,
    ];
    const said = notes.filter(Boolean).join('; ');
    return `${integerRange(spec)}${said ? ` (${said})` : ''}`;
  }
  if (spec.kind === 'toggle') return 'on / off';
  if (spec.kind === 'date') return 'a date: ISO 8601 (2026-01-31T12:00:00Z), an HTTP date, or milliseconds since 1970';
  if (spec.kind === 'byteSize')
    return 'bytes, or a number with a unit: 10 KB, 2.5 MB, 1 GiB (KB = 1,000 bytes, KiB = 1,024)';
  if (spec.kind === 'choice') {
    const values = spec.choices.map((choice) => (choice.value ? `\`${choice.value}\`` : `empty: ${choice.name}`));
    return `${values.join(', ')} (any case)`;
  }
  // A key's own rule is stricter than the text cap read before it.
  if (spec.kind === 'key' || spec.kind === 'folder')
    return `at most ${LIMITS.keyBytes.toLocaleString('en')} bytes of UTF-8`;
  const cap = textCap(spec);
  return cap === undefined ? '' : `text of at most ${cap.toLocaleString('en')} characters`;
}

/** docs/options.md: every operation's options as a table, from the same specs. */
export function optionsMarkdown(): string {
  const lines = [
    '# Query options',
    '',
    '<!-- Generated from the option specs (lib/operations/*/options.ts) by `npm run forms`; a test fails when it is stale. -->',
    '',
    "Every operation's options, as the query form shows them. Number and text fields may hold `{{ }}`",
    'expressions; an empty field means the default. What each operation returns is in',
    '[operations.md](operations.md).',
    '',
    "¹ Required unless the data source has a Bucket: left empty, it is the data source's bucket",
    '([connection.md](connection.md#the-data-sources-bucket)).',
  ];
  for (const operation of OPERATION_SPECS) {
    const specs = operation.options as readonly OptionSpec[];
    lines.push('', `## \`${operation.value}\` — ${operation.name}`, '');
    if (!specs.length) {
      lines.push('No options.');
      continue;
    }
    lines.push(
      '| option | label | required | allowed | default | what it does |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const spec of specs) {
      const fallback = 'default' in spec && spec.default !== '' ? `\`${spec.default}\`` : '';
      lines.push(
        `| \`${spec.key}\` | ${spec.label} | ${required(operation.value, spec)} | ${allowed(spec)} | ${fallback} | ${cell(spec.help)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const write = (file: string, text: string): void => writeFileSync(path.join(projectRoot(), file), text);
const json = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

if (require.main === module) {
  write('lib/manifest.json', json(manifestJson()));
  write('lib/operations.json', json(operationsJson()));
  write('docs/options.md', optionsMarkdown());
  console.log('Wrote lib/manifest.json, lib/operations.json and docs/options.md.');
}
