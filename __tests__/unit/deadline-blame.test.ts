/**
 * Who a timed-out request blames: the server, or this data source's busy connections. Decided on
 * the time since the request reached the socket pool, not since the query began: a busy process
 * (signing 51 requests on a loaded machine) delays the pool's queue without being its fault.
 */
import { timedOut } from '../../lib/connection/request-deadline.js';
import { RequestState } from '../../lib/connection/request-state.js';

const settings = { requestTimeoutSeconds: 1, agents: [], maxSockets: 50 };

function stateAfter(ms: { sincePooled?: number; queued: number }): RequestState {
  const now = Date.now();
  return {
    signed: true,
    answered: false,
    poolWaitMs: ms.queued,
    ...(ms.sincePooled === undefined ? {} : { pooledAt: now - ms.sincePooled }),
  };
}

it('a request that spent most of its time in the pool, after 500 ms of this process being busy, blames the pool', () => {
  // 1 s in all: 500 ms before it reached the pool, then 450 ms queued, then 50 ms with a socket.
  const failure = timedOut(settings, { elapsedMs: 1000 }, 'host:9000', stateAfter({ sincePooled: 500, queued: 450 }));
  expect(failure.details).toMatchObject({ waitedFor: 'a free connection' });
  expect(failure.message).toMatch(/^No free connection to the server at host:9000 within 1 s/);
});

it('a request that had its socket at once blames the server', () => {
  const failure = timedOut(settings, { elapsedMs: 1000 }, 'host:9000', stateAfter({ sincePooled: 990, queued: 1 }));
  expect(failure.details).toMatchObject({ waitedFor: 'the server' });
});

it('a request that never reached the pool blames the server, not the pool', () => {
  const failure = timedOut(settings, { elapsedMs: 1000 }, undefined, stateAfter({ queued: 0 }));
  expect(failure.details).toMatchObject({ waitedFor: 'the server' });
});
