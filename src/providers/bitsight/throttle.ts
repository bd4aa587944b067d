// Bitsight throttles by concurrency (bitsight.md §1.3): after a 429 we send one request fewer at a
// time, keep it so for a minute after the last 429, then add one back per 20 successes up to the
// configured cap. A server that allows fewer than our cap stops refusing us, and a retried request
// is not sent into the same crowd again a second later.
import type { ThrottlePolicy } from '../../core/http';

/** Bitsight documents one minute when a 429 carries no Retry-After. */
export const BITSIGHT_DEFAULT_RETRY_AFTER_MS = 60_000;
const STICKY_BACK_OFF_MS = 60_000;
const SUCCESSES_PER_STEP = 20;

/** One per HttpClient: it remembers that client's last 429. `now` is injected in tests. */
export function bitsightThrottle(now: () => number = Date.now): ThrottlePolicy {
  let successesSinceBackOff = 0;
  let lastThrottledAt = -Infinity;
  return {
    waitWithoutRetryAfterMs: () => BITSIGHT_DEFAULT_RETRY_AFTER_MS,
    throttled(concurrency) {
      successesSinceBackOff = 0;
      lastThrottledAt = now();
      if (concurrency.limit > 1) concurrency.setLimit(concurrency.limit - 1);
    },
    succeeded(concurrency) {
      if (concurrency.limit >= concurrency.cap) return;
      if (now() - lastThrottledAt < STICKY_BACK_OFF_MS) return;
      if (++successesSinceBackOff >= SUCCESSES_PER_STEP) {
        successesSinceBackOff = 0;
        concurrency.setLimit(concurrency.limit + 1);
      }
    },
  };
}
