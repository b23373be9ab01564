/**
 * What an option spec states, once: key, kind, whether required, range, default, allowed values,
 * label and help. Parsing reads options through these specs, and operations.json and
 * docs/options.md are generated from them (`npm run forms`; a test fails when they are stale), so
 * a range or a default is never written twice. Each family states its operations' specs in its
 * own options.ts.
 */
import { count, integerRange } from '../../limits.js';
import type { CompletedPart } from './part-lists.js';

export interface Choice {
  value: string;
  name: string;
}

interface Common {
  /** The saved option key. */
  key: string;
  /** Its property name in operations.json, where the app builder's plugin used another. */
  property?: string;
  label: string;
  /** Shown as the label's tooltip: what the option does (ranges and defaults are added from the spec). */
  help: string;
  /** An example shown in the empty field. */
  placeholder?: string;
}

/**
 * What an option of each kind reads as when it is set (option-values.ts has one reader a kind,
 * and the compiler holds each reader to this). An empty option reads as undefined, unless its kind
 * is never empty (NeverEmpty) or its spec is required.
 */
export interface KindValues {
  bucket: string;
  newBucket: string;
  key: string;
  /** A key prefix ending in `/` (added when missing); '' for the bucket root. */
  folder: string;
  text: string;
  region: string;
  range: string;
  filename: string;
  header: string;
  mediaType: string;
  mediaTypePrefix: string;
  disposition: string;
  uploadId: string;
  versionId: string;
  /** upload_object's data, as the app passed it (text, a JSON value, base64): the body's encoder reads it. */
  data: unknown;
  json: Record<string, unknown>;
  keyList: string[];
  partNumbers: number[];
  partList: CompletedPart[];
  originList: string[];
  methodList: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  integer: number;
  /** A date typed, bound to a LastModified, or epoch milliseconds. */
  date: Date;
  /** Bytes, typed as a number or with a unit (10 MB, 1 GiB). */
  byteSize: number;
  toggle: boolean;
  /** One of the spec's choices (ValueOf narrows it to their values). */
  choice: string;
}

export type Kind = keyof KindValues;

/** Kinds that always read as a value: their default, '' for the bucket root, or a refusal when empty. */
type NeverEmpty =
  'newBucket' | 'uploadId' | 'keyList' | 'partNumbers' | 'partList' | 'folder' | 'data' | 'integer' | 'toggle';

/** The kinds whose reader refuses an empty value when the spec is required; the others state here whether they may be. */
type MayBeRequired = 'bucket' | 'key' | 'versionId' | 'originList';
type AlwaysRequired = 'newBucket' | 'uploadId' | 'keyList' | 'partNumbers' | 'partList';

export type OptionSpec = Common &
  (
    | { kind: MayBeRequired; required?: boolean }
    | { kind: AlwaysRequired; required: true }
    | {
        kind: Exclude<Kind, MayBeRequired | AlwaysRequired | 'integer' | 'toggle' | 'choice'>;
        required?: false;
      }
    | {
        kind: 'integer';
        min: number;
        max: number;
        default: number;
        /** Fractions the app builder's plugin took (3600.5) are rounded down instead of refused. */
        fractions?: 'floor';
        /** 0 reads as the default, as the app builder's plugin read it. */
        zeroMeansDefault?: boolean;
        /** What one result holds at most, however large the value: the rest is left for the next query. */
        cap?: number;
        required?: false;
      }
    | { kind: 'toggle'; default: boolean; required?: false }
    /** The empty choice ('') reads as undefined. */
    | { kind: 'choice'; choices: readonly Choice[]; default: string; required?: false }
  );

/** What a reader of a kind returns, whatever its spec says. */
export type KindValue<K extends Kind> = K extends NeverEmpty ? KindValues[K] : KindValues[K] | undefined;

type ChoiceValue<Spec> = Spec extends { choices: readonly (infer Listed)[]; default: infer Default }
  ? Exclude<Listed extends { value: infer Value } ? Value : never, ''> | (Default extends '' ? undefined : never)
  : never;

/**
 * The value one spec reads as: a required text is `string`, an optional one `string | undefined`,
 * a toggle `boolean`, a choice the union of its values (and undefined when its default is the
 * empty choice).
 */
export type ValueOf<Spec extends OptionSpec> = Spec extends { kind: 'choice' }
  ? ChoiceValue<Spec>
  : Spec extends { required: true }
    ? KindValues[Spec['kind']]
    : KindValue<Spec['kind']>;

/** The values an operation's specs read as, by option key. */
export type Values<Specs extends readonly OptionSpec[]> = {
  [Spec in Specs[number] as Spec['key']]: ValueOf<Spec>;
};

/** An operation as the query form shows it: its name in the operation dropdown, and its options. */
export interface OperationForm {
  name: string;
  options: readonly OptionSpec[];
}

/** Choices named by a table (a value without a name shows as itself), keeping the values' types. */
export const choices = <const Value extends string>(
  values: readonly Value[],
  names: Partial<Record<Value, string>> = {},
): Array<{ value: Value; name: string }> => values.map((value) => ({ value, name: names[value] ?? value }));

/** The help a form shows: the spec's text, with its range, default and required-ness added. */
export function helpText(spec: OptionSpec, requirement = 'required'): string {
  const parts = [spec.help];
  if (spec.kind === 'integer') {
    const zero = spec.zeroMeansDefault ? '; 0 for the default' : '';
    const cap = spec.cap ? `; one result holds at most ${count(spec.cap)}` : '';
    parts.push(`${integerRange(spec)}, default ${count(spec.default)}${zero}${cap}`);
  }
  if (spec.kind === 'choice' && spec.default) parts.push(`default ${spec.default}`);
  if (spec.required) parts.push(requirement);
  return parts.length === 1 ? spec.help : `${parts[0]} (${parts.slice(1).join('; ')})`;
}
