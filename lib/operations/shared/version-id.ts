/**
 * Version ids as options take them, and the check that a server answered about the version
 * asked for (a server without versioning, such as s3rver, ignores `versionId`).
 */
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { invalidField, isUnset, optionalString, RawOptions, requiredString } from '../../validation.js';

/** The version id every object stored while versioning was off has. */
export const NULL_VERSION = 'null';

/** A version id: trimmed, printable ASCII without spaces (S3's are URL-safe), at most 1024 characters. */
export function versionIdOption(options: RawOptions, field: string, required: boolean): string | undefined {
  if (!required && isUnset(options[field])) return undefined;
  const value = (
    required
      ? requiredString(options, field, 'the version id (VersionId in a version listing)')
      : optionalString(options, field)
  )?.trim() as string;
  if (!/^[\x21-\x7e]+$/.test(value) || value.length > LIMITS.versionIdCharacters)
    throw invalidField(
      field,
      `must be a version id as list_object_versions returns it: printable characters without spaces, at most ${LIMITS.versionIdCharacters} (got '${shown(value)}')`,
    );
  return value;
}

/** Refuses an answer about another version than asked for: the server ignored versionId. */
export function checkServedVersion(
  asked: string | undefined,
  served: string | undefined,
  target: { bucket: string; key: string },
  consequence = '',
): void {
  // The null version is served without a version id by some stores; nothing to compare.
  if (!asked || asked === NULL_VERSION || served === asked) return;
  const got = served ? `version '${shown(served)}'` : 'an object without a version id';
  throw new Failure(
    'VersionIdIgnored',
    `The server answered with ${got} of '${shown(target.key)}' in bucket '${shown(target.bucket)}', not the version '${shown(asked)}' asked for: it does not support object versions and ignores versionId.${consequence}`,
    { bucket: target.bucket, key: target.key, versionId: asked, servedVersionId: served },
  );
}
