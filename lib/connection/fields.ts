/**
 * The connection form's fields, stated once: the data source settings read their ranges and
 * defaults from here, and manifest.json is generated from it (`npm run forms`; a test fails when
 * it is stale). The option keys are the app builder's, so saved data sources keep working.
 */
import { LIMITS } from '../limits.js';

export interface Choice {
  value: string;
  name: string;
}

export interface ConnectionField {
  key: string;
  label: string;
  type: 'text' | 'password' | 'toggle' | 'dropdown';
  /** Shown as the label's tooltip. */
  help: string;
  /** An example shown in the empty field (text fields). */
  placeholder?: string;
  /** Stored encrypted by the app builder. */
  encrypted?: boolean;
  /** Shown only when this toggle is on (the app builder hides text fields only). */
  controller?: string;
  default?: string | boolean;
  /** Whole numbers: the allowed range (the default is `default`). */
  range?: { min: number; max: number };
  list?: readonly Choice[];
}

/** Every current AWS region, and `auto` for Cloudflare R2. */
const REGIONS: readonly Choice[] = [
  { value: 'us-east-1', name: 'US East (N. Virginia)' },
  { value: 'us-east-2', name: 'US East (Ohio)' },
  { value: 'us-west-1', name: 'US West (N. California)' },
  { value: 'us-west-2', name: 'US West (Oregon)' },
  { value: 'af-south-1', name: 'Africa (Cape Town)' },
  { value: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { value: 'ap-east-2', name: 'Asia Pacific (Taipei)' },
  { value: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { value: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { value: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { value: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { value: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { value: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { value: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
  { value: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)' },
  { value: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
  { value: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { value: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { value: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { value: 'ca-central-1', name: 'Canada (Central)' },
  { value: 'ca-west-1', name: 'Canada West (Calgary)' },
  { value: 'cn-north-1', name: 'China (Beijing)' },
  { value: 'cn-northwest-1', name: 'China (Ningxia)' },
  { value: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { value: 'eu-central-2', name: 'Europe (Zurich)' },
  { value: 'eu-west-1', name: 'Europe (Ireland)' },
  { value: 'eu-west-2', name: 'Europe (London)' },
  { value: 'eu-west-3', name: 'Europe (Paris)' },
  { value: 'eu-south-1', name: 'Europe (Milan)' },
  { value: 'eu-south-2', name: 'Europe (Spain)' },
  { value: 'eu-north-1', name: 'Europe (Stockholm)' },
  { value: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { value: 'me-south-1', name: 'Middle East (Bahrain)' },
  { value: 'me-central-1', name: 'Middle East (UAE)' },
  { value: 'mx-central-1', name: 'Mexico (Central)' },
  { value: 'sa-east-1', name: 'South America (São Paulo)' },
  { value: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { value: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { value: 'auto', name: 'Auto (Cloudflare R2 and other S3-compatible services)' },
];

export const AUTH_MODE_CHOICES: readonly Choice[] = [
  { value: 'iam_access_keys', name: 'Use IAM Access Keys' },
  { value: 'aws_instance_credentials', name: 'Use AWS Instance Credentials' },
  { value: 'aws_arn_role', name: 'Use AWS ARN Role' },
  { value: 'aws_arn_role_with_access_keys', name: 'Use AWS ARN Role with access keys' },
  { value: 'default_credentials_provider_chain', name: 'Use the default credential provider chain' },
];

const field = (spec: ConnectionField): ConnectionField => spec;

export const FIELDS = {
  access_key: field({
    key: 'access_key',
    label: 'Access key',
    type: 'text',
    help: 'The IAM access key ID',
    placeholder: 'AKIA…',
    default: '',
  }),
  secret_key: field({
    key: 'secret_key',
    label: 'Secret key',
    type: 'password',
    encrypted: true,
    help: "The access key's secret; stored encrypted, never shown in errors or logs",
    placeholder: 'Secret key',
    default: '',
  }),
  session_token: field({
    key: 'session_token',
    label: 'Session token',
    type: 'password',
    encrypted: true,
    help: 'Only for temporary credentials (access keys starting with ASIA)',
    placeholder: 'Optional',
    default: '',
  }),
  role_arn: field({
    key: 'role_arn',
    label: 'Role ARN',
    type: 'text',
    help: 'The IAM role to assume',
    placeholder: 'arn:aws:iam::123456789012:role/app-reader',
    default: '',
  }),
  external_id: field({
    key: 'external_id',
    label: 'External ID',
    type: 'text',
    help: "The external ID the role's trust policy requires, if any",
    placeholder: 'Optional',
    default: '',
  }),
  region: field({
    key: 'region',
    label: 'Region',
    type: 'dropdown',
    help: "The buckets' AWS region; Auto for Cloudflare R2. S3-compatible services take any region name",
    list: REGIONS,
    default: 'us-east-1',
  }),
  endpoint_enabled: field({
    key: 'endpoint_enabled',
    label: 'Custom endpoint',
    type: 'toggle',
    help: 'Use an S3-compatible service (MinIO, Cloudflare R2, DigitalOcean Spaces, Wasabi, Backblaze B2, Ceph): enter its S3 API address in the field under this switch',
    default: false,
  }),
  endpoint: field({
    key: 'endpoint',
    label: '',
    type: 'text',
    help: 'The S3 API address of the service',
    placeholder: 'https://minio.example.com:9000',
    controller: 'endpoint_enabled',
    default: '',
  }),
  force_path_style: field({
    key: 'force_path_style',
    label: 'Path-style addressing',
    type: 'toggle',
    help: 'With a custom endpoint: http://host/bucket/key instead of http://bucket.host/key (on for most S3-compatible services)',
    default: true,
  }),
  bucket_name: field({
    key: 'bucket_name',
    label: 'Bucket',
    type: 'text',
    help: 'The bucket queries use when they name none; Test connection checks it when no test bucket is set',
    placeholder: 'Optional: my-bucket',
    default: '',
  }),
  allow_dynamic_connection_parameters: field({
    key: 'allow_dynamic_connection_parameters',
    label: 'Allow dynamic connection parameters',
    type: 'toggle',
    help: 'Queries may name buckets of their own. Off, with a bucket above, every query uses that bucket and no other',
    default: true,
  }),
  test_bucket: field({
    key: 'test_bucket',
    label: 'Test bucket',
    type: 'text',
    help: 'A bucket Test connection lists instead of all buckets, for users not allowed to list them all; it also warns when its CORS rules stop browser uploads',
    placeholder: 'Optional: my-bucket',
    default: '',
  }),
  connection_timeout: field({
    key: 'connection_timeout',
    label: 'Connection timeout (s)',
    type: 'text',
    help: 'Seconds to wait for a connection, each attempt',
    range: { min: 1, max: 300 },
    default: '10',
  }),
  request_timeout: field({
    key: 'request_timeout',
    label: 'Request timeout (s)',
    type: 'text',
    help: 'The longest a request may take, all its attempts and its data together; raise it for large or slow transfers',
    range: { min: 1, max: 3600 },
    default: '60',
  }),
  max_attempts: field({
    key: 'max_attempts',
    label: 'Max attempts',
    type: 'text',
    help: 'Attempts per request, retries of throttling and transient errors included',
    range: { min: 1, max: 10 },
    default: '3',
  }),
  max_read_size: field({
    key: 'max_read_size',
    label: 'Max read size (MB)',
    type: 'text',
    help: 'The largest object Read object loads into a result (a result is one string); use signed URLs for bigger files',
    range: { min: 1, max: LIMITS.readSizeMegabytes },
    default: '50',
  }),
} satisfies Record<string, ConnectionField>;

/** The form, in the order the modal shows it: the chosen authentication's own fields, then where, then how. */
const WHERE = [
  FIELDS.region,
  FIELDS.endpoint_enabled,
  FIELDS.endpoint,
  FIELDS.force_path_style,
  FIELDS.bucket_name,
  FIELDS.allow_dynamic_connection_parameters,
];
const ADVANCED = [
  FIELDS.test_bucket,
  FIELDS.connection_timeout,
  FIELDS.request_timeout,
  FIELDS.max_attempts,
  FIELDS.max_read_size,
];
const KEYS = [FIELDS.access_key, FIELDS.secret_key, FIELDS.session_token];

export const AUTH_FORMS: Record<string, readonly ConnectionField[]> = {
  iam_access_keys: [...KEYS, ...WHERE, ...ADVANCED],
  aws_instance_credentials: [...WHERE, ...ADVANCED],
  // Assumed with this server's own credentials, as the app builder's plugin did.
  aws_arn_role: [FIELDS.role_arn, FIELDS.external_id, ...WHERE, ...ADVANCED],
  aws_arn_role_with_access_keys: [FIELDS.role_arn, FIELDS.external_id, ...KEYS, ...WHERE, ...ADVANCED],
  default_credentials_provider_chain: [...WHERE, ...ADVANCED],
};

/** The whole-number range and default of a field (the settings read them from here). */
export function rangeOf(field: ConnectionField): { min: number; max: number; defaultValue: number } {
  if (!field.range) throw new Error(`${field.key} has no range`);
  return { ...field.range, defaultValue: Number(field.default) };
}
