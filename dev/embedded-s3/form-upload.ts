/**
 * A browser form upload (POST Object) read as it streams, as S3 reads it: the fields up to the
 * file (at most 20 KB, S3's limit), the policy checked when the file starts, then the file written
 * to a spool file while its size is counted against the policy's range. Memory stays bounded
 * whatever the body's size, and s3rver only ever receives a whole file whose form held.
 */
import { Busboy, BusboyFileStream, BusboyHeaders, BusboyInstance } from '@fastify/busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { fail, GateFailure } from './gate-checks.js';
import { checkPostPolicy, PostedFields, sizeFailure } from './post-policy.js';

/** S3's limit on the fields before the file. */
const MAX_PRE_DATA_BYTES = 20480;

export interface ReceivedUpload {
  /** Fields before the file, as sent. */
  fields: PostedFields;
  /** The key the policy gives the file (${filename} substituted). */
  key: string;
  file: { name: string; type: string; spoolPath: string };
}

const MALFORMED = fail(
  400,
  'MalformedPOSTRequest',
  'The body of your POST request is not well-formed multipart/form-data.',
);
const PRE_DATA_TOO_LARGE = fail(
  400,
  'MaxPostPreDataLengthExceeded',
  'Your POST request fields preceeding the upload file was too large.',
  { MaxPostPreDataLengthBytes: String(MAX_PRE_DATA_BYTES) },
);
const INCOMPLETE = fail(400, 'IncompleteBody', 'The request body ended before the form did.');
const NO_FILE = fail(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
  ArgumentName: 'file',
});

/**
 * Reads the form posted to `bucket`. On success the whole body has been read and the file is in
 * `spoolDirectory` (the caller removes it); a failure is returned as soon as it is known, and the
 * rest of the body is then read and dropped.
 */
export async function receiveFormUpload(
  req: http.IncomingMessage,
  bucket: string,
  secrets: Record<string, string>,
  spoolDirectory: string,
): Promise<ReceivedUpload | GateFailure> {
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: req.headers as BusboyHeaders,
      // S3 takes the field named `file` as the file, with or without a file name, and nothing else.
      isPartAFile: (name) => name?.toLowerCase() === 'file',
      limits: { fieldSize: MAX_PRE_DATA_BYTES + 1, fieldNameSize: MAX_PRE_DATA_BYTES + 1 },
    });
  } catch {
    return dropRest(req, MALFORMED);
  }
  const spoolPath = path.join(spoolDirectory, randomUUID());
  const parsed = finished(parser).then(
    () => true,
    () => false,
  );
  let file: BusboyFileStream | undefined;
  const result = await readForm(req, parser, (fields, stream, name, type) => {
    file = stream;
    return spoolFile(stream, { fields, name, type, spoolPath }, bucket, secrets);
  });
  // What follows the file is ignored, as by S3, but read: the answer comes once the body has arrived.
  if ('code' in result || !(await parsed)) {
    file?.destroy();
    parser.destroy();
    await rm(spoolPath, { force: true });
    return dropRest(req, 'code' in result ? result : MALFORMED);
  }
  return result;
}

type FileStart = (
  fields: PostedFields,
  stream: BusboyFileStream,
  name: string,
  type: string,
) => Promise<ReceivedUpload | GateFailure>;

/** Collects the fields until the file starts, then hands the file on; the first failure ends it. */
function readForm(
  req: http.IncomingMessage,
  parser: BusboyInstance,
  onFile: FileStart,
): Promise<ReceivedUpload | GateFailure> {
  return new Promise((resolve) => {
    const fields: PostedFields = [];
    const names = new Set<string>();
    let preDataBytes = 0;
    let fileStarted = false;
    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (fileStarted) return;
      preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (nameTruncated || valueTruncated || preDataBytes > MAX_PRE_DATA_BYTES) return resolve(PRE_DATA_TOO_LARGE);
      if (names.has(name.toLowerCase()))
        return resolve(
          fail(400, 'InvalidArgument', `Bucket POST can only contain one field named '${name}'.`, {
            ArgumentName: name,
          }),
        );
      names.add(name.toLowerCase());
      fields.push([name, value]);
    });
    parser.on('file', (_name, stream, fileName, _encoding, type) => {
      if (fileStarted) return void stream.resume();
      fileStarted = true;
      onFile([...fields], stream, fileName ?? '', type).then(resolve, (error: Error) =>
        resolve(fail(500, 'InternalError', error.message)),
      );
    });
    parser.on('error', () => resolve(MALFORMED));
    req.once('close', () => {
      if (!req.complete) resolve(INCOMPLETE);
    });
    parser.on('finish', () => {
      if (!fileStarted) resolve(NO_FILE);
    });
    req.pipe(parser);
  });
}

/** Checks the policy before reading a byte of the file, then spools it, counting its size. */
async function spoolFile(
  stream: BusboyFileStream,
  file: { fields: PostedFields; name: string; type: string; spoolPath: string },
  bucket: string,
  secrets: Record<string, string>,
): Promise<ReceivedUpload | GateFailure> {
  const verdict = await checkPostPolicy(file.fields, file.name, bucket, secrets);
  if ('code' in verdict) return verdict;
  let bytes = 0;
  // Past the largest size allowed the bytes are only counted, for the size S3 reports.
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, bytes > verdict.size.max ? undefined : chunk);
    },
  });
  await pipeline(stream, counter, createWriteStream(file.spoolPath));
  return (
    sizeFailure(bytes, verdict.size) ?? {
      fields: file.fields,
      key: verdict.key,
      file: { name: file.name, type: file.type, spoolPath: file.spoolPath },
    }
  );
}

/** Lets what is left of the body flow past unread; `failure` is the answer. */
function dropRest(req: http.IncomingMessage, failure: GateFailure): GateFailure {
  req.unpipe();
  req.resume();
  return failure;
}
