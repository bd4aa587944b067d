// Polling for the extension-host suites: the tree and the panels settle asynchronously.
import * as assert from 'node:assert/strict';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `get` until `ok(value)`; fails naming `what` and the last value (or error) seen. */
export async function eventually<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  for (;;) {
    try {
      last = await get();
      if (ok(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      const seen = lastErr ? String(lastErr) : JSON.stringify(last, null, 1)?.slice(0, 1500);
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(150);
  }
}
