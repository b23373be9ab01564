/**
 * One operation: its form (name and option specs), `parse`, which reads the form values through
 * the specs and checks them (no network), and `run`, which does the work with the SDK. Operation
 * names and option keys are the app builder's.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { RawOptions } from '../../validation.js';
import { DescribeFailure } from './failure-report.js';
import { OperationForm, Values } from './option-spec.js';
import { readOptions } from './option-values.js';

/** What the error translator needs to word a failure (for copies: the source). */
export interface Target {
  bucket?: string;
  key?: string;
  versionId?: string;
}

/** Per-data-source settings an operation may need. */
export interface RunContext {
  region: string;
  maxReadBytes: number;
  /** A failure that does not end the query (one key of a folder) in the user's words, secrets redacted. */
  describeFailure: DescribeFailure;
}

export interface Operation<Input extends Target = Target, Result extends object = object> extends OperationForm {
  /** Async: long input (a 300 MB upload, 100,000 keys) is checked a slice at a time. */
  parse(options: RawOptions): Promise<Input>;
  run(client: S3Client, input: Input, context: RunContext): Promise<Result>;
}

/**
 * An operation from its form and its two steps. `parse` gets the values its specs read, typed
 * from the specs (a required key is a string, a choice the union of its values), and checks what
 * one option cannot say alone.
 */
export function operation<const Form extends OperationForm, Input extends Target, Result extends object>(
  form: Form,
  steps: {
    parse(values: Values<Form['options']>): Input | Promise<Input>;
    run(client: S3Client, input: Input, context: RunContext): Promise<Result>;
  },
): Operation<Input, Result> {
  return {
    name: form.name,
    options: form.options,
    parse: async (options) => steps.parse(await readOptions(form.options, options)),
    run: steps.run,
  };
}
