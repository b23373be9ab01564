/**
 * An SDK command's output as a result carries it: S3's fields, without the SDK's `$metadata`
 * (HTTP status, request id, attempts). Only the app builder's own operations keep `$metadata`,
 * where its plugin returned it (docs/operations.md, "Result shape").
 */
export function s3Fields<Output extends { $metadata: unknown }>(output: Output): Omit<Output, '$metadata'> {
  const { $metadata: _metadata, ...fields } = output;
  return fields;
}
