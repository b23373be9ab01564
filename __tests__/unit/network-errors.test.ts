/**
 * Socket failures as @smithy/node-http-handler hands them over: it names a reset or a broken
 * pipe TimeoutError (with the socket's code), and its own timeouts TimeoutError too. Each is
 * worded by what happened, not by its name. Errors are built here because a real reset crosses
 * into jest's realm wrapped as text (the protocol test in faults.test.ts covers that path).
 */
import { shown } from '../../lib/errors/failure.js';
import { ErrorContext, translateFailure } from '../../lib/errors/translate.js';

const ctx: ErrorContext = {
  operation: 'head_object',
  host: shown('store.example:9000'),
  requestTimeoutSeconds: 60,
  connectionTimeoutSeconds: 5,
};
const sdkError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

it.each([
  [
    'a reset before the answer',
    sdkError('socket hang up', { name: 'TimeoutError', code: 'ECONNRESET' }),
    'ECONNRESET',
    /^The connection to store\.example:9000 was closed unexpectedly before the response was complete\.$/,
  ],
  [
    'a broken pipe while sending',
    sdkError('write EPIPE', { name: 'TimeoutError', code: 'EPIPE' }),
    'EPIPE',
    /^The connection to store\.example:9000 was closed unexpectedly while sending the request\.$/,
  ],
  [
    'a reset that reached the plugin as the retry layer’s text',
    sdkError('AWS SDK error wrapper for TimeoutError: socket hang up', {}),
    'ECONNRESET',
    /was closed unexpectedly before the response was complete/,
  ],
  [
    "the SDK's request timeout (code ETIMEDOUT)",
    sdkError('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 1000 ms requestTimeout.', {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    }),
    'TimeoutError',
    /^The request to store\.example:9000 timed out after 60 s without an answer from the server\.$/,
  ],
  [
    "the SDK's connection timeout",
    sdkError(
      '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.',
      { name: 'TimeoutError' },
    ),
    'TimeoutError',
    /^Connecting to store\.example:9000 timed out \(5 s each attempt, connection_timeout\)/,
  ],
  [
    'a TCP timeout of the operating system (code ETIMEDOUT, named TimeoutError by the SDK)',
    sdkError('connect ETIMEDOUT 10.0.0.1:443', { name: 'TimeoutError', code: 'ETIMEDOUT' }),
    'ETIMEDOUT',
    /^The connection to store\.example:9000 timed out\. Check the endpoint and firewall rules\.$/,
  ],
  [
    "a server's error whose text says 'socket hang up' (it answered: no socket failed)",
    sdkError('upstream error: socket hang up', {
      name: 'InternalError',
      Code: 'InternalError',
      $metadata: { httpStatusCode: 500 },
    }),
    'InternalError',
    /^The S3 service had an internal error\. Try again in a moment\.$/,
  ],
  [
    "a server's error whose text says 'establish a connection' (it answered: nothing timed out)",
    sdkError('Could not establish a connection to the metadata store', {
      name: 'ServiceUnavailable',
      Code: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    }),
    'ServiceUnavailable',
    /^The S3 service is temporarily unavailable\. Try again in a moment\.$/,
  ],
])('%s is worded by what happened', (_what, error, code, message) => {
  const translated = translateFailure(error, ctx);
  expect(translated.message).toMatch(message);
  expect(translated.data.code).toBe(code);
});
