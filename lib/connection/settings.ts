/**
 * The data source form (manifest.json) turned into validated connection settings.
 * Option keys are the app builder's, so saved data sources keep working.
 */
import { Failure, shown } from '../errors/failure.js';
import { parseEndpoint } from './endpoint.js';
import {
  integerInRange,
  invalidField,
  isUnset,
  optionalString,
  optionalTrimmed,
  RawOptions,
  toggle,
} from '../validation.js';

const AUTH_MODES = ['iam_access_keys', 'aws_instance_credentials', 'aws_arn_role'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const DEFAULT_REGION = 'us-east-1';

/**
 * The most a read may load: its result is one string (base64 for binary: 4/3 of the size), and a
 * JavaScript string holds at most 2^29 - 24 characters (Node 20 and 22). 256 MB of binary is 358 M
 * characters, leaving room for the app builder to serialise the result; 400 MB would not fit.
 */
const MAX_READ_MEGABYTES = 256;

export interface ConnectionSettings {
  authMode: AuthMode;
  region: string;
  /** Static keys: required for iam_access_keys; for aws_arn_role, the optional base credentials. */
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
  /** Bucket that test connection checks instead of listing all buckets. */
  testBucket?: string;
}

export function parseConnectionSettings(source: RawOptions): ConnectionSettings {
  const authMode = parseAuthMode(source);
  const endpoint = toggle(source, 'endpoint_enabled') ? parseEndpoint(source) : undefined;
  const settings: ConnectionSettings = {
    authMode,
    region: parseRegion(source, endpoint !== undefined),
    endpoint,
    // Saved data sources predate the toggle: a missing value means path-style, the safe default.
    forcePathStyle: endpoint !== undefined && (isUnset(source.force_path_style) || toggle(source, 'force_path_style')),
    connectionTimeoutSeconds: integerInRange(source, 'connection_timeout', { min: 1, max: 300, defaultValue: 10 }),
    requestTimeoutSeconds: integerInRange(source, 'request_timeout', { min: 1, max: 3600, defaultValue: 60 }),
    maxAttempts: integerInRange(source, 'max_attempts', { min: 1, max: 10, defaultValue: 3 }),
    maxReadMegabytes: integerInRange(source, 'max_read_size', { min: 1, max: MAX_READ_MEGABYTES, defaultValue: 50 }),
    testBucket: optionalTrimmed(source, 'test_bucket'),
  };

  if (authMode === 'iam_access_keys') {
    Object.assign(settings, staticKeys(source, true));
  } else if (authMode === 'aws_arn_role') {
    Object.assign(settings, staticKeys(source, false));
    settings.roleArn = parseRoleArn(source);
    settings.externalId = optionalTrimmed(source, 'external_id');
  }
  return settings;
}

/** The server administrator's switch to let the server's own credentials go to custom endpoints. */
export const ALLOW_SERVER_CREDENTIALS = 'S3_PLUGIN_ALLOW_SERVER_CREDENTIALS_ON_CUSTOM_ENDPOINTS';

/**
 * The server's own credentials (its environment, profile, instance or container role) never go
 * to an endpoint typed into a data source, whose owner would receive them, unless the server's
 * administrator allows it. Checked when a client is built, so the switch is read at that time.
 */
export function assertCredentialsMayGoToEndpoint(settings: ConnectionSettings): void {
  if (!settings.endpoint || !usesServerCredentials(settings) || process.env[ALLOW_SERVER_CREDENTIALS] === 'true')
    return;
  throw new Failure(
    'ServerCredentialsRefused',
    `This authentication uses the app builder server's own AWS credentials, which are not sent to a custom endpoint ('${shown(settings.endpoint)}'): whoever controls that endpoint would receive them. Use access keys for S3-compatible services; an administrator can allow it by setting ${ALLOW_SERVER_CREDENTIALS}=true on the app builder server.`,
    { field: 'endpoint', authMode: settings.authMode },
  );
}

/** Whether requests are signed with the server's identity (its environment, profile, role) rather than typed keys. */
function usesServerCredentials(settings: ConnectionSettings): boolean {
  return (
    settings.authMode === 'aws_instance_credentials' || (settings.authMode === 'aws_arn_role' && !settings.accessKeyId)
  );
}

function parseAuthMode(source: RawOptions): AuthMode {
  const value = optionalTrimmed(source, 'instance_metadata_credentials') ?? 'iam_access_keys';
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (!mode) throw invalidField('instance_metadata_credentials', `must be one of ${AUTH_MODES.join(', ')}`);
  return mode;
}

/** Access key + secret (+ session token). Required for access keys; all-or-nothing for a role's base credentials. */
function staticKeys(source: RawOptions, required: boolean): Partial<ConnectionSettings> {
  const accessKeyId = optionalString(source, 'access_key')?.trim();
  const secretAccessKey = optionalString(source, 'secret_key')?.trim();
  const sessionToken = optionalString(source, 'session_token')?.trim();
  if (!required && !accessKeyId && !secretAccessKey) return {};
  if (!accessKeyId) throw missing('access_key', 'Access key', required);
  if (!secretAccessKey) throw missing('secret_key', 'Secret key', required);
  return { accessKeyId, secretAccessKey, sessionToken };
}

function missing(field: string, label: string, forAccessKeys: boolean): Failure {
  const message = forAccessKeys
    ? `${label} ('${field}') is required for IAM access key authentication.`
    : `${label} ('${field}') is required when base credentials for the role are given; leave both keys empty to use the default credential chain.`;
  return new Failure('MissingOption', message, { field });
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
