/**
 * The data source form (manifest.json) turned into validated connection settings.
 * Option keys are the app builder's, so saved data sources keep working.
 */
import { Failure, shown } from '../errors/failure.js';
import { parseEndpoint } from './endpoint.js';
import { FIELDS, rangeOf } from './fields.js';
import {
  integerInRange,
  invalidField,
  isUnset,
  optionalString,
  optionalTrimmed,
  RawOptions,
  toggle,
} from '../validation.js';
import { bucketName } from '../operations/shared/names.js';
import { DataSourceBucket } from '../operations/shared/data-source-bucket.js';

const AUTH_MODES = [
  'iam_access_keys',
  'aws_instance_credentials',
  'aws_arn_role',
  'default_credentials_provider_chain',
] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
/** The form's own entry for assuming a role with access keys: aws_arn_role with access keys as its base. */
const ROLE_WITH_KEYS = 'aws_arn_role_with_access_keys' as const;

export const DEFAULT_REGION = 'us-east-1';

export interface ConnectionSettings extends DataSourceBucket {
  authMode: AuthMode;
  region: string;
  /** Static keys: for iam_access_keys, and for aws_arn_role when assumed with access keys. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  roleArn?: string;
  externalId?: string;
  /** Normalised custom endpoint (scheme added, trailing slash removed) or undefined for AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  connectionTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  maxAttempts: number;
  /** get_object refuses bodies larger than this (MB); signed URLs serve big downloads. */
  maxReadMegabytes: number;
  /** Bucket that test connection checks instead of listing all buckets (`test_bucket`, else `bucket_name`). */
  testBucket?: string;
  /** aws_arn_role: the credentials the role is assumed with (the server's, by default). */
  roleBase?: 'default_chain' | 'access_keys';
  /** A custom endpoint not used because the server's own credentials would go to it. */
  ignoredEndpoint?: string;
}

export function parseConnectionSettings(source: RawOptions): ConnectionSettings {
  const savedMode = parseAuthMode(source);
  const authMode = savedMode === ROLE_WITH_KEYS ? 'aws_arn_role' : savedMode;
  const endpoint = toggle(source, 'endpoint_enabled') ? parseEndpoint(source) : undefined;
  const bucket = isUnset(source.bucket_name) ? undefined : bucketName(source, 'bucket_name');
  const settings: ConnectionSettings = {
    authMode,
    region: parseRegion(source, endpoint !== undefined),
    endpoint,
    // Saved data sources predate the toggle: a missing value means path-style, the safe default.
    forcePathStyle: endpoint !== undefined && (isUnset(source.force_path_style) || toggle(source, 'force_path_style')),
    connectionTimeoutSeconds: integerInRange(source, 'connection_timeout', rangeOf(FIELDS.connection_timeout)),
    requestTimeoutSeconds: integerInRange(source, 'request_timeout', rangeOf(FIELDS.request_timeout)),
    maxAttempts: integerInRange(source, 'max_attempts', rangeOf(FIELDS.max_attempts)),
    maxReadMegabytes: integerInRange(source, 'max_read_size', rangeOf(FIELDS.max_read_size)),
    bucket,
    // Without the toggle saved (a data source from before it), off where a bucket is set: the app
    // builder's form shows a missing toggle off, and its plugins read it as off.
    dynamicBuckets: isUnset(source.allow_dynamic_connection_parameters)
      ? bucket === undefined
      : toggle(source, 'allow_dynamic_connection_parameters'),
    testBucket: isUnset(source.test_bucket) ? bucket : bucketName(source, 'test_bucket'),
  };

  if (authMode === 'iam_access_keys') {
    Object.assign(settings, staticKeys(source));
  } else if (authMode === 'aws_arn_role') {
    // As the app builder's plugin did, the role is assumed with the server's credentials; keys left
    // in the options from another mode are ignored. Assuming it with access keys is a mode of its own.
    settings.roleBase = savedMode === ROLE_WITH_KEYS ? 'access_keys' : 'default_chain';
    if (settings.roleBase === 'access_keys') Object.assign(settings, staticKeys(source));
    settings.roleArn = parseRoleArn(source);
    settings.externalId = optionalTrimmed(source, 'external_id');
  }
  if (settings.endpoint && usesServerCredentials(settings) && process.env[ALLOW_SERVER_CREDENTIALS] !== 'true') {
    // The server's own credentials never go to an endpoint typed into a data source: the app
    // builder's plugin used the endpoint with access keys only, and so does this one, unless the
    // administrator allows it.
    settings.ignoredEndpoint = settings.endpoint;
    settings.endpoint = undefined;
    settings.forcePathStyle = false;
    if (!isAwsRegion(settings.region)) settings.region = DEFAULT_REGION;
  }
  return settings;
}

/** The server administrator's switch to let the server's own credentials go to custom endpoints. */
export const ALLOW_SERVER_CREDENTIALS = 'S3_PLUGIN_ALLOW_SERVER_CREDENTIALS_ON_CUSTOM_ENDPOINTS';

/** Whether requests are signed with the server's identity (its environment, profile, instance or container role). */
function usesServerCredentials(settings: ConnectionSettings): boolean {
  return (
    settings.authMode === 'aws_instance_credentials' ||
    settings.authMode === 'default_credentials_provider_chain' ||
    (settings.authMode === 'aws_arn_role' && settings.roleBase !== 'access_keys')
  );
}

function parseAuthMode(source: RawOptions): AuthMode | typeof ROLE_WITH_KEYS {
  const value = optionalTrimmed(source, 'instance_metadata_credentials') ?? 'iam_access_keys';
  const modes = [...AUTH_MODES, ROLE_WITH_KEYS] as const;
  const mode = modes.find((candidate) => candidate === value);
  if (!mode) throw invalidField('instance_metadata_credentials', `must be one of ${modes.join(', ')}`);
  return mode;
}

/** Access key + secret (+ session token). */
function staticKeys(source: RawOptions): Partial<ConnectionSettings> {
  const accessKeyId = optionalString(source, 'access_key')?.trim();
  const secretAccessKey = optionalString(source, 'secret_key')?.trim();
  const sessionToken = optionalString(source, 'session_token')?.trim() || undefined;
  if (!accessKeyId) throw missing('access_key', 'Access key');
  if (!secretAccessKey) throw missing('secret_key', 'Secret key');
  // Both travel in HTTP headers and URLs; a pasted line break or space would break every request.
  for (const [field, value] of [
    ['access_key', accessKeyId],
    ['session_token', sessionToken],
  ] as const)
    if (value !== undefined && !/^[\x21-\x7e]+$/.test(value))
      throw invalidField(
        field,
        'may contain only printable ASCII characters, without spaces or line breaks: paste it again',
      );
  return { accessKeyId, secretAccessKey, sessionToken };
}

function missing(field: string, label: string): Failure {
  return new Failure('MissingOption', `${label} ('${field}') is required with access keys.`, { field });
}

function parseRoleArn(source: RawOptions): string {
  const roleArn = optionalTrimmed(source, 'role_arn');
  if (!roleArn || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
    throw invalidField(
      'role_arn',
      `must be a role ARN such as arn:aws:iam::123456789012:role/app-reader${roleArn ? ` (got '${shown(roleArn)}')` : ''}`,
    );
  }
  return roleArn;
}

/** AWS regions are lower-case words and digits; S3-compatible services may use anything (R2: "auto"). */
function parseRegion(source: RawOptions, customEndpoint: boolean): string {
  const region = optionalTrimmed(source, 'region') ?? DEFAULT_REGION;
  if (!customEndpoint && !isAwsRegion(region)) {
    if (region === 'auto')
      throw invalidField(
        'region',
        "'auto' is for S3-compatible services: turn on Custom endpoint, or pick an AWS region",
      );
    throw invalidField(
      'region',
      `must be an AWS region code such as us-east-1 or eu-central-1 (got '${shown(region)}')`,
    );
  }
  if (!/^[A-Za-z0-9._-]+$/.test(region)) {
    throw invalidField('region', `may contain only letters, digits, '.', '_' and '-' (got '${shown(region)}')`);
  }
  return region;
}

export function isAwsRegion(region: string): boolean {
  return /^[a-z]{2,4}(-[a-z0-9]+)+-\d+$/.test(region);
}
