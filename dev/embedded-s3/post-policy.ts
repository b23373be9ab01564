/**
 * S3's checks of a browser form upload (POST Object with a signed policy), for the SigV4 check
 * in front of s3rver, which stores whatever is posted. As S3: the policy's signature (SigV4 of
 * the base64 policy text), its expiry, every condition (exact, starts-with, content-length-range)
 * and that every form field is named by a condition. The file is the last field; S3 ignores
 * what follows it and substitutes ${filename} in the key.
 */
import { getSigningKey } from '@smithy/signature-v4';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { credentialScope, fail, GateFailure, isLongDate, secretOf } from './gate-checks.js';
import { Sha256 } from './sha256.js';

/** The form's fields before the file, names as sent. */
export type PostedFields = Array<[string, string]>;

/** The file sizes a policy allows (content-length-range; S3's 5 GiB for a POST without one). */
export interface SizeRange {
  min: number;
  max: number;
}

export const MAX_POST_BYTES = 5 * 1024 * 1024 * 1024;

type Condition = Record<string, string> | [string, string | number, string | number];

const policyFailure = (message: string): GateFailure =>
  fail(403, 'AccessDenied', `Invalid according to Policy: ${message}`);

/** Fields that sign or carry the upload and need no condition (AWS: Policy, signature, file, x-ignore-*). */
const EXEMPT = /^(policy|x-amz-signature|file|x-ignore-.*)$/i;

/** A field's value; names are compared without case, as S3 does. */
const field = (fields: PostedFields, name: string): string | undefined =>
  fields.find(([fieldName]) => fieldName.toLowerCase() === name.toLowerCase())?.[1];

/**
 * Verifies the form's policy as the file starts (`fileName` as sent); the key the file is stored
 * under and the sizes it may have when the policy holds.
 */
export async function checkPostPolicy(
  fields: PostedFields,
  fileName: string,
  bucket: string,
  secrets: Record<string, string>,
  now = Date.now(),
): Promise<{ key: string; size: SizeRange } | GateFailure> {
  const policy = field(fields, 'policy');
  const signature = field(fields, 'x-amz-signature');
  const credential = field(fields, 'x-amz-credential') ?? '';
  if (!policy || !signature || field(fields, 'x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    return fail(403, 'AccessDenied', 'Access Denied');
  const amzDate = field(fields, 'x-amz-date') ?? '';
  if (!isLongDate(amzDate)) return fail(400, 'InvalidArgument', 'Bucket POST must contain a valid X-Amz-Date field.');
  const scope = credentialScope(credential, amzDate);
  if (!scope) return fail(400, 'InvalidArgument', `The credential '${credential}' is malformed.`);
  const secretAccessKey = secretOf(secrets, scope.accessKeyId);
  if (typeof secretAccessKey !== 'string') return secretAccessKey;
  const signingKey = await getSigningKey(
    Sha256,
    { accessKeyId: scope.accessKeyId, secretAccessKey },
    scope.shortDate,
    scope.region,
    scope.service,
  );
  const expected = createHmac('sha256', signingKey).update(policy).digest();
  const provided = Buffer.from(signature, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected))
    return fail(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );

  let document: { expiration?: string; conditions?: Condition[] };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return fail(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expiration = Date.parse(document.expiration ?? '');
  if (!Number.isFinite(expiration)) return fail(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid expiration.');
  if (now > expiration) return policyFailure('Policy expired.');

  // Conditions are checked on the fields as sent; the bucket is the one addressed, whatever a field says.
  const value = (name: string): string | undefined => (name.toLowerCase() === 'bucket' ? bucket : field(fields, name));
  const covered = new Set<string>();
  const size: SizeRange = { min: 0, max: MAX_POST_BYTES };
  for (const condition of document.conditions ?? []) {
    if (!Array.isArray(condition)) {
      for (const [name, wanted] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (value(name) !== wanted) return policyFailure(`Policy Condition failed: ["eq", "$${name}", "${wanted}"]`);
      }
      continue;
    }
    const [operator, subject, argument] = condition;
    if (operator === 'content-length-range') {
      size.min = Math.max(size.min, Number(subject));
      size.max = Math.min(size.max, Number(argument));
      continue;
    }
    const name = String(subject).replace(/^\$/, '');
    covered.add(name.toLowerCase());
    const actual = value(name);
    // A field a condition names must be sent; a Content-Type list must match item by item.
    const items =
      name.toLowerCase() === 'content-type' ? (actual?.split(',').map((item) => item.trim()) ?? []) : [actual ?? ''];
    const holds =
      actual !== undefined &&
      items.every((item) =>
        operator === 'eq' ? item === argument : operator === 'starts-with' && item.startsWith(String(argument)),
      );
    if (!holds) return policyFailure(`Policy Condition failed: ${JSON.stringify(condition)}`);
  }
  const extra = fields.map(([name]) => name).filter((name) => !EXEMPT.test(name) && !covered.has(name.toLowerCase()));
  if (extra.length) return policyFailure(`Extra input fields: ${extra.join(', ')}`);
  const key = field(fields, 'key');
  if (!key) return fail(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.");
  return { key: key.replace(/\$\{filename\}/g, fileName), size };
}

/** S3's refusal of a file outside the policy's sizes; undefined when it fits. */
export function sizeFailure(bytes: number, size: SizeRange): GateFailure | undefined {
  if (bytes > size.max)
    return fail(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(bytes),
      MaxSizeAllowed: String(size.max),
    });
  if (bytes < size.min)
    return fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: String(bytes),
      MinSizeAllowed: String(size.min),
    });
  return undefined;
}
