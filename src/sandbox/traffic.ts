// Latency and concurrency: the two traffic knobs. An API may throttle by the number of requests in
// flight (not per minute), so the gate counts open requests rather than a rate.

/** Counts requests in flight and refuses entry above a limit. */
export class ConcurrencyGate {
  private open = 0;

  get inFlight(): number {
    return this.open;
  }

  /** Claims a slot unless `limit` are already taken. The caller must `leave()` exactly once. */
  tryEnter(limit: number): boolean {
    if (this.open >= limit) return false;
    this.open++;
    return true;
  }

  leave(): void {
    if (this.open > 0) this.open--;
  }
}

/**
 * Cancellable sleeps. Closing the sandbox cancels them so a long latency never keeps a test
 * process alive after close().
 */
export class Delays {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Resolves true after `ms`, or false at once if cancelled by `cancelAll()`. */
  wait(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve(true);
      }, ms);
      this.pending.set(timer, () => resolve(false));
    });
  }

  cancelAll(): void {
    for (const [timer, cancel] of this.pending) {
      clearTimeout(timer);
      cancel();
    }
    this.pending.clear();
  }
}
