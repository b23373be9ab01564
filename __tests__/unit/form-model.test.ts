/**
 * The playground's forms come from manifest.json and operations.json by the app builder's
 * rendering rules: every field in the JSON files appears once per place it is shown, in the
 * order the app builder draws it, with the control its type calls for, its tooltip, and a
 * placeholder only where the app builder shows one.
 */
import { connectionFields, queryFields } from '../../dev/playground/form-model.js';
import { readProjectJson } from '../../dev/project-root.js';

const manifest = readProjectJson('lib/manifest.json');
const operations = readProjectJson('lib/operations.json');

const CONTROL_FOR: Record<string, string> = {
  'dropdown-component-flip': 'select',
  dropdown: 'select',
  toggle: 'toggle',
  password: 'password',
  text: 'text',
  codehinter: 'code',
};

type JsonField = { key: string; type: string; commonFields?: Record<string, JsonField> };

describe('connection form from manifest.json', () => {
  const fields = connectionFields(manifest);

  it('has every manifest field with the control its type calls for', () => {
    const properties = manifest.properties as unknown as Record<string, Record<string, JsonField> & JsonField>;
    const flip = properties.credentials;
    const expected: Array<[string, string]> = [[flip.key, flip.type]];
    for (const mode of (flip as unknown as { list: Array<{ value: string }> }).list.map((choice) => choice.value)) {
      for (const field of Object.values(properties[mode] as Record<string, JsonField>))
        expected.push([field.key, field.type]);
    }
    expect(fields.map((field) => [field.key, field.control])).toEqual(
      expected.map(([key, type]) => [key, CONTROL_FOR[type]]),
    );
  });

  it('shows each auth mode’s fields only for that mode', () => {
    expect(fields.find((field) => field.key === 'role_arn')?.showWhen).toEqual({
      key: 'instance_metadata_credentials',
      equals: 'aws_arn_role',
    });
    const accessKeyModes = fields.filter((field) => field.key === 'access_key').map((field) => field.showWhen?.equals);
    expect(accessKeyModes).toEqual(['iam_access_keys', 'aws_arn_role_with_access_keys']);
    // Region is in every mode's form, after that mode's own fields.
    expect(fields.filter((field) => field.key === 'region').map((field) => field.showWhen?.equals)).toEqual([
      'iam_access_keys',
      'aws_instance_credentials',
      'aws_arn_role',
      'aws_arn_role_with_access_keys',
      'default_credentials_provider_chain',
    ]);
  });

  it('keeps dropdown options, toggles controlling fields and defaults', () => {
    const region = fields.find((field) => field.key === 'region');
    expect(region?.options?.length).toBeGreaterThan(30);
    expect(region?.initialValue).toBe('us-east-1');
    expect(fields.find((field) => field.key === 'endpoint')?.controller).toBe('endpoint_enabled');
    expect(fields.find((field) => field.key === 'secret_key')?.control).toBe('password');
  });
});

describe('query form from operations.json', () => {
  const fields = queryFields(operations);

  it('has the operation dropdown and every field of every operation, shown only for it', () => {
    const properties = operations.properties as unknown as Record<string, Record<string, JsonField>>;
    const operationNames = (operations.properties.operation.list ?? []).map((item: { value: string }) => item.value);
    const expected = [['operation', 'select', undefined]];
    for (const name of operationNames) {
      for (const field of Object.values(properties[name] ?? {}))
        expected.push([field.key, CONTROL_FOR[field.type], name]);
    }
    expect(fields.map((field) => [field.key, field.control, field.showWhen?.equals])).toEqual(expected);
  });

  it('carries labels, tooltips, placeholders and the initial values of a new query', () => {
    const expires = fields.find(
      (field) => field.key === 'expiresIn' && field.showWhen?.equals === 'signed_url_for_get',
    );
    expect(expires).toMatchObject({ label: 'Expires in (s)', placeholder: '3600' });
    expect(expires?.tooltip).toMatch(/^Seconds the URL stays valid/);
    const maxKeys = fields.find((field) => field.key === 'maxKeys');
    expect(maxKeys?.initialValue).toBe('1000'); // from the operations' defaults, as the app builder copies them
    const fetchAll = fields.find((field) => field.key === 'fetchAll');
    expect(fetchAll).toMatchObject({ control: 'toggle', initialValue: false });
    expect(fetchAll?.placeholder).toBeUndefined(); // no description or placeholder on toggles
  });

  it('uses a text field’s description only as its placeholder, and applies controller to text fields only', () => {
    const connection = connectionFields(manifest);
    const endpoint = connection.find((field) => field.key === 'endpoint');
    expect(endpoint).toMatchObject({ placeholder: 'https://minio.example.com:9000', controller: 'endpoint_enabled' });
    const pathStyle = connection.find((field) => field.key === 'force_path_style');
    expect(pathStyle?.controller).toBeUndefined();
  });

  it('a field added to the JSON appears with no code change', () => {
    const extended = JSON.parse(JSON.stringify(operations));
    extended.properties.get_object.versionId = { label: 'Version', key: 'versionId', type: 'codehinter' };
    const added = queryFields(extended).find((field) => field.key === 'versionId');
    expect(added).toMatchObject({
      label: 'Version',
      control: 'code',
      showWhen: { key: 'operation', equals: 'get_object' },
    });
  });
});
