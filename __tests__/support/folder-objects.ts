/** Arranging and inspecting folders behind the plugin's back, with the raw SDK client. */
import { GetObjectCommand, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface Seeded {
  key: string;
  body: Buffer | string;
  contentType?: string;
  metadata?: Record<string, string>;
}

/** Puts the objects, 50 at a time. */
export async function putObjects(raw: S3Client, bucket: string, objects: Seeded[]): Promise<void> {
  for (let start = 0; start < objects.length; start += 50)
    await Promise.all(
      objects.slice(start, start + 50).map(({ key, body, contentType, metadata }) =>
        raw.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ...(contentType ? { ContentType: contentType } : {}),
            ...(metadata ? { Metadata: metadata } : {}),
          }),
        ),
      ),
    );
}

/** Every key under the prefix, sorted. */
export async function keysUnder(raw: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: raw }, { Bucket: bucket, Prefix: prefix }))
    keys.push(...(page.Contents ?? []).map((entry) => entry.Key ?? ''));
  return keys.sort();
}

export async function bytesOf(raw: S3Client, bucket: string, key: string): Promise<Buffer> {
  const output = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await output.Body?.transformToByteArray()) ?? []);
}

/** A per-key failure as the query service words it, for suites that call a folder module directly. */
export const describePlainly = (error: unknown) => ({
  code: (error as { Code?: string; code?: string }).Code ?? (error as { code?: string }).code ?? (error as Error).name,
  message: (error as Error).message,
});
