/**
 * What "Test connection" checks. Listing all buckets needs s3:ListAllMyBuckets, which many
 * least-privilege (bucket-scoped) users lack: AccessDenied there proves the credentials are
 * valid, so it is reported as ok with an explanation. With a `test_bucket`, that bucket is
 * listed instead (s3:ListBucket), which checks the access the app really needs, and its CORS
 * rules are read: the first thing that breaks a signed upload from a page is a missing CORS rule,
 * so the result warns (still ok) when none allows browser uploads.
 */
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ConnectionTestResult } from '@tooljet-plugins/common';
import { Failure, shown } from '../errors/failure.js';
import { allowsBrowserUploads, readCorsRules } from '../operations/cors/cors-rules.js';
import { ALLOW_SERVER_CREDENTIALS, ConnectionSettings } from './settings.js';

/** Test connection's result, ok or failed, with a word on an endpoint this authentication does not use. */
export function withEndpointNote(
  result: ConnectionTestResult,
  settings: ConnectionSettings | undefined,
): ConnectionTestResult {
  if (!settings?.ignoredEndpoint) return result;
  const note = `The custom endpoint ${shown(settings.ignoredEndpoint)} is not used: this authentication signs with the app builder server's own AWS credentials, which are never sent to an endpoint typed into a data source, so requests go to AWS. Use access keys for S3-compatible services; an administrator can allow the endpoint with ${ALLOW_SERVER_CREDENTIALS}=true.`;
  // A message from the server may end without a full stop; the note is a sentence of its own.
  const before = result.message && (/[.!?]$/.test(result.message) ? result.message : `${result.message}.`);
  return { ...result, message: before ? `${before} ${note}` : note };
}

export async function checkConnection(client: S3Client, settings: ConnectionSettings): Promise<ConnectionTestResult> {
  if (settings.testBucket) {
    await client.send(new ListObjectsV2Command({ Bucket: settings.testBucket, MaxKeys: 1 }));
    const reachable = `Connected: bucket '${shown(settings.testBucket)}' is reachable and can be listed.`;
    const cors = await corsNote(client, settings.testBucket);
    return { status: 'ok', message: cors ? `${reachable} ${cors}` : reachable };
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

/** A word on the test bucket's CORS rules when they would stop browser uploads; never a failure. */
async function corsNote(client: S3Client, bucket: string): Promise<string | undefined> {
  let rules;
  try {
    rules = (await readCorsRules(client, bucket)) ?? [];
  } catch (error) {
    // Reading CORS needs s3:GetBucketCORS, which the app may well lack: the connection still works.
    const code = error instanceof Failure ? error.code : ((error as { name?: string }).name ?? 'an error');
    return `Its CORS rules could not be read (${shown(code)}), so browser uploads were not checked.`;
  }
  if (allowsBrowserUploads(rules)) return undefined;
  return (
    `Warning: its CORS rules allow no browser uploads (no rule allows PUT or POST and exposes ETag), so uploads ` +
    "from a web page with a signed URL fail with a network error. Add a rule with 'Write bucket CORS rules' " +
    "(put_bucket_cors, preset 'browser-uploads'); queries from the app builder's server are not affected."
  );
}
