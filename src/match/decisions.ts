// What the person decided about matches, which wins over the rules: an entry split out of its
// match stays alone; a name match confirmed is shown as certain. Kept in globalState, so it is
// read back through a schema (an older or hand-edited value must not break the view).
import * as z from '../core/zod';

/** One company of one connection: the unit decisions are about. */
export function entryKey(connectionId: string, companyId: string): string {
  return `${connectionId}\u0000${companyId}`;
}

const decisionsSchema = z.object({
  version: z.literal(1),
  split: z.array(z.string()),
  confirmed: z.array(z.string()),
});

export type MatchDecisions = z.infer<typeof decisionsSchema>;

export const MATCH_DECISIONS_KEY = 'portfolioContacts.matchDecisions';

export function noDecisions(): MatchDecisions {
  return { version: 1, split: [], confirmed: [] };
}

/** What globalState held, or no decisions when it is missing or not ours (never throws). */
export function readDecisions(raw: unknown): MatchDecisions {
  const parsed = decisionsSchema.safeParse(raw);
  return parsed.success ? parsed.data : noDecisions();
}

export function withSplit(d: MatchDecisions, key: string): MatchDecisions {
  return { version: 1, split: [...new Set([...d.split, key])], confirmed: d.confirmed.filter((k) => k !== key) };
}

export function withConfirmed(d: MatchDecisions, keys: readonly string[]): MatchDecisions {
  return { version: 1, split: d.split.filter((k) => !keys.includes(k)), confirmed: [...new Set([...d.confirmed, ...keys])] };
}
