// The host's one store of writes whose answer was lost, by the form's scoped draft key. A form
// rebuilt through a new provider (base URL, timeout or size limit changed, sandbox restarted,
// signed in again) or restored after a window reload gets the same record, so its next submission
// still checks what landed instead of sending again. Persisted in global state like the drafts;
// every text is scrubbed of known secrets first, since global state is a file on disk.
import type { InDoubtJson, InDoubtRecord, InDoubtSlot } from '../core/forms';
import * as z from '../core/zod';
import type { MementoLike } from './drafts';

export const IN_DOUBT_KEY = 'portfolioContacts.inDoubt';
/** A record is dropped after this many newer ones: an old doubt is for the tree to settle. */
export const MAX_IN_DOUBT = 50;

const json: z.ZodMiniType<InDoubtJson> = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.lazy(() => json)), z.record(z.string(), z.lazy(() => json))]);
const stored = z.array(z.object({ key: z.string(), record: z.record(z.string(), json), at: z.string() }));
type Stored = z.infer<typeof stored>;

export class InDoubtStore {
  /** What this window set, exactly (the persisted copy is scrubbed). */
  private readonly live = new Map<string, InDoubtRecord | undefined>();

  constructor(
    private readonly memento?: MementoLike,
    private readonly redact: (text: string) => string = (t) => t,
    private readonly now: () => Date = () => new Date(),
  ) {}

  slot(key: string): InDoubtSlot {
    return { get: () => this.get(key), set: (record) => this.set(key, record) };
  }

  get(key: string): InDoubtRecord | undefined {
    if (this.live.has(key)) return this.live.get(key);
    return this.read().find((e) => e.key === key)?.record;
  }

  set(key: string, record: InDoubtRecord | undefined): void {
    this.live.set(key, record);
    if (!this.memento) return;
    const rest = this.read().filter((e) => e.key !== key);
    if (!record && rest.length === this.read().length) return;
    const next = record ? [{ key, record: scrub(record, this.redact) as InDoubtRecord, at: this.now().toISOString() }, ...rest] : rest;
    void this.memento.update(IN_DOUBT_KEY, next.slice(0, MAX_IN_DOUBT));
  }

  private read(): Stored {
    const parsed = stored.safeParse(this.memento?.get<unknown>(IN_DOUBT_KEY) ?? []);
    return parsed.success ? parsed.data : [];
  }
}

function scrub(v: InDoubtJson, redact: (text: string) => string): InDoubtJson {
  if (typeof v === 'string') return redact(v);
  if (Array.isArray(v)) return v.map((x) => scrub(x, redact));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x, redact)]));
  return v;
}
