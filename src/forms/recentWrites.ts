// The writes that succeeded lately, by form target (the scoped draft key), so sending exactly the
// same content to the same record again soon asks first. Kept for the extension host's life (a
// form closed and reopened still remembers), never persisted: it holds what people typed.
import type { FormValues } from '../protocol/forms';

export const REPEAT_WINDOW_MS = 10 * 60_000;

export class RecentWrites {
  private readonly writes = new Map<string, { content: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How long ago the same content was written to this target, when within the window. */
  sameWithin(target: string, values: FormValues): number | undefined {
    const last = this.writes.get(target);
    if (!last || last.content !== contentOf(values)) return undefined;
    const ago = this.now() - last.at;
    return ago >= 0 && ago < REPEAT_WINDOW_MS ? ago : undefined;
  }

  record(target: string, values: FormValues): void {
    this.writes.set(target, { content: contentOf(values), at: this.now() });
    // Keep it small: only targets written within the window matter.
    for (const [key, w] of this.writes) if (this.now() - w.at >= REPEAT_WINDOW_MS) this.writes.delete(key);
  }
}

/** The same values in any key order give the same text. */
function contentOf(values: FormValues): string {
  return JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
}
