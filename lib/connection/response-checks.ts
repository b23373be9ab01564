/**
 * Responses that are not what an S3 service sends, refused before they become results:
 * - a 2xx web page (a MinIO console port instead of the API port answers 200 with HTML, which
 *   the SDK parses as an empty result: "test connection ok", "0 deleted", an upload "stored"),
 *   judged by what the command returns: the HEAD or GET of an object stored as HTML is no page;
 * - a 2xx answer to a command that returns an XML document, in another format;
 * - a response body far larger than any S3 answer to that command (a 110 MB "listing" took the
 *   process to 945 MB before); object bodies (GetObject) are bounded by the read limit instead.
 */
import { Readable } from 'node:stream';
import { Failure, shown } from '../errors/failure.js';
import { formatBytes } from '../format-bytes.js';

/**
 * Commands whose success response is an XML document, and the root elements it may have (S3
 * answers some copies and completions with 200 and an Error document, which the SDK reads).
 */
const XML_ROOTS: Record<string, readonly string[]> = {
  ListBucketsCommand: ['ListAllMyBucketsResult'],
  ListObjectsV2Command: ['ListBucketResult'],
  ListObjectVersionsCommand: ['ListVersionsResult'],
  GetBucketVersioningCommand: ['VersioningConfiguration'],
  GetBucketCorsCommand: ['CORSConfiguration'],
  DeleteObjectsCommand: ['DeleteResult'],
  CopyObjectCommand: ['CopyObjectResult', 'Error'],
  CreateMultipartUploadCommand: ['InitiateMultipartUploadResult'],
  CompleteMultipartUploadCommand: ['CompleteMultipartUploadResult', 'Error'],
  UploadPartCopyCommand: ['CopyPartResult', 'Error'],
  ListPartsCommand: ['ListPartsResult'],
  ListMultipartUploadsCommand: ['ListMultipartUploadsResult'],
};
/** S3's own answers: a server that sends one of them to another request speaks S3 but lacks that request. */
const S3_DOCUMENTS = new Set(Object.values(XML_ROOTS).flatMap((roots) => roots.filter((root) => root !== 'Error')));
/** How far into a body its root element must have started. */
const ROOT_WITHIN = 4096;

/** Far beyond any S3 answer but an object body: a page of 1,000 keys of 1,024 bytes is about 1.5 MB. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Far beyond any error document S3 sends (a few KB), or a proxy's error page; the SDK parses it in one stretch. */
export const MAX_ERROR_BYTES = 256 * 1024;

export interface Response {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

export function notS3(what: string, details: Record<string, unknown> = {}): Failure {
  return new Failure(
    'NotS3Response',
    `This endpoint did not answer as an S3 service (${what}). Check that the endpoint is the S3 API address, not a web console or another service.`,
    details,
  );
}

/** What may come before a document's root element: white space, processing instructions, comments. */
const PROLOGUE = /^\uFEFF?(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;
/** A document type declaration: a proxy's error page has one; S3 sends none. */
const DOCTYPE = /^<!doctype[^<>[\]]*>/i;

/**
 * The root element's name once the start of a document shows it, '' when it cannot be one.
 * With `doctype`, one declaration may come first (the SDK's parser reads the whole body again
 * for each one: a body of many took a minute).
 */
function rootElement(head: string, doctype = false): string | undefined {
  let rest = head.replace(PROLOGUE, '');
  const declared = doctype ? DOCTYPE.exec(rest) : null;
  if (declared) rest = rest.slice(declared[0].length).replace(PROLOGUE, '');
  if (rest.length === 0) return undefined;
  const match = /^<(?:[\w.-]+:)?([\w.-]+)[\s/>]/.exec(rest);
  if (match) return match[1];
  return rest.length > 200 || !rest.startsWith('<') ? '' : undefined;
}

/** Looks at a body's chunks as they come; a Failure once the body is not what it must be. */
interface BodyCheck {
  chunk(chunk: Buffer): Failure | undefined;
  end(): Failure | undefined;
}

/**
 * Refuses a response body once it exceeds the limit, with a clear error; with `roots`, also a
 * body whose document is not one of them (empty, another format, another document). With 'any'
 * (an error answer), any body is taken but XML whose root does not come soon.
 */
function bodyCheck(limit: number, command: string, roots?: readonly string[] | 'any'): BodyCheck {
  let received = 0;
  let head = roots ? '' : undefined;
  const wrongRoot = (found: string) =>
    S3_DOCUMENTS.has(found)
      ? new Failure(
          'UnsupportedRequest',
          `The server answered ${command} with a <${shown(found)}> document, S3's answer to another request: it answers as S3 but lacks this request.`,
          { command, root: found },
        )
      : notS3(
          found
            ? `it sent a <${shown(found)}> document to ${command}`
            : `its answer to ${command} is not an XML document`,
          {
            command,
            root: found || undefined,
          },
        );
  return {
    chunk(chunk) {
      received += chunk.length;
      if (head !== undefined) {
        head += chunk.toString('latin1', 0, Math.min(chunk.length, ROOT_WITHIN));
        const root = rootElement(head, roots === 'any');
        const markup = head.replace(PROLOGUE, '').startsWith('<');
        if (root !== undefined) {
          if (roots === 'any' ? root === '' && markup : !roots?.includes(root)) return wrongRoot(root);
          head = undefined;
        } else if (head.length > ROOT_WITHIN && (roots !== 'any' || markup)) return wrongRoot('');
      }
      if (received > limit)
        return new Failure(
          'ResponseTooLarge',
          `The server's answer to ${command} is over ${formatBytes(limit)}, far more than S3 sends for it; refused to protect the server's memory.`,
          { limit },
        );
      return undefined;
    },
    end() {
      if (head !== undefined && roots !== 'any')
        return head.trim() ? wrongRoot('') : notS3(`it sent an empty answer to ${command}`);
      return undefined;
    },
  };
}

/**
 * The whole body, checked as it comes, as the bytes the SDK's deserializer reads (it would
 * collect the stream into bytes itself). A body cut off or destroyed at the deadline fails.
 */
function checkedBytes(body: Readable, check: BodyCheck): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    body.on('data', (chunk: Buffer) => {
      const failure = check.chunk(chunk);
      if (!failure) return void chunks.push(chunk);
      reject(failure);
      body.destroy();
    });
    body.once('end', () => {
      ended = true;
      const failure = check.end();
      if (failure) reject(failure);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    body.once('error', reject);
    body.once('close', () => {
      if (!ended) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

/** Commands whose answer's Content-Type is the object's own: a stored web page answers `text/html`. */
const OBJECT_TYPED = new Set(['GetObjectCommand', 'HeadObjectCommand']);

/**
 * A 2xx answer's type, judged by what its command returns: an XML document where S3 sends one,
 * no web page where S3 sends no body. A HEAD has no body and carries the object's type, so a
 * `text/html` one is a web console's page only when it lacks what every HEAD of an object has.
 */
function checkContentType(command: string, headers: Response['headers']): void {
  const type = headers['content-type'] ?? '';
  const webPage = () => notS3(`it sent a web page, ${shown(type)}`, { contentType: type });
  if (command === 'HeadObjectCommand' && /html/i.test(type) && !(headers.etag && headers['last-modified']))
    throw webPage();
  if (OBJECT_TYPED.has(command)) return;
  if (/html/i.test(type)) throw webPage();
  const length = Number(headers['content-length'] ?? 'NaN');
  if (XML_ROOTS[command] && type && !/xml/i.test(type) && length !== 0)
    throw notS3(`it sent ${shown(type)} where S3 sends XML`, { contentType: type });
}

/**
 * The raw answer to `request`, checked before the SDK parses it (called innermost of the
 * deserialize step): its type, and its body read as it comes, bounded (object bodies excepted).
 */
export async function checkedAnswer<Result extends { response: Response }>(
  result: Result,
  request: { method?: string } | undefined,
  commandName: string | undefined,
): Promise<Result> {
  const { response } = result;
  const command = commandName ?? 'the request';
  const body = response.body as Readable | undefined;
  const success = response.statusCode >= 200 && response.statusCode < 300;
  const roots = success ? XML_ROOTS[command] : 'any';
  const isObjectBody = command === 'GetObjectCommand' && success;
  // An answer to HEAD has no body (HTTP), whatever its headers say.
  const hasBody = typeof body?.on === 'function' && request?.method !== 'HEAD';
  if (success) {
    try {
      checkContentType(command, response.headers);
    } catch (error) {
      if (hasBody) body?.destroy();
      throw error;
    }
  }
  if (!isObjectBody && hasBody && body)
    response.body = await checkedBytes(body, bodyCheck(success ? MAX_RESPONSE_BYTES : MAX_ERROR_BYTES, command, roots));
  else if (success && roots && !body) throw notS3(`it sent an empty answer to ${command}`);
  return result;
}
