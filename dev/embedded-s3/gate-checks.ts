/**
 * What the SigV4 check refuses with, and the checks its two ways of signing share: a header or
 * presigned request (sigv4-gate.ts) and a browser form's policy (post-policy.ts).
 */

export interface GateFailure {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, string>;
}

export const fail = (status: number, code: string, message: string, extra?: Record<string, string>): GateFailure => ({
  status,
  code,
  message,
  extra,
});

/** A SigV4 date: 20261127T120000Z. */
export const isLongDate = (text: string): boolean => /^\d{8}T\d{6}Z$/.test(text);

export interface CredentialScope {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
}

/** `KEY/20261127/us-east-1/s3/aws4_request`, dated the day of `longDate`; undefined when malformed. */
export function credentialScope(credential: string, longDate: string): CredentialScope | undefined {
  const [accessKeyId, shortDate, region, service, terminator, ...rest] = credential.split('/');
  if (rest.length || terminator !== 'aws4_request' || service !== 's3' || shortDate !== longDate.slice(0, 8) || !region)
    return undefined;
  return { accessKeyId, shortDate, region, service };
}

/** The secret of a known access key, or S3's refusal of an unknown one. */
export function secretOf(secrets: Record<string, string>, accessKeyId: string): string | GateFailure {
  if (Object.prototype.hasOwnProperty.call(secrets, accessKeyId)) return secrets[accessKeyId];
  return fail(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
    AWSAccessKeyId: accessKeyId,
  });
}
