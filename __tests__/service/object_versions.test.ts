/**
 * Object versions: the versioning switch, listing versions and delete markers (paged, one key or
 * a prefix), reading, deleting and restoring one version. Ceph RGW keeps versions; s3rver has
 * none (SERVER_DIFFERENCES.versioning), and each test asserts what the plugin reports there.
 */
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const VERSIONED = 'versioned';
const PLAIN = 'plain';
const SUSPENDED = 'suspended-versions';
const s3 = useS3Server([VERSIONED, PLAIN, SUSPENDED]);
const { run, upload, read, fail } = serviceQueries(s3, 'versions-ds');
const versioned = s3.differences.versioning === 'supported';

/** The version ids of a key, newest first, as list_object_versions returns them. */
const versionsOf = async (key: string): Promise<Data[]> =>
  (await run({ operation: 'list_object_versions', bucket: VERSIONED, key })).Versions;

/** Stores the texts one after another under `key`; on a versioned bucket each is a version. */
async function history(key: string, texts: string[]): Promise<void> {
  for (const text of texts) await upload(VERSIONED, key, text);
}

beforeAll(async () => {
  if (versioned) await run({ operation: 'put_bucket_versioning', bucket: VERSIONED, status: 'Enabled' });
});

it('reads and switches bucket versioning (never enabled reads as Disabled)', async () => {
  if (versioned) {
    expect(await run({ operation: 'get_bucket_versioning', bucket: PLAIN })).toMatchObject({
      Status: 'Disabled',
      MFADelete: 'Disabled',
      Bucket: PLAIN,
    });
    expect(await run({ operation: 'get_bucket_versioning', bucket: VERSIONED })).toMatchObject({ Status: 'Enabled' });
    const put = await run({ operation: 'put_bucket_versioning', bucket: PLAIN, status: 'suspended' });
    expect(put).toMatchObject({ Status: 'Suspended', PreviousStatus: 'Disabled', Bucket: PLAIN });
    expect((await run({ operation: 'get_bucket_versioning', bucket: PLAIN })).Status).toBe('Suspended');
  } else {
    // s3rver takes ?versioning for a plain bucket request: a listing, which the plugin refuses as a
    // request the server lacks (the endpoint is right), naming the operation that was run.
    const error = await fail({ operation: 'get_bucket_versioning', bucket: PLAIN });
    expect(error.message).toMatch(
      /^The server does not support get_bucket_versioning: it answered with a <ListBucketResult> document, S3's answer to another request\. The endpoint is right/,
    );
    expect(error.data).toMatchObject({ code: 'UnsupportedRequest', command: 'GetBucketVersioningCommand' });
    const set = await fail({ operation: 'put_bucket_versioning', bucket: PLAIN, status: 'Enabled' });
    expect(set.message).toMatch(/^The server does not support put_bucket_versioning: /);
    expect(set.message).not.toMatch(/web console|GetBucketVersioning/);
    // It takes PUT ?versioning for CreateBucket, so the plugin reads first: a missing bucket stays missing.
    const put = await fail({ operation: 'put_bucket_versioning', bucket: 'not-created', status: 'Enabled' });
    expect(put.data).toMatchObject({ code: 'NoSuchBucket' });
    expect((await run({ operation: 'list_buckets' })).Buckets.map((b: Data) => b.Name)).not.toContain('not-created');
  }
});

it("lists one key's versions and delete markers, newest first, with quoted ETags", async () => {
  await history('doc.txt', ['one', 'two', 'three']);
  await upload(VERSIONED, 'doc.txt.bak', 'other key, same prefix');
  await run({ operation: 'remove_object', bucket: VERSIONED, key: 'doc.txt' });
  const query = { operation: 'list_object_versions', bucket: VERSIONED, key: 'doc.txt' };
  if (versioned) {
    const data = await run(query);
    expect(data.Versions.map((version: Data) => version.Size)).toEqual([5, 3, 3]);
    expect(data.Versions.every((version: Data) => /^"[0-9a-f]{32}"$/.test(version.ETag))).toBe(true);
    expect(data.Versions.map((version: Data) => version.IsLatest)).toEqual([false, false, false]);
    expect(data.DeleteMarkers).toEqual([expect.objectContaining({ Key: 'doc.txt', IsLatest: true })]);
    expect(data).toMatchObject({ Bucket: VERSIONED, Key: 'doc.txt', IsTruncated: false });
    const byPrefix = await run({ operation: 'list_object_versions', bucket: VERSIONED, prefix: 'doc.txt' });
    expect(byPrefix.Versions.map((version: Data) => version.Key)).toEqual([
      'doc.txt',
      'doc.txt',
      'doc.txt',
      'doc.txt.bak',
    ]);
  } else {
    const error = await fail(query);
    expect(error.message).toBe(
      "The server does not allow list_object_versions on bucket 'versioned' (MethodNotAllowed): this S3-compatible service may lack the feature.",
    );
    expect(error.data).toMatchObject({ code: 'MethodNotAllowed', httpStatus: 405 });
  }
});

it('pages through versions with NextKeyMarker and NextVersionIdMarker', async () => {
  await history('paged.txt', ['a', 'bb', 'ccc', 'dddd', 'eeeee']);
  const query = { operation: 'list_object_versions', bucket: VERSIONED, key: 'paged.txt', maxKeys: '2' };
  if (versioned) {
    const sizes: number[] = [];
    let page = await run(query);
    for (let pages = 1; ; pages += 1) {
      sizes.push(...page.Versions.map((version: Data) => version.Size));
      if (!page.IsTruncated) break;
      expect(page).toMatchObject({ NextKeyMarker: 'paged.txt', NextVersionIdMarker: expect.any(String) });
      expect(pages).toBeLessThan(5);
      page = await run({ ...query, keyMarker: page.NextKeyMarker, versionIdMarker: page.NextVersionIdMarker });
    }
    expect(sizes).toEqual([5, 4, 3, 2, 1]);
  } else {
    expect((await fail(query)).data.code).toBe('MethodNotAllowed');
  }
});

it('reads and heads an older version by versionId', async () => {
  await history('read.txt', ['first', 'second']);
  if (versioned) {
    const [latest, older] = await versionsOf('read.txt');
    const data = await read(VERSIONED, 'read.txt', { versionId: older.VersionId });
    expect(data).toMatchObject({ Body: 'first', VersionId: older.VersionId });
    const head = await run({
      operation: 'head_object',
      bucket: VERSIONED,
      key: 'read.txt',
      versionId: latest.VersionId,
    });
    expect(head).toMatchObject({ ContentLength: 6, VersionId: latest.VersionId });
  } else {
    // s3rver serves the current object whatever the versionId: the plugin refuses that answer.
    for (const operation of ['get_object', 'head_object']) {
      const error = await fail({ operation, bucket: VERSIONED, key: 'read.txt', versionId: 'some-older-version' });
      expect(error.message).toBe(
        "The server answered with an object without a version id of 'read.txt' in bucket 'versioned', not the version 'some-older-version' asked for: it does not support object versions and ignores versionId.",
      );
      expect(error.data).toMatchObject({ code: 'VersionIdIgnored', versionId: 'some-older-version' });
    }
  }
});

it("versionId 'null' names the object stored while versioning was off, on both servers", async () => {
  await upload(PLAIN, 'null-version.txt', 'unversioned');
  expect(await read(PLAIN, 'null-version.txt', { versionId: ' null ' })).toMatchObject({ Body: 'unversioned' });
});

it('names a version that does not exist, and a versionId on a bucket without versioning', async () => {
  await history('exists.txt', ['x']);
  await upload(PLAIN, 'plain.txt', 'plain');
  const missing = await fail({ operation: 'get_object', bucket: VERSIONED, key: 'exists.txt', versionId: 'no-such-v' });
  const unversioned = await fail({ operation: 'head_object', bucket: PLAIN, key: 'plain.txt', versionId: 'abc' });
  if (versioned) {
    expect(missing.message).toBe(
      "The version 'no-such-v' of the object 'exists.txt' in bucket 'versioned' does not exist (list the key's versions with list_object_versions).",
    );
    // Ceph RGW answers NoSuchKey where S3 answers NoSuchVersion (or InvalidArgument for a malformed id).
    expect(missing.data).toMatchObject({ code: 'NoSuchKey', httpStatus: 404, versionId: 'no-such-v' });
    expect(unversioned.data).toMatchObject({ versionId: 'abc' });
    expect(unversioned.message).toMatch(/^The version 'abc' of the object 'plain.txt' in bucket 'plain' /);
  } else {
    expect([missing.data.code, unversioned.data.code]).toEqual(['VersionIdIgnored', 'VersionIdIgnored']);
  }
});

it('removes one version for good (Permanent), and removing the delete marker brings the object back', async () => {
  await history('remove.txt', ['keep', 'drop']);
  if (versioned) {
    const [drop, keep] = await versionsOf('remove.txt');
    const removed = await run({
      operation: 'remove_object',
      bucket: VERSIONED,
      key: 'remove.txt',
      versionId: drop.VersionId,
    });
    expect(removed).toMatchObject({ Permanent: true, VersionId: drop.VersionId, Bucket: VERSIONED, Key: 'remove.txt' });
    expect((await versionsOf('remove.txt')).map((version) => version.VersionId)).toEqual([keep.VersionId]);
    expect((await read(VERSIONED, 'remove.txt')).Body).toBe('keep');

    // Without versionId: a delete marker hides the object; removing the marker undoes that.
    const hidden = await run({ operation: 'remove_object', bucket: VERSIONED, key: 'remove.txt' });
    expect(hidden).toMatchObject({ DeleteMarker: true });
    expect(hidden.Permanent).toBeUndefined();
    expect((await fail({ operation: 'get_object', bucket: VERSIONED, key: 'remove.txt' })).data.httpStatus).toBe(404);
    const markerRead = await fail({
      operation: 'get_object',
      bucket: VERSIONED,
      key: 'remove.txt',
      versionId: hidden.VersionId,
    });
    // S3 answers 405 (worded as a delete marker); Ceph RGW 404, worded as a missing version.
    expect(markerRead.message).toBe(
      `The version '${hidden.VersionId}' of the object 'remove.txt' in bucket 'versioned' does not exist (list the key's versions with list_object_versions).`,
    );
    const unhidden = await run({
      operation: 'remove_object',
      bucket: VERSIONED,
      key: 'remove.txt',
      versionId: hidden.VersionId,
    });
    expect(unhidden).toMatchObject({ Permanent: true, DeleteMarker: true });
    expect((await read(VERSIONED, 'remove.txt')).Body).toBe('keep');
  } else {
    // s3rver would delete the current object: the plugin checks the version first and deletes nothing.
    const error = await fail({ operation: 'remove_object', bucket: VERSIONED, key: 'remove.txt', versionId: 'v1' });
    expect(error.message).toMatch(/ignores versionId\. Nothing was deleted\.$/);
    expect((await read(VERSIONED, 'remove.txt')).Body).toBe('drop');
  }
});

it('restores an older version by copying it over the current one', async () => {
  await history('restore.txt', ['original', 'edited']);
  if (versioned) {
    const [edited, original] = await versionsOf('restore.txt');
    const restored = await run({
      operation: 'restore_object_version',
      bucket: VERSIONED,
      key: 'restore.txt',
      versionId: original.VersionId,
    });
    expect(restored).toMatchObject({
      Bucket: VERSIONED,
      Key: 'restore.txt',
      RestoredFrom: original.VersionId,
      ContentLength: 8,
      Multipart: false,
      ETag: original.ETag,
    });
    expect(restored.VersionId).toEqual(expect.any(String));
    expect([original.VersionId, edited.VersionId]).not.toContain(restored.VersionId);
    expect(await read(VERSIONED, 'restore.txt')).toMatchObject({ Body: 'original', VersionId: restored.VersionId });
    // History is kept: the restored copy is the newest of three.
    expect((await versionsOf('restore.txt')).map((version) => version.VersionId)).toEqual([
      restored.VersionId,
      edited.VersionId,
      original.VersionId,
    ]);
  } else {
    const error = await fail({
      operation: 'restore_object_version',
      bucket: VERSIONED,
      key: 'restore.txt',
      versionId: 'v1',
    });
    expect(error.message).toMatch(/ignores versionId\. Nothing was copied\.$/);
    expect((await read(VERSIONED, 'restore.txt')).Body).toBe('edited');
  }
});

it(`refuses a restore while versioning is suspended: it would replace the 'null' version for good${versioned ? '' : ' (this server: versionId ignored)'}`, async () => {
  const query = { operation: 'restore_object_version', bucket: SUSPENDED, key: 'kept.txt' };
  if (!versioned) {
    await upload(SUSPENDED, 'kept.txt', 'only');
    expect((await fail({ ...query, versionId: 'v1' })).data).toMatchObject({ code: 'VersionIdIgnored' });
    return;
  }
  await run({ operation: 'put_bucket_versioning', bucket: SUSPENDED, status: 'Enabled' });
  for (const text of ['first', 'second']) await upload(SUSPENDED, 'kept.txt', text);
  const listing = { operation: 'list_object_versions', bucket: SUSPENDED, key: 'kept.txt' };
  const before = (await run(listing)).Versions.map((version: Data) => version.VersionId);
  await run({ operation: 'put_bucket_versioning', bucket: SUSPENDED, status: 'Suspended' });
  const error = await fail({ ...query, versionId: before[1] });
  expect(error.data).toMatchObject({ code: 'VersioningSuspended', bucket: SUSPENDED, key: 'kept.txt' });
  expect(error.message).toMatch(/suspended: a restore would be stored as version 'null' .* Enable versioning first/);
  expect((await run(listing)).Versions.map((version: Data) => version.VersionId)).toEqual(before);
  expect((await read(SUSPENDED, 'kept.txt')).Body).toBe('second');
});
