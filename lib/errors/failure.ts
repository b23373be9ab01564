/**
 * The plugin's own failures. Inside the plugin they are `Failure`s with a code from one
 * catalogue; the query service turns every failure (these, the SDK's, the network's) into the
 * app builder's QueryError in one place (errors/translate.ts), where secrets are redacted before
 * the QueryError exists (its constructor logs the description).
 */

/** Every code a failure of the plugin's own carries, and what it means. */
export const FAILURE_CODES = {
  InvalidOption: 'a query or connection option has a value that is not allowed',
  MissingOption: 'a required option is empty',
  EBLOCKEDADDRESS: 'the endpoint is, or resolves to, a cloud metadata or link-local address',
  ServerCredentialsRefused: "the server's own credentials would be sent to an endpoint typed into the data source",
  AssumeRoleFailed: 'STS refused to assume the role',
  ObjectTooLarge: "the object is larger than the data source's read limit",
  TruncatedBody: 'the object body ended before its announced length',
  InvalidJson: 'the object is not valid JSON (decodeAs json)',
  MovePartlyDone: 'a move copied the object but could not delete the source',
  CopyUnconfirmed:
    'a copy was confirmed without an ETag and the destination does not show the copy (a move keeps its source)',
  DestinationKeyRefused: 'a folder copy would write a key S3 refuses, or one that resolves to another path',
  NotS3Response: 'the endpoint answered, but not as an S3 service',
  UnsupportedRequest: "the server answers as S3 but not this request: it sent S3's answer to another one",
  ResponseTooLarge: 'a response is far larger than any S3 response to that request',
  ListingDidNotAdvance: 'a listing page was empty yet truncated, or repeated a continuation token',
  QueryTimedOut: "the query's overall deadline passed",
  VersioningSuspended: "a restore would replace the bucket's 'null' version, because versioning is suspended",
  VersionIdIgnored: 'the server answered with another version than the versionId asked for (it has no versioning)',
  TooManyCorsRules: "appending a CORS rule would exceed S3's limit of rules per bucket",
  PreconditionFailed:
    'a conditional write was refused: the object exists (ifNoneMatch) or changed since it was read (ifMatch)',
  BucketNotEmpty:
    'delete_bucket was asked to delete a bucket that holds objects, without emptyFirst and its confirmation',
  TooManyLifecycleRules: "appending a lifecycle rule would exceed S3's limit of rules per bucket",
  FolderExists: 'create_folder found the folder, or an object of its name, already there (keepExisting accepts it)',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

export class Failure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Failure';
  }
}

/** Inputs (keys, bucket names, endpoints) appear in messages at most this long. */
const SHOWN_LENGTH = 200;

/** Text that went through shown(): what a message may echo of a user's or a server's value. */
export type Shown = string & { readonly __shown: true };

/**
 * A user's input (or a server's text) as a message shows it: control characters written as
 * escapes (a CR/LF in a message breaks logs and headers), cut to about 200 characters (or
 * `length`), saying how long it was. Every value a message echoes goes through here
 * (__tests__/unit/message-echoes.test.ts finds any that does not).
 */
export function shown(value: string, length = SHOWN_LENGTH): Shown {
  // eslint-disable-next-line no-control-regex
  const escape = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  const text =
    value.length <= length ? escape(value) : `${escape(value.slice(0, length))}… (${value.length} characters)`;
  return text as Shown;
}

/** shown() of a value that may be absent. */
export const shownIfAny = (value: string | undefined): Shown | undefined =>
  value === undefined ? undefined : shown(value);
