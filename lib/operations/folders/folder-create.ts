/**
 * create_folder: the zero-byte `prefix/` object the S3 console makes, so an empty folder shows in
 * listings. What already has the name (the folder, or an object `prefix` without the slash) is
 * looked for first: a folder that exists is never overwritten (its marker may carry metadata).
 */
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { quoted, readBack } from '../shared/etag.js';

export interface FolderCreation {
  bucket: string;
  /** Ends in `/`; never the bucket root. */
  prefix: string;
  keepExisting: boolean;
}

/** Whether anything is stored under the prefix (its marker or any object in it): one key is enough to know. */
async function folderExists(client: S3Client, bucket: string, prefix: string): Promise<boolean> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
  return (page.Contents?.length ?? 0) > 0;
}

export async function createFolder(client: S3Client, { bucket, prefix, keepExisting }: FolderCreation) {
  const name = prefix.slice(0, -1);
  const [folder, object] = await Promise.all([
    folderExists(client, bucket, prefix),
    readBack(client, { Bucket: bucket, Key: name }).then((read) => Boolean(read.head)),
  ]);
  const existing = folder ? 'folder' : object ? 'object' : undefined;
  if (existing && !keepExisting)
    throw new Failure(
      'FolderExists',
      folder
        ? `The folder '${shown(prefix)}' already exists in bucket '${shown(bucket)}'. Turn on keepExisting to accept it as it is.`
        : `An object named '${shown(name)}' exists in bucket '${shown(bucket)}', beside which the folder '${shown(prefix)}' would be made. Turn on keepExisting to make the folder anyway (the object stays).`,
      { bucket, key: prefix, existing },
    );
  const base = { Bucket: bucket, Key: prefix, ...(existing ? { Existing: existing } : {}) };
  if (folder) return { ...base, Created: false };
  const output = await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix, Body: new Uint8Array(0) }));
  return { ...base, Created: true, ETag: quoted(output.ETag) };
}
