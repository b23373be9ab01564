/**
 * Every operation, by family, in the order the query form lists them. A family is a folder
 * beside this file: its option specs (options.ts), its operations (operations.ts: parse and run
 * for each) and the work only it does; what several families use is in shared/. A new operation
 * goes into its family's two files; a new family into FAMILIES (then `npm run forms`).
 */
import { shown } from '../errors/failure.js';
import { BUCKETS } from './buckets/operations.js';
import { CORS } from './cors/operations.js';
import { FOLDERS } from './folders/operations.js';
import { LIFECYCLE } from './lifecycle/operations.js';
import { LISTING } from './listing/operations.js';
import { MULTIPART } from './multipart/operations.js';
import { OBJECTS } from './objects/operations.js';
import { Operation, Target } from './shared/operation.js';
import { OptionSpec } from './shared/option-spec.js';
import { SIGNED } from './signed/operations.js';
import { TAGS } from './tags/operations.js';
import { VERSIONS } from './versions/operations.js';

export type { RunContext, Target } from './shared/operation.js';

export const FAMILIES = [
  OBJECTS,
  FOLDERS,
  LISTING,
  BUCKETS,
  SIGNED,
  MULTIPART,
  VERSIONS,
  CORS,
  TAGS,
  LIFECYCLE,
] as const;

type Merged<Families extends readonly object[]> = Families extends readonly [
  infer First,
  ...infer Rest extends object[],
]
  ? First & Merged<Rest>
  : unknown;

/** The families' operations by name; a name two families define is a mistake, refused when the plugin loads. */
function byName<const Families extends readonly Record<string, object>[]>(families: Families): Merged<Families> {
  const table: Record<string, object> = {};
  for (const family of families)
    for (const [name, operation] of Object.entries(family)) {
      if (name in table) throw new Error(`Two families define the operation '${shown(name)}'.`);
      table[name] = operation;
    }
  return table as Merged<Families>;
}

export const OPERATIONS = byName(FAMILIES);

export type OperationName = keyof typeof OPERATIONS;

/** What each operation returns: the typed shape of `data` in its query result. */
export type OperationResults = {
  [Name in OperationName]: Awaited<ReturnType<(typeof OPERATIONS)[Name]['run']>>;
};

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];
const NAME_SET: ReadonlySet<string> = new Set(OPERATION_NAMES);

export function isOperationName(value: string): value is OperationName {
  return NAME_SET.has(value);
}

/** Every operation's form (its name and option specs), in the query form's order: what operations.json is generated from. */
export const OPERATION_SPECS: ReadonlyArray<{ value: OperationName; name: string; options: readonly OptionSpec[] }> =
  OPERATION_NAMES.map((value) => ({ value, name: OPERATIONS[value].name, options: OPERATIONS[value].options }));

/** The table entry for a name; inputs differ per operation, so the caller sees the common shape. */
export function operationNamed(name: OperationName): Operation<Target> {
  return OPERATIONS[name] as unknown as Operation<Target>;
}
