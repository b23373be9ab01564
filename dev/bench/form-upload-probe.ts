/**
 * The peak memory the embedded server's SigV4 check adds while a large browser form upload streams
 * through it (peak-memory.ts). The check runs in this fresh process, s3rver in its own; the body is
 * sent from here, made from one reused 1 MB buffer, so it adds next to nothing itself.
 *   unsigned  a form without a policy: refused as its file starts, the rest read and dropped
 *   signed    a form whose policy holds: the file spooled to disk, then sent to s3rver
 *   put       the baseline: the same bytes as a presigned PUT, which the check streams through
 * Started by run.ts: node --expose-gc form-upload-probe.js <unsigned|signed|put> <MB>
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import net from 'node:net';
import { EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY, startEmbeddedS3 } from '../embedded-s3/server.js';
import { peakAdded } from './peak-memory.js';

const BUCKET = 'forms';
const BOUNDARY = 'form-upload-probe';
const MB = 1024 * 1024;

/**
 * Sends `head`, `sizeMb` MB of file bytes and `tail` on a socket of its own, as a browser does: to
 * the end, even when the answer comes first. Resolves with the answer's status once both are done.
 */
function send(
  url: string,
  method: string,
  head: string,
  sizeMb: number,
  tail: string,
  headers: Record<string, string>,
) {
  const { hostname, port, pathname, search } = new URL(url);
  const chunk = Buffer.alloc(MB, 'a');
  const length = Buffer.byteLength(head) + sizeMb * MB + Buffer.byteLength(tail);
  const lines = Object.entries({ host: `${hostname}:${port}`, ...headers, 'content-length': String(length) });
  return new Promise<number>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let sent = false;
    const finish = () => {
      if (!sent || !isComplete(answer)) return;
      socket.end();
      resolve(Number(answer.slice(9, 12)));
    };
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
      finish();
    });
    socket.on('error', reject);
    socket.write(
      `${method} ${pathname}${search} HTTP/1.1\r\n${lines.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${head}`,
    );
    let written = 0;
    const next = (): void => {
      while (written < sizeMb) {
        written += 1;
        if (!socket.write(chunk)) return void socket.once('drain', next);
      }
      socket.write(tail, () => {
        sent = true;
        finish();
      });
    };
    next();
  });
}

/** Whether `answer` holds a whole HTTP/1.1 response: no body (204), Content-Length bytes, or chunks to the last. */
function isComplete(answer: string): boolean {
  const end = answer.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = answer.slice(0, end).toLowerCase();
  const body = answer.slice(end + 4);
  if (head.startsWith('http/1.1 204')) return true;
  const length = /\r\ncontent-length: (\d+)/.exec(head)?.[1];
  if (length !== undefined) return body.length >= Number(length);
  return body.endsWith('0\r\n\r\n');
}

async function main(): Promise<void> {
  const [kind, sizeMbText] = process.argv.slice(2);
  const sizeMb = Number(sizeMbText);
  const server = await startEmbeddedS3({ buckets: [BUCKET] });
  const client = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: EMBEDDED_SECRET_KEY },
  });
  const part = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const fileStart = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`;
  const formHeaders = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  let upload: () => Promise<number>;
  if (kind === 'put') {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }), {
      expiresIn: 600,
    });
    upload = () => send(url, 'PUT', '', sizeMb, '', {});
  } else {
    const fields =
      kind === 'signed'
        ? Object.entries((await createPresignedPost(client, { Bucket: BUCKET, Key: 'big.bin', Expires: 600 })).fields)
        : [['key', 'big.bin']];
    const head = fields.map(([name, value]) => part(name, value)).join('') + fileStart;
    upload = () => send(`${server.endpoint}/${BUCKET}`, 'POST', head, sizeMb, `\r\n--${BOUNDARY}--\r\n`, formHeaders);
  }
  await send(
    `${server.endpoint}/${BUCKET}`,
    'POST',
    part('key', 'warm') + fileStart,
    1,
    `\r\n--${BOUNDARY}--\r\n`,
    formHeaders,
  );
  const { addedBytes, result } = await peakAdded(upload);
  process.send?.({ addedBytes, status: result });
  client.destroy();
  await server.stop();
}

main().catch((error) => {
  process.send?.({ error: String(error) });
  process.exitCode = 1;
});
