/**
 * The data source form (manifest.json) turned into validated connection settings.
 * Option keys are the app builder's, so saved data sources keep working.
 */
import { QueryError } from '@tooljet-plugins/common';
import { invalidField, optionalString, optionalTrimmed, RawOptions, toggle } from './validation';

export const AUTH_MODES = ['iam_access_keys', 'aws_instance_credentials', 'aws_arn_role'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const DEFAULT_REGION = 'us-east-1';

export interface ConnectionSettings {
  authMode: AuthMode;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Normalised custom endpoint (scheme added, trailing slash removed) or undefined for AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
}

export function parseConnectionSettings(source: RawOptions): ConnectionSettings {
  const authMode = parseAuthMode(source);
  const endpoint = toggle(source, 'endpoint_enabled') ? parseEndpoint(source) : undefined;
  const region = parseRegion(source, endpoint !== undefined);
  const settings: ConnectionSettings = { authMode, region, endpoint, forcePathStyle: endpoint !== undefined };

  if (authMode === 'iam_access_keys') {
    settings.accessKeyId = requiredCredential(source, 'access_key', 'Access key');
    settings.secretAccessKey = requiredCredential(source, 'secret_key', 'Secret key');
  } else {
    const message = `The authentication mode '${authMode}' is not available yet; use 'iam_access_keys'.`;
    throw new QueryError(message, message, { code: 'UnsupportedAuthMode', field: 'instance_metadata_credentials' });
  }
  return settings;
}

function parseAuthMode(source: RawOptions): AuthMode {
  const value = optionalTrimmed(source, 'instance_metadata_credentials') ?? 'iam_access_keys';
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (!mode) throw invalidField('instance_metadata_credentials', `must be one of ${AUTH_MODES.join(', ')}`);
  return mode;
}

function requiredCredential(source: RawOptions, field: string, label: string): string {
  const value = optionalString(source, field)?.trim();
  if (!value) {
    const message = `${label} ('${field}') is required for IAM access key authentication.`;
    throw new QueryError(message, message, { code: 'MissingOption', field });
  }
  return value;
}

/** AWS regions are lower-case words and digits; S3-compatible services may use anything (R2: "auto"). */
function parseRegion(source: RawOptions, customEndpoint: boolean): string {
  const region = optionalTrimmed(source, 'region') ?? DEFAULT_REGION;
  if (!customEndpoint && !/^[a-z]{2,4}(-[a-z0-9]+)+-\d+$/.test(region)) {
    throw invalidField('region', `must be an AWS region code such as us-east-1 or eu-central-1 (got '${region}')`);
  }
  if (!/^[A-Za-z0-9._-]+$/.test(region)) {
    throw invalidField('region', `may contain only letters, digits, '.', '_' and '-' (got '${region}')`);
  }
  return region;
}

/** Trims, adds https:// when no scheme is given, drops a trailing slash; only http and https. */
export function parseEndpoint(source: RawOptions): string {
  const raw = optionalTrimmed(source, 'endpoint');
  if (!raw)
    throw invalidField(
      'endpoint',
      'is empty although Custom Endpoint is on: enter a URL such as https://minio.example.com:9000',
    );
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidField('endpoint', `must be a URL such as https://minio.example.com:9000 (got '${raw}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidField('endpoint', `must use http:// or https:// (got '${url.protocol}')`);
  }
  if (url.username || url.password) {
    throw invalidField('endpoint', 'must not contain a user name or password; use the access key fields');
  }
  if (url.search || url.hash) throw invalidField('endpoint', 'must not contain a query string or fragment');
  return url.toString().replace(/\/+$/, '');
}
