/**
 * Drops undefined fields from a command input. The SDK's serializer visits every key it is
 * given; undefined ones cost measurable time per request (see BENCHMARKS.md), for nothing.
 */
export function defined<T extends object>(input: T): T {
  const result = {} as T;
  for (const key of Object.keys(input) as Array<keyof T>) {
    if (input[key] !== undefined) result[key] = input[key];
  }
  return result;
}
