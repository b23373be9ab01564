/**
 * Option values are typed from their specs (lib/operations/shared/option-spec.ts: ValueOf): the
 * compiler checks the types below when `npm run typecheck` runs over this file, and the tests
 * check at run time what those types promise about an empty option: a required or never-empty
 * option is refused or given its default, never read as undefined; a choice reads as one of its
 * values.
 */
import { STORAGE_CLASSES } from '../../lib/bodies/properties.js';
import { Failure } from '../../lib/errors/failure.js';
import { PUT_BUCKET_CORS } from '../../lib/operations/cors/options.js';
import { GET_OBJECT, UPLOAD_OBJECT } from '../../lib/operations/objects/options.js';
import { COMPLETE_MULTIPART_UPLOAD } from '../../lib/operations/multipart/options.js';
import { SIGNED_POST_FOR_UPLOAD } from '../../lib/operations/signed/options.js';
import { COPY_FOLDER } from '../../lib/operations/folders/options.js';
import { PUT_BUCKET_VERSIONING, RESTORE_OBJECT_VERSION } from '../../lib/operations/versions/options.js';
import { OptionSpec, Values } from '../../lib/operations/shared/option-spec.js';
import { readOption, readOptions } from '../../lib/operations/shared/option-values.js';
import { CompletedPart } from '../../lib/operations/shared/part-lists.js';
import { OPERATION_SPECS } from '../../lib/operations/table.js';

/** True only when A and B are the same type (not merely assignable either way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(verdict: Same<A, B>) => verdict;

describe('the value types follow from the specs', () => {
  it('text, choices, toggles, numbers and lists', () => {
    type Get = Values<typeof GET_OBJECT.options>;
    type Upload = Values<typeof UPLOAD_OBJECT.options>;
    type Folder = Values<typeof COPY_FOLDER.options>;
    type Cors = Values<typeof PUT_BUCKET_CORS.options>;
    // Each line fails to compile if its type drifts from what the spec says.
    expect([
      same<Get['bucket'], string>(true),
      same<Get['range'], string | undefined>(true),
      same<Get['decodeAs'], 'auto' | 'text' | 'base64' | 'json'>(true),
      same<Get['versionId'], string | undefined>(true),
      same<Values<typeof RESTORE_OBJECT_VERSION.options>['versionId'], string>(true),
      same<Upload['data'], unknown>(true),
      same<Upload['storageClass'], (typeof STORAGE_CLASSES)[number] | undefined>(true),
      same<Upload['metadata'], Record<string, unknown> | undefined>(true),
      same<Values<typeof SIGNED_POST_FOR_UPLOAD.options>['key'], string | undefined>(true),
      same<Values<typeof SIGNED_POST_FOR_UPLOAD.options>['allowInline'], boolean>(true),
      same<Folder['sourcePrefix'], string>(true),
      same<Folder['concurrency'], number>(true),
      same<Folder['destinationBucket'], string | undefined>(true),
      same<Cors['allowedOrigins'], string[]>(true),
      same<Cors['allowedMethods'], string[] | undefined>(true),
      same<Cors['mode'], 'replace' | 'append'>(true),
      same<Cors['preset'], 'browser-uploads' | undefined>(true),
      same<Values<typeof PUT_BUCKET_VERSIONING.options>['status'], 'Enabled' | 'Suspended' | undefined>(true),
      same<Values<typeof COMPLETE_MULTIPART_UPLOAD.options>['parts'], CompletedPart[]>(true),
    ]).not.toContain(false);
    // A wrong claim does not compile either way round: a choice is not any text, a number not text. (Not "an optional
    // text is not a string": the app builder compiles this folder without strictNullChecks, where it is.)
    expect([same<Get['decodeAs'], string>(false), same<Folder['concurrency'], string>(false)]).toEqual([false, false]);
  });
});

/** What reading one option from an empty form gives: its value, or the refusal. */
async function readEmpty(spec: OptionSpec): Promise<{ value?: unknown; refusal?: Failure }> {
  try {
    const values: Record<string, unknown> = await readOptions([spec], {});
    return { value: values[spec.key] };
  } catch (error) {
    if (error instanceof Failure) return { refusal: error };
    throw error;
  }
}

const specs = OPERATION_SPECS.flatMap((operation) =>
  operation.options.map((spec) => ({ operation: operation.value, key: spec.key, spec })),
);

describe('what the types promise about an empty option holds', () => {
  it('reads every option of every operation', () => {
    expect(specs.length).toBeGreaterThan(100);
  });

  it.each(specs.filter(({ spec }) => spec.required))(
    '$operation: the required $key is refused empty, naming the field',
    async ({ spec }) => {
      const { refusal } = await readEmpty(spec);
      expect(refusal?.details).toMatchObject({ field: spec.key });
    },
  );

  it.each(specs.filter(({ spec }) => ['integer', 'toggle', 'folder'].includes(spec.kind)))(
    '$operation: $key ($spec.kind) reads as its default, never undefined',
    async ({ spec }) => {
      const { value } = await readEmpty(spec);
      expect(value).toEqual('default' in spec ? spec.default : '');
    },
  );

  it.each(specs.filter(({ spec }) => spec.kind === 'choice'))(
    '$operation: the choice $key reads as its default, undefined only for the empty choice',
    async ({ spec }) => {
      const { value } = await readEmpty(spec);
      const fallback = 'default' in spec ? spec.default : undefined;
      expect(value).toBe(fallback === '' ? undefined : fallback);
    },
  );

  it.each(specs.filter(({ spec }) => spec.kind === 'choice'))(
    '$operation: the choice $key reads as one of its values, whatever the case typed',
    async ({ spec }) => {
      if (spec.kind !== 'choice') throw new Error('a choice');
      const values = spec.choices.map((choice) => choice.value).filter(Boolean);
      for (const choice of values)
        expect((await readOptions([spec], { [spec.key]: choice.toUpperCase() }))[spec.key]).toBe(choice);
    },
  );
});

describe('absent options', () => {
  // readOptions skips the reader of an absent option whose reader reads undefined for an empty
  // query: right only while every reader looks at its own option alone.
  const everyKey = [...new Set(OPERATION_SPECS.flatMap((operation) => operation.options.map((spec) => spec.key)))];

  it.each(OPERATION_SPECS.map((operation) => [operation.value, operation.options] as const))(
    '%s: an absent option reads the same whatever the other options hold',
    async (_name, specs) => {
      for (const spec of specs) {
        let alone: unknown;
        try {
          alone = await readOption(spec, {});
        } catch {
          continue; // required: refused, never skipped
        }
        if (alone !== undefined) continue;
        const others = Object.fromEntries(everyKey.filter((key) => key !== spec.key).map((key) => [key, 'x1']));
        await expect(Promise.resolve(readOption(spec, others))).resolves.toBeUndefined();
      }
    },
  );

  it('reads absent options as their readers do, present ones through their readers', async () => {
    const values = await readOptions(GET_OBJECT.options, { bucket: 'reports', key: 'q3.csv' });
    const eachRead = Object.fromEntries(
      await Promise.all(
        GET_OBJECT.options.map(async (spec) => [
          spec.key,
          await readOption(spec, { bucket: 'reports', key: 'q3.csv' }),
        ]),
      ),
    );
    expect(values).toEqual(eachRead);
    await expect(readOptions(GET_OBJECT.options, { bucket: 'reports', key: 'q3.csv', range: 'x' })).rejects.toThrow(
      /'range'/,
    );
  });
});
