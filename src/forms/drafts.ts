// Form drafts kept by the host, so closing a panel (which discards the webview's own state) loses
// nothing typed. One entry per form target (FormSpec.draftKey), the 50 most recent, in global
// state; validated on read. Drafts hold what people typed (names, e-mails), never a token.
import * as z from '../core/zod';
import { rawDraft, type RawDraft } from '../protocol/messages';
import type { DraftStore } from './controller';

export const DRAFTS_KEY = 'portfolioContacts.drafts';
export const MAX_DRAFTS = 50;

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const stored = z.array(z.object({ key: z.string(), values: rawDraft, savedAt: z.string() }));
type Stored = z.infer<typeof stored>;

export class MementoDrafts implements DraftStore {
  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(draftKey: string): RawDraft | undefined {
    return this.read().find((d) => d.key === draftKey)?.values;
  }

  savedAt(draftKey: string): string | undefined {
    return this.read().find((d) => d.key === draftKey)?.savedAt;
  }

  set(draftKey: string, values: RawDraft): void {
    const rest = this.read().filter((d) => d.key !== draftKey);
    void this.memento.update(DRAFTS_KEY, [{ key: draftKey, values, savedAt: this.now().toISOString() }, ...rest].slice(0, MAX_DRAFTS));
  }

  delete(draftKey: string): void {
    const all = this.read();
    if (all.some((d) => d.key === draftKey)) void this.memento.update(DRAFTS_KEY, all.filter((d) => d.key !== draftKey));
  }

  private read(): Stored {
    const parsed = stored.safeParse(this.memento.get<unknown>(DRAFTS_KEY) ?? []);
    return parsed.success ? parsed.data : [];
  }
}
