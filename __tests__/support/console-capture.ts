/**
 * Captures console output of every test file (QueryError logs each description) so tests
 * can assert that no secret reaches a log line, and so the run stays readable.
 */
import { format } from 'node:util';

const captured: string[] = [];
(globalThis as { __consoleOutput?: string[] }).__consoleOutput = captured;

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    captured.push(format(...args));
  });
}
