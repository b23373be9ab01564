/** The credential provider for each authentication mode, all from the SDK's own providers. */
import {
  fromContainerMetadata,
  fromInstanceMetadata,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from '@aws-sdk/credential-providers';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Failure, shown } from '../errors/failure.js';
import { ConnectionSettings, DEFAULT_REGION, isAwsRegion } from './settings.js';

type Credentials = NonNullable<S3ClientConfig['credentials']>;
interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function credentialsFor(settings: ConnectionSettings): Credentials {
  const staticKeys: StaticKeys | undefined =
    settings.accessKeyId && settings.secretAccessKey
      ? {
          accessKeyId: settings.accessKeyId,
          secretAccessKey: settings.secretAccessKey,
          sessionToken: settings.sessionToken,
        }
      : undefined;

  switch (settings.authMode) {
    case 'iam_access_keys':
      return staticKeys as StaticKeys;
    case 'aws_instance_credentials':
      // The instance's or container's role only, as the app builder's plugin did: environment
      // variables set on the server for something else are not picked up.
      return process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI
        ? fromContainerMetadata({ timeout: 5000, maxRetries: 1 })
        : fromInstanceMetadata({ timeout: 5000, maxRetries: 1 });
    case 'default_credentials_provider_chain':
      // The SDK's whole chain: environment, shared config, SSO, web identity, container, instance.
      return fromNodeProviderChain();
    case 'aws_arn_role':
      // The S3 client memoises these and asks STS again only shortly before they expire.
      return explainRoleFailures(
        settings.roleArn as string,
        fromTemporaryCredentials({
          params: {
            RoleArn: settings.roleArn as string,
            RoleSessionName: roleSessionName(settings.roleArn as string),
            ExternalId: settings.externalId,
          },
          masterCredentials: staticKeys ?? fromNodeProviderChain(),
          clientConfig: {
            region: isAwsRegion(settings.region) ? settings.region : DEFAULT_REGION,
            // STS gets the data source's limits too, or a silent STS would hold the query forever.
            maxAttempts: settings.maxAttempts,
            requestHandler: new NodeHttpHandler({
              connectionTimeout: settings.connectionTimeoutSeconds * 1000,
              requestTimeout: settings.requestTimeoutSeconds * 1000,
              socketTimeout: settings.requestTimeoutSeconds * 1000,
              throwOnRequestTimeout: true,
            }),
          },
        }),
      );
  }
}

/** Where credentials come from when they are fetched rather than typed in, for messages. */
export function credentialSourceOf(settings: ConnectionSettings): string | undefined {
  switch (settings.authMode) {
    case 'iam_access_keys':
      return undefined;
    case 'aws_instance_credentials':
      return 'the instance or container metadata service';
    case 'default_credentials_provider_chain':
      return "the AWS SDK's default credential chain";
    case 'aws_arn_role':
      return `assuming the role ${shown(settings.roleArn ?? '')} through STS`;
  }
}

/**
 * The app builder's plugin named sessions `s3-<role name>-<time>`; trust policies that match on
 * the session name (sts:RoleSessionName) keep matching. At most 64 characters of [\w+=,.@-].
 */
export function roleSessionName(roleArn: string, now = Date.now()): string {
  const roleName = (roleArn.split('/')[1] ?? 'role').replace(/[^\w+=,.@-]/g, '-');
  const suffix = `-${now}`;
  return `s3-${roleName}`.slice(0, 64 - suffix.length) + suffix;
}

type Provider = () => Promise<StaticKeys>;

/** STS failures would otherwise read like S3 failures; say that assuming the role failed. */
function explainRoleFailures(roleArn: string, provider: Provider): Provider {
  return async () => {
    try {
      return await provider();
    } catch (error) {
      const { name, message, $metadata } = error as {
        name?: string;
        message?: string;
        $metadata?: { httpStatusCode?: number; requestId?: string };
      };
      const text = `Could not assume the role ${shown(roleArn)}: ${shown(message ?? name ?? 'no reason given')}. Check the role's trust policy, the external ID and the base credentials.`;
      throw new Failure('AssumeRoleFailed', text, {
        stsCode: name,
        httpStatus: $metadata?.httpStatusCode,
        requestId: $metadata?.requestId,
        field: 'role_arn',
      });
    }
  };
}
