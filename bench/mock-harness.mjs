// What the benchmark adds around the mock backends: a state store that does not copy the state
// on every request, and a stopwatch for the time spent inside the mock.
//
// The stock memory store (src/providers/mock/state-store.ts) deep-copies the whole state on every
// read and every update, so each API call costs time proportional to the estate: about 130 ms
// per call at 50,000 Route 53 records, which is slower than Route 53's own rate limit and would
// make the benchmark measure the mock instead of trafficport. This store shares one state object:
// reads hand it out (the mocks' read operations only build responses from it), updates change it
// in place, one at a time. What it gives up is rollback of an update that throws half-way; the
// publishing benchmark checks that no write failed, so it never relies on that.
// publish-route53.mjs reports what the stock store costs per call, as a finding about the mocks.

export function sharedStateStore(initial) {
  const state = structuredClone(initial);
  let queue = Promise.resolve();
  return {
    async read() {
      return state;
    },
    update(change) {
      const run = queue.then(() => change(state));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * Wraps `backend.handle` to measure how long at least one request was inside the mock: the union
 * of the requests' intervals, so concurrent requests are not counted twice. In process it is an
 * upper bound on the mock's own share of a phase's wall time (a request waiting in the mock's
 * queue while the client works counts too); the rest is client work and rate-limit waiting.
 */
export function stopwatchMock(backend) {
  const handle = backend.handle;
  let busyMs = 0;
  let inside = 0;
  let since = 0;
  backend.handle = async (request) => {
    if (inside++ === 0) since = performance.now();
    try {
      return await handle(request);
    } finally {
      if (--inside === 0) busyMs += performance.now() - since;
    }
  };
  return {
    reset: () => {
      busyMs = 0;
      if (inside > 0) since = performance.now();
    },
    seconds: () => busyMs / 1000,
  };
}
