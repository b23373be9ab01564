import { Failure } from '../../lib/errors/failure.js';

/** The Failure `run` is refused with, thrown or rejected; anything else, or no refusal, fails the test. */
export async function refusalOf(run: () => unknown): Promise<Failure> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
