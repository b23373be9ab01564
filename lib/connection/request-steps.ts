/**
 * The plugin's work in every request, as two entries of the SDK's middleware stack. The SDK sorts
 * and links its whole stack again for every request, at a cost per entry (a warm HEAD sent on the
 * plugin's client took 1.065× the raw SDK's time with five entries, 1.035× with three of them
 * removed: BENCHMARKS.md), so each module's step is a function called from one of these two
 * rather than an entry of its own.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { addContentMd5 } from './batch-delete-md5.js';
import { bodyReadyToSign } from './body-hash.js';
import { keepBuiltRequest } from './failure-context.js';
import { attemptLeaving } from './request-deadline.js';
import { BuiltRequest, HandlerContext, requestStateOf } from './request-state.js';
import { checkedAnswer, Response } from './response-checks.js';

type Request = BuiltRequest['request'] & { method?: string; body?: unknown };
interface Args {
  request: Request;
  input: BuiltRequest['input'];
}
type Next<Result> = (args: Args) => Promise<Result>;

export function addRequestSteps(client: S3Client): void {
  // Just before signing, each attempt: the request is built (its host and length) and inside the
  // retries, which wrap what fails in errors of their own.
  client.middlewareStack.addRelativeTo(
    ((next: Next<unknown>, context: HandlerContext) => (args: Args) => {
      const state = requestStateOf(context);
      if (state) keepBuiltRequest(state, context.commandName, args);
      addContentMd5(context.commandName, args.request);
      const ready = bodyReadyToSign(args.request);
      return ready ? ready.then(() => next(args)) : next(args);
    }) as never,
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'pluginBeforeSigning' },
  );
  // Innermost of all: the signed attempt as it leaves, and its raw answer before the SDK parses it.
  client.middlewareStack.add(
    ((next: Next<{ response: Response }>, context: HandlerContext) => async (args: Args) => {
      const state = requestStateOf(context);
      if (state) {
        attemptLeaving(state, args.request);
        state.answered = false;
      }
      const result = await next(args);
      if (state) state.answered = true;
      return checkedAnswer(result, args.request, context.commandName);
    }) as never,
    { step: 'deserialize', priority: 'low', name: 'pluginAtSending' },
  );
}
