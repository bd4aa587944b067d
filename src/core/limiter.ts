// A counting semaphore: at most `limit` tasks hold a slot at once; waiters are served first come,
// first served. A waiter whose signal aborts leaves the queue without ever taking a slot.

export class Limiter {
  private active = 0;
  private readonly queue: Array<{ grant: () => void }> = [];

  constructor(private max: number) {
    if (!(max >= 1)) throw new RangeError('A concurrency limit must be at least 1');
  }

  get limit(): number {
    return this.max;
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  setLimit(limit: number): void {
    if (!(limit >= 1)) throw new RangeError('A concurrency limit must be at least 1');
    this.max = limit;
    this.drain();
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.active--;
            this.drain();
          });
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.drain();
    });
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private drain(): void {
    while (this.active < this.max && this.queue.length > 0) this.queue.shift()!.grant();
  }
}

/** What a throttle policy sees of a client's concurrency, and may change (never above `cap` nor below 1). */
export interface ConcurrencyControl {
  /** Requests allowed at once now. */
  readonly limit: number;
  /** The configured most at once. */
  readonly cap: number;
  setLimit(limit: number): void;
}
