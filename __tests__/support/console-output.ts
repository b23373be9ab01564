/** Everything the code under test wrote to the console in this test file. */
export function consoleOutput(): string {
  return ((globalThis as { __consoleOutput?: string[] }).__consoleOutput ?? []).join('\n');
}
