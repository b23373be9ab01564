/**
 * What an option spec states, once: key, kind, whether required, range, default, allowed values,
 * label and help. Parsing reads options through these specs, and operations.json and
 * docs/options.md are generated from them (`npm run forms`; a test fails when they are stale), so
 * a range or a default is never written twice. Each family states its operations' specs in its
 * own options.ts.
 */
import { count } from '../../limits.js';

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
  required?: boolean;
}

export type OptionSpec = Common &
  (
    | { kind: 'text' | 'key' | 'bucket' | 'newBucket' | 'data' | 'keyList' | 'json' | 'header' | 'mediaType' }
    /** A key prefix ending in `/` (added when missing); empty for the bucket root. */
    | { kind: 'folder' }
    | { kind: 'range' | 'filename' | 'region' | 'disposition' }
    | { kind: 'uploadId' | 'partNumbers' | 'partList' | 'mediaTypePrefix' }
    | { kind: 'versionId' | 'originList' | 'methodList' | 'allowedHeaders' | 'exposeHeaders' }
    | {
        kind: 'integer';
        min: number;
        max: number;
        default: number;
        /** Fractions the app builder's plugin took (3600.5) are rounded down instead of refused. */
        fractions?: 'floor';
        /** 0 reads as the default, as the app builder's plugin read it. */
        zeroMeansDefault?: boolean;
        /** Larger values are taken and lowered to this, with a Warning in the result. */
        cap?: number;
      }
    | { kind: 'toggle'; default: boolean }
    | { kind: 'choice'; choices: readonly Choice[]; default: string }
  );

/** An operation as the query form shows it: its name in the operation dropdown, and its options. */
export interface OperationForm {
  name: string;
  options: readonly OptionSpec[];
}

export const choices = (values: readonly string[], names: Record<string, string> = {}): Choice[] =>
  values.map((value) => ({ value, name: names[value] ?? value }));

/** The help a form shows: the spec's text, with its range, default and required-ness added. */
export function helpText(spec: OptionSpec): string {
  const parts = [spec.help];
  if (spec.kind === 'integer') {
    const top = spec.cap ?? spec.max;
    const larger = spec.cap ? ': a larger value is lowered to it' : '';
    const zero = spec.zeroMeansDefault ? '; 0 for the default' : '';
    parts.push(`${count(spec.min)} to ${count(top)}${larger}, default ${count(spec.default)}${zero}`);
  }
  if (spec.kind === 'choice' && spec.default) parts.push(`default ${spec.default}`);
  if (spec.required) parts.push('required');
  return parts.length === 1 ? spec.help : `${parts[0]} (${parts.slice(1).join('; ')})`;
}
