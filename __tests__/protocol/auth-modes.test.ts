/**
 * Credential wiring of every auth mode, without AWS: access keys (with a session token),
 * the SDK's default chain fed from environment variables (instance mode), and assume-role
 * through an STS endpoint on loopback. No real STS can be started here, so a scripted HTTP
 * server answers AssumeRole the way STS does; the SDK's STS client talks to it over HTTP.
 */
import S3QueryService from '../../lib/index.js';
import { EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY } from '../../dev/embedded-s3/server.js';
import { CannedServer, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';
import { queryError } from '../support/query.js';

const s3 = useEmbeddedS3(['auth-bucket']);
const plugin = new S3QueryService();
let canned: CannedServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(() => canned.close());
afterEach(() => {
  process.env = { ...savedEnv };
  canned.requests.length = 0;
});
// The embedded server stands in for a custom endpoint the administrator trusts with the server's credentials.
function allowServerCredentials(): void {
  process.env.S3_PLUGIN_ALLOW_SERVER_CREDENTIALS_ON_CUSTOM_ENDPOINTS = 'true';
}

const endpointOnly = () => ({ region: 'us-east-1', endpoint_enabled: true, endpoint: s3.server().endpoint });

describe('iam_access_keys', () => {
  it('sends the optional session token with every request', async () => {
    canned.respondWith({ status: 200, body: '<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>' });
    await plugin.run(
      {
        access_key: 'ASIATEMP',
        secret_key: 'tmp-secret',
        session_token: 'the-session-token',
        endpoint_enabled: true,
        endpoint: canned.endpoint,
      },
      { operation: 'list_buckets' },
      'auth-token',
    );
    expect(canned.requests[0].headers['x-amz-security-token']).toBe('the-session-token');
    expect(canned.requests[0].headers.authorization).toContain('Credential=ASIATEMP/');
  });
});

describe('aws_instance_credentials: the instance or container role only', () => {
  // No EC2 metadata service here: the container credentials endpoint (ECS/EKS) is served on loopback.
  const useContainerCredentials = (accessKeyId: string) => {
    canned.respondWith({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        AccessKeyId: accessKeyId,
        SecretAccessKey: EMBEDDED_SECRET_KEY,
        Token: 'container-token',
        Expiration: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${canned.endpoint}/v2/credentials`;
  };
  const instanceSource = (extra: Record<string, unknown> = {}) => ({
    instance_metadata_credentials: 'aws_instance_credentials',
    ...endpointOnly(),
    ...extra,
  });

  it('signs with the container role, not with keys in the environment or the form', async () => {
    allowServerCredentials();
    useContainerCredentials(EMBEDDED_ACCESS_KEY);
    process.env.AWS_ACCESS_KEY_ID = 'ENVKEYFORSOMETHINGELSE';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const result = await plugin.run(
      instanceSource({ access_key: 'STALEKEY', secret_key: 'stale' }),
      { operation: 'list_buckets' },
      'auth-instance',
    );
    expect((result.data as { Buckets: Array<{ Name: string }> }).Buckets.map((b) => b.Name)).toEqual(['auth-bucket']);
    expect(canned.requests.map((request) => request.url)).toEqual(['/v2/credentials']);
  });

  it('really takes the key from the role: an unknown one is rejected by the server', async () => {
    allowServerCredentials();
    useContainerCredentials('UNKNOWNROLEKEY');
    const error = await queryError(plugin.run(instanceSource(), { operation: 'list_buckets' }, 'auth-instance-bad'));
    expect(error.data).toMatchObject({ code: 'InvalidAccessKeyId' });
  });
});

describe('default_credentials_provider_chain: the SDK default chain', () => {
  const chainSource = () => ({
    instance_metadata_credentials: 'default_credentials_provider_chain',
    ...endpointOnly(),
  });

  it('takes credentials from the chain (here: environment variables)', async () => {
    allowServerCredentials();
    process.env.AWS_ACCESS_KEY_ID = EMBEDDED_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = EMBEDDED_SECRET_KEY;
    const result = await plugin.run(chainSource(), { operation: 'list_buckets' }, 'auth-chain');
    expect((result.data as { Buckets: Array<{ Name: string }> }).Buckets.map((b) => b.Name)).toEqual(['auth-bucket']);
  });

  it('really takes the key from the chain: an unknown key in the environment is rejected', async () => {
    allowServerCredentials();
    process.env.AWS_ACCESS_KEY_ID = 'ENVUNKNOWNKEY';
    process.env.AWS_SECRET_ACCESS_KEY = 'x';
    const error = await queryError(plugin.run(chainSource(), { operation: 'list_buckets' }, 'auth-chain-bad'));
    expect(error.data).toMatchObject({ code: 'InvalidAccessKeyId' });
  });
});

describe("the server's own credentials and a custom endpoint", () => {
  it('are never sent to it unless the administrator allows it: the endpoint is not used, and test connection says so', async () => {
    process.env.AWS_ACCESS_KEY_ID = EMBEDDED_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = EMBEDDED_SECRET_KEY;
    const source = {
      instance_metadata_credentials: 'default_credentials_provider_chain',
      endpoint_enabled: true,
      endpoint: canned.endpoint,
      connection_timeout: '1',
      request_timeout: '2',
      max_attempts: '1',
    };
    // Requests go to AWS instead, as the app builder's plugin did (no network here: they fail).
    const error = await queryError(plugin.run(source, { operation: 'list_buckets' }, 'auth-server-creds'));
    expect(JSON.stringify(error.data)).toMatch(/s3\.(us-east-1\.)?amazonaws\.com/);
    const tested = await plugin.testConnection(source);
    expect(tested.message).toMatch(
      /The custom endpoint http:\/\/127\.0\.0\.1:\d+ is not used: this authentication signs with the app builder server's own AWS credentials/,
    );
    expect(tested.message).toContain('S3_PLUGIN_ALLOW_SERVER_CREDENTIALS_ON_CUSTOM_ENDPOINTS=true');
    expect(canned.requests).toHaveLength(0);
  });
});

describe('aws_arn_role', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/app-reader';
  const stsAnswer = (minutesValid: number) => () => ({
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
      <AccessKeyId>${EMBEDDED_ACCESS_KEY}</AccessKeyId><SecretAccessKey>${EMBEDDED_SECRET_KEY}</SecretAccessKey>
      <SessionToken>temp-token</SessionToken><Expiration>${new Date(Date.now() + minutesValid * 60_000).toISOString()}</Expiration>
      </Credentials><AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>${ROLE}/s</Arn></AssumedRoleUser></AssumeRoleResult>
      <ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  });
  // Assumed with access keys (an explicit choice); the embedded server stands for S3.
  const roleSource = (extra: Record<string, unknown> = {}) => ({
    instance_metadata_credentials: 'aws_arn_role_with_access_keys',
    role_arn: ROLE,
    external_id: 'ext-42',
    access_key: 'BASEKEY',
    secret_key: 'base-secret',
    ...endpointOnly(),
    ...extra,
  });
  const stsCalls = () => canned.requests.filter((request) => request.body.includes('Action=AssumeRole'));

  beforeEach(() => {
    process.env.AWS_ENDPOINT_URL_STS = canned.endpoint;
  });

  it('assumes the role with the base keys, external id and a valid session name, then uses the temporary keys', async () => {
    canned.respondWith(stsAnswer(60));
    const result = await plugin.run(roleSource(), { operation: 'list_buckets' }, 'auth-role');
    expect(result.status).toBe('ok');

    const [call] = stsCalls();
    const params = new URLSearchParams(call.body);
    expect(params.get('RoleArn')).toBe(ROLE);
    expect(params.get('ExternalId')).toBe('ext-42');
    // Named as the app builder's plugin named it, so trust policies on the session name still match.
    expect(params.get('RoleSessionName')).toMatch(/^s3-app-reader-\d{13}$/);
    expect(call.headers.authorization).toContain('Credential=BASEKEY/');
  });

  it('fetches temporary credentials once, not on every query', async () => {
    canned.respondWith(stsAnswer(60));
    for (let i = 0; i < 4; i += 1) {
      await plugin.run(roleSource(), { operation: 'list_buckets' }, 'auth-role-once', '2024-01-01T00:00:00Z');
    }
    expect(stsCalls()).toHaveLength(1);
  });

  it('refreshes credentials that are about to expire before using them again', async () => {
    canned.respondWith(stsAnswer(3)); // inside the SDK's five-minute refresh window
    await plugin.run(roleSource(), { operation: 'list_buckets' }, 'auth-role-refresh', '2024-01-01T00:00:00Z');
    await plugin.run(roleSource(), { operation: 'list_buckets' }, 'auth-role-refresh', '2024-01-01T00:00:00Z');
    // Credentials valid for 60 minutes were fetched once for four queries (test above);
    // these expire within the refresh window, so the SDK fetches new ones before using them.
    expect(stsCalls().length).toBeGreaterThanOrEqual(2);
  });

  it('explains a refused AssumeRole', async () => {
    canned.respondWith({
      status: 403,
      body: `<ErrorResponse><Error><Type>Sender</Type>${s3ErrorXml('AccessDenied', 'not authorized to perform sts:AssumeRole').replace(/<\?xml[^>]*>\s*<Error>|<\/Error>$/g, '')}</Error></ErrorResponse>`,
    });
    const error = await queryError(plugin.run(roleSource(), { operation: 'list_buckets' }, 'auth-role-denied'));
    expect(error.message).toMatch(
      /^Could not assume the role arn:aws:iam::123456789012:role\/app-reader: .*not authorized/,
    );
    expect(error.data).toMatchObject({ field: 'role_arn' });
    expect(JSON.stringify(error.data) + error.message).not.toContain('base-secret');
  });

  it("by default assumes it with the server's credentials, ignoring keys left from another mode", async () => {
    allowServerCredentials();
    process.env.AWS_ACCESS_KEY_ID = 'SERVERKEY';
    process.env.AWS_SECRET_ACCESS_KEY = 'server-secret';
    canned.respondWith(stsAnswer(60));
    // aws_arn_role with one key left over from another mode: no error, the keys are not used.
    const leftOver = roleSource({ instance_metadata_credentials: 'aws_arn_role', secret_key: '' });
    const result = await plugin.run(leftOver, { operation: 'list_buckets' }, 'auth-role-server');
    expect(result.status).toBe('ok');
    expect(stsCalls()[0].headers.authorization).toContain('Credential=SERVERKEY/');
  });

  it('refuses a malformed role ARN before any request', async () => {
    const error = await queryError(
      plugin.run(roleSource({ role_arn: 'app-reader' }), { operation: 'list_buckets' }, 'auth-role-arn'),
    );
    expect(error.message).toMatch(/'role_arn': must be a role ARN/);
    expect(stsCalls()).toHaveLength(0);
  });
});
