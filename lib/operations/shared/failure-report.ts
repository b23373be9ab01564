/**
 * What a folder operation reports: counts and bytes, and every failed key with its reason. The
 * list of failed keys is capped (the count is not), so a folder of a million failures cannot
 * make a result of a million entries.
 */
import { LIMITS } from '../../limits.js';

/** A failure of one key that does not end the query, in the user's words (secrets redacted). */
export type DescribeFailure = (error: unknown, target: { bucket?: string; key?: string }) => FailureText;

export interface FailureText {
  code: string;
  message: string;
}

export interface FolderError {
  Key: string;
  /** Which step failed: a move's copy, or its delete once the copy succeeded; a bucket emptying's upload abort. */
  Step: 'copy' | 'delete' | 'abort';
  Code: string;
  Message: string;
}

/**
 * Failures every remaining object would meet too (a missing bucket, rejected credentials, an
 * unreachable server): the first one stops the operation instead of trying each object in turn.
 */
const ENDS_THE_RUN = new Set([
  'NoSuchBucket',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'RequestTimeTooSkewed',
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'CredentialsProviderError',
  'AssumeRoleFailed',
  'NotS3Response',
  'QueryTimedOut',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'EBLOCKEDADDRESS',
]);

export class FolderReport {
  objects = 0;
  bytes = 0;
  copied = 0;
  copiedBytes = 0;
  deleted = 0;
  deletedBytes = 0;
  errorCount = 0;
  readonly errors: FolderError[] = [];
  /** The failure that stopped the operation early, if one did. */
  stoppedBy?: FailureText;

  constructor(private readonly describe: DescribeFailure) {}

  listed(size: number): void {
    this.objects += 1;
    this.bytes += size;
  }

  /** A key that failed; `error` is anything thrown, or a server's per-key error (DeleteObjects'). */
  failed(key: string, step: FolderError['Step'], error: unknown, bucket: string): void {
    const { code, message } = this.describe(error, { bucket, key });
    this.errorCount += 1;
    if (this.errors.length < LIMITS.folderErrorsListed)
      this.errors.push({ Key: key, Step: step, Code: code, Message: message });
    if (!this.stoppedBy && ENDS_THE_RUN.has(code)) this.stoppedBy = { code, message };
  }

  /**
   * A listing that failed after pages were done: the result reports what was done, stopped
   * (rethrown before the first page, when nothing was done: the query fails as any listing would).
   */
  listingFailed(error: unknown, bucket: string): void {
    if (this.objects === 0) throw error;
    const { code, message } = this.describe(error, { bucket });
    this.stoppedBy = { code, message: `Listing the next page failed: ${message}` };
  }

  /** The fields every folder result has: failures, and why it stopped early when it did. */
  summary() {
    const stopped = this.stoppedBy;
    return {
      Errors: this.errors,
      ErrorCount: this.errorCount,
      ErrorsTruncated: this.errorCount > this.errors.length,
      Stopped: Boolean(stopped),
      ...(stopped
        ? {
            Warning: `Stopped at a failure every remaining object would meet too (${stopped.code}: ${stopped.message}) The objects after it were not tried; fix the cause and run the query again to finish.`,
          }
        : {}),
    };
  }
}
