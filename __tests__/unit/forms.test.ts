/**
 * manifest.json and operations.json are generated from the field specs, and they follow the
 * app builder's rendering rules (its DynamicForm): only the types it renders; help in a label's
 * tooltip (a description shows only as a text field's placeholder); no commonFields (drawn
 * above the Authentication dropdown); controller only where it hides something; the order
 * authentication, region and endpoint, then the advanced settings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { manifestJson, operationsJson, optionsMarkdown } from '../../dev/forms/generate.js';
import { projectRoot, readProjectJson } from '../../dev/project-root.js';
import { count, LIMITS } from '../../lib/limits.js';
import { Failure } from '../../lib/errors/failure.js';
import { OptionSpec } from '../../lib/operations/shared/option-spec.js';
import { readOptions } from '../../lib/operations/shared/option-values.js';
import { OPERATION_SPECS } from '../../lib/operations/table.js';

const manifest = readProjectJson('lib/manifest.json');
/** The files that state option specs: each family's options.ts, and the options several families share. */
const SPEC_FILES = [
  ...readdirSync(path.join(projectRoot(), 'lib/operations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
    .map((entry) => `lib/operations/${entry.name}/options.ts`),
  'lib/operations/shared/common-options.ts',
];
const operations = readProjectJson('lib/operations.json');

interface Field {
  key: string;
  label?: string;
  type: string;
  description?: string;
  placeholder?: string;
  tooltip?: string;
  helpText?: string;
  controller?: string;
  commonFields?: unknown;
  list?: Array<{ value: string }>;
}

const RENDERED_TYPES = [
  'text',
  'password',
  'textarea',
  'dropdown',
  'toggle',
  'checkbox',
  'codehinter',
  'dropdown-component-flip',
];
const TEXT_TYPES = ['text', 'password', 'textarea'];

/** Every field of a properties object: flips, and the fields of each group they select. */
function fieldsOf(properties: Record<string, unknown>): Field[] {
  return Object.values(properties).flatMap((value) =>
    typeof (value as Field).type === 'string' ? [value as Field] : Object.values(value as Record<string, Field>),
  );
}

it.each([
  ['lib/manifest.json', manifest, manifestJson],
  ['lib/operations.json', operations, operationsJson],
])('%s is what the specs generate (run `npm run forms` after changing a spec)', (_file, committed, generate) => {
  expect(committed).toEqual(JSON.parse(JSON.stringify(generate())));
});

it('docs/options.md is what the specs generate (run `npm run forms`)', () => {
  expect(readFileSync(path.join(projectRoot(), 'docs/options.md'), 'utf8')).toBe(optionsMarkdown());
});

describe.each([
  ['manifest.json', manifest],
  ['operations.json', operations],
])('%s under the app builder’s rendering rules', (_name, json) => {
  const fields = fieldsOf(json.properties);

  it('uses only field types the renderer draws', () => {
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((field) => !RENDERED_TYPES.includes(field.type)).map((field) => field.key)).toEqual([]);
  });

  it('puts every field’s help where it shows: a labelled field’s tooltip, a flip’s help text', () => {
    const flips = fields.filter((field) => field.type === 'dropdown-component-flip');
    const others = fields.filter((field) => field.type !== 'dropdown-component-flip');
    expect(flips.length).toBe(1);
    // The renderer draws a flip's label plainly and its helpText under the dropdown.
    expect(flips.filter((field) => !field.helpText || field.tooltip).map((field) => field.key)).toEqual([]);
    expect(others.filter((field) => field.label && !field.tooltip).map((field) => field.key)).toEqual([]);
    // A field without a label shows no tooltip: only the endpoint, explained by the toggle above it.
    const unlabelled = others.filter((field) => !field.label);
    expect([...new Set(unlabelled.map((field) => field.key))]).toEqual(json === manifest ? ['endpoint'] : []);
    expect(unlabelled.filter((field) => field.tooltip)).toEqual([]);
    if (json === manifest)
      expect(manifest.properties.iam_access_keys.endpoint_enabled.tooltip).toMatch(/address in the field under/);
  });

  it('hides with a controller only fields without a label (the renderer hides the input, not its label)', () => {
    const controlled = fields.filter((field) => field.controller);
    expect(controlled.filter((field) => field.label || !TEXT_TYPES.includes(field.type))).toEqual([]);
  });

  it('has no description the renderer would drop (it is only a text field’s placeholder)', () => {
    const dropped = fields.filter((field) => field.description && !TEXT_TYPES.includes(field.type));
    expect(dropped.map((field) => field.key)).toEqual([]);
  });

  it('puts a controller only on fields it can hide (text, password, textarea)', () => {
    const ignored = fields.filter((field) => field.controller && !TEXT_TYPES.includes(field.type));
    expect(ignored.map((field) => field.key)).toEqual([]);
  });

  it('has no commonFields, which would be drawn above the flip dropdown', () => {
    expect(fields.filter((field) => field.commonFields)).toEqual([]);
  });
});

describe('connection form order', () => {
  const WHERE = [
    'region',
    'endpoint_enabled',
    'endpoint',
    'force_path_style',
    'bucket_name',
    'allow_dynamic_connection_parameters',
  ];
  const ADVANCED = ['test_bucket', 'connection_timeout', 'request_timeout', 'max_attempts', 'max_read_size'];

  it.each([
    ['iam_access_keys', ['access_key', 'secret_key', 'session_token']],
    ['aws_instance_credentials', []],
    ['aws_arn_role', ['role_arn', 'external_id']],
    ['aws_arn_role_with_access_keys', ['role_arn', 'external_id', 'access_key', 'secret_key', 'session_token']],
    ['default_credentials_provider_chain', []],
  ])('%s: its own fields, then region and endpoint, then the advanced settings', (mode, own) => {
    expect(Object.values(manifest.properties[mode] as Record<string, Field>).map((field) => field.key)).toEqual([
      ...own,
      ...WHERE,
      ...ADVANCED,
    ]);
  });
});

describe('query forms', () => {
  it('are dropdowns for fixed sets, each listing its default', () => {
    for (const key of ['decodeAs', 'storageClass', 'serverSideEncryption', 'encoding', 'metadataDirective']) {
      const specs = OPERATION_SPECS.flatMap((operation) => operation.options as readonly OptionSpec[]).filter(
        (spec) => spec.key === key,
      );
      expect(specs.length).toBeGreaterThan(0);
      for (const spec of specs) {
        expect(spec.kind).toBe('choice');
        if (spec.kind === 'choice') expect(spec.choices.map((choice) => choice.value)).toContain(spec.default);
      }
    }
  });

  it('copy_object and move_object share their fields', () => {
    expect(operations.properties.move_object).toEqual(operations.properties.copy_object);
  });

  it('copy_folder and move_folder share their fields', () => {
    expect(operations.properties.move_folder).toEqual(operations.properties.copy_folder);
  });

  it('state ranges and defaults once: no help text in the specs writes a limit or default out', () => {
    const numbers = new Set<number>(
      Object.values(LIMITS).flatMap((value) => (typeof value === 'number' ? [value] : Object.values(value))),
    );
    for (const spec of OPERATION_SPECS.flatMap((operation) => operation.options as readonly OptionSpec[]))
      if (spec.kind === 'integer') [spec.min, spec.max, spec.default].forEach((value) => numbers.add(value));
    const spellings = [...numbers]
      .filter((value) => value >= 10)
      .flatMap((value) => [String(value), count(value), `${value / 1024} KB`]);
    for (const files of [SPEC_FILES, ['lib/connection/fields.ts']]) {
      const source = files.map((file) => readFileSync(path.join(projectRoot(), file), 'utf8')).join('\n');
      // Plain help strings; template strings take their numbers from LIMITS and the spec.
      const helps = [...source.matchAll(/help:\s*(['"])((?:\\.|(?!\1).)*)\1/g)].map((match) => match[2]);
      expect(helps.length).toBeGreaterThan(10);
      const written = helps.filter((help) =>
        spellings.some((text) => new RegExp(`(^|[^\\w,.])${text}($|[^\\w,])`).test(help)),
      );
      expect(written).toEqual([]);
    }
  });

  it('add ranges and defaults to the tooltips from the spec', () => {
    expect(operations.properties.signed_url_for_get.expiresIn.tooltip).toMatch(
      /\(1 to 604,800, default 3,600; 0 for the default\)/,
    );
    expect(operations.properties.list_objects.maxTotalKeys.tooltip).toMatch(/1 to 1,000,000, default 10,000/);
    expect(manifest.properties.iam_access_keys.request_timeout.tooltip).toMatch(/\(1 to 3,600, default 60\)/);
  });

  it('call a bucket the data source’s Bucket fills required only without one, in the tooltip and docs/options.md', () => {
    const unless = 'required unless the data source has a Bucket';
    expect(operations.properties.get_object.bucket.tooltip).toBe(`The bucket name (${unless})`);
    expect(operations.properties.copy_object.sourceBucket.tooltip).toContain(`(${unless})`);
    // A deletion names its bucket itself, and an optional destination defaults to the source.
    expect(operations.properties.delete_bucket.bucket.tooltip).toMatch(/\(required\)$/);
    expect(operations.properties.copy_object.destinationBucket.tooltip).not.toContain('required');
    const docs = optionsMarkdown();
    expect(docs).toContain('| `bucket` | Bucket | yes¹ |');
    expect(docs).toMatch(/## `delete_bucket`[^#]*\| `bucket` \| Bucket \| yes \|/);
    expect(docs).toContain(
      "¹ Required unless the data source has a Bucket: left empty, it is the data source's bucket",
    );
  });
});

describe('one range per whole-number option (issue 21, point 11)', () => {
  const options = readFileSync(path.join(projectRoot(), 'docs/options.md'), 'utf8');
  const integers = OPERATION_SPECS.flatMap((operation) =>
    (operation.options as readonly OptionSpec[]).flatMap((spec) =>
      spec.kind === 'integer' ? [{ operation: operation.value, spec }] : [],
    ),
  );

  it.each(integers.map(({ operation, spec }) => [`${operation}.${spec.key}`, operation, spec]))(
    '%s: the tooltip, the error and docs/options.md state the same range',
    async (_name, operation, spec) => {
      if (spec.kind !== 'integer') throw new Error('not a whole-number option');
      const range = `${count(spec.min)} to ${count(spec.max)}`;
      const field = (operations.properties as Record<string, Record<string, Field>>)[operation][
        spec.property ?? spec.key
      ];
      expect(field.tooltip).toContain(`(${range}, default ${count(spec.default)}`);
      let refused: unknown;
      try {
        await readOptions([spec], { [spec.key]: spec.max + 1 });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(Failure);
      expect((refused as Failure).message).toContain(`must be a whole number from ${range}`);
      const section = options.split(`## \`${operation}\``)[1].split('\n## ')[0];
      const row = section.split('\n').find((line) => line.startsWith(`| \`${spec.key}\` |`));
      expect(row?.split(' | ')[3]).toMatch(new RegExp(`^${range}( \\(|$)`));
    },
  );

  it('list_objects maxKeys takes what S3 takes (a 32-bit integer), a result holding at most 1,000,000 keys', () => {
    expect(LIMITS.maxKeysValue).toBe(2 ** 31 - 1);
    expect(operations.properties.list_objects.maxKeys.tooltip).toMatch(
      /\(0 to 2,147,483,647, default 1,000; one result holds at most 1,000,000\)$/,
    );
  });
});

it('no two fields of one form share a label (copy_object had two called Metadata)', () => {
  const groups = [
    ...Object.entries(operations.properties).filter(([, group]) => typeof (group as Field).type !== 'string'),
    ...Object.entries(manifest.properties).filter(([, group]) => typeof (group as Field).type !== 'string'),
  ];
  expect(groups.length).toBeGreaterThan(30);
  const repeated = groups.flatMap(([name, group]) => {
    const labels = Object.values(group as Record<string, Field>)
      .map((field) => field.label)
      .filter(Boolean);
    return labels.filter((label, index) => labels.indexOf(label) !== index).map((label) => `${name}: ${label}`);
  });
  expect(repeated).toEqual([]);
});
