/**
 * What "Test connection" checks. Listing all buckets needs s3:ListAllMyBuckets, which many
 * least-privilege (bucket-scoped) users lack: AccessDenied there proves the credentials are
 * valid, so it is reported as ok with an explanation. With a `test_bucket`, that bucket is
 * listed instead (s3:ListBucket), which checks the access the app really needs.
 */
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ConnectionTestResult } from '@tooljet-plugins/common';
import { ALLOW_SERVER_CREDENTIALS, ConnectionSettings } from './settings.js';

/** Test connection's result, ok or failed, with a word on an endpoint this authentication does not use. */
export function withEndpointNote(
  result: ConnectionTestResult,
  settings: ConnectionSettings | undefined,
): ConnectionTestResult {
  if (!settings?.ignoredEndpoint) return result;
  const note = `The custom endpoint ${settings.ignoredEndpoint} is not used: this authentication signs with the app builder server's own AWS credentials, which are never sent to an endpoint typed into a data source, so requests go to AWS. Use access keys for S3-compatible services; an administrator can allow the endpoint with ${ALLOW_SERVER_CREDENTIALS}=true.`;
  return { ...result, message: result.message ? `${result.message} ${note}` : note };
}

export async function checkConnection(client: S3Client, settings: ConnectionSettings): Promise<ConnectionTestResult> {
  if (settings.testBucket) {
    await client.send(new ListObjectsV2Command({ Bucket: settings.testBucket, MaxKeys: 1 }));
    return { status: 'ok', message: `Connected: bucket '${settings.testBucket}' is reachable and can be listed.` };
  }
  try {
    await client.send(new ListBucketsCommand({}));
    return { status: 'ok' };
  } catch (error) {
    if ((error as { name?: string }).name !== 'AccessDenied') throw error;
    return {
      status: 'ok',
      message:
        'Connected: the credentials are valid, but they are not allowed to list all buckets (s3:ListAllMyBuckets). ' +
        "Queries on buckets they may access will work; enter one in 'Test bucket' to check it.",
    };
  }
}
