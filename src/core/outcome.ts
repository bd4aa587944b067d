// What a failed write means for whoever may send it again. A write is either certainly not done
// (the server refused it, or it never left this machine), cancelled mid-send, or of unknown
// outcome (it may have reached the server). Only 'refused' allows sending again without looking
// first; the bulk runner and the single forms both ask here, so they cannot disagree.
import { ApiError } from './errors';

export type WriteOutcome = 'refused' | 'unknown' | 'cancelled';

/** Connection errors that happen before a single byte of the request reaches a server. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function writeOutcome(e: unknown): WriteOutcome {
  // Anything else thrown (a bug, a foreign error) might have happened after the send.
  if (!(e instanceof ApiError)) return 'unknown';
  switch (e.kind) {
    case 'cancelled':
      return 'cancelled';
    case 'auth':
    case 'rate-limited':
      // 401 and a concurrency-throttling 429 are answered before the request is processed.
      return 'refused';
    case 'http':
      return e.status !== undefined && e.status >= 400 && e.status < 500 ? 'refused' : 'unknown';
    case 'refused':
      // Without a status we never sent it; with one, the server answered the write with a
      // redirect, and what it did before redirecting is not known.
      return e.status === undefined ? 'refused' : 'unknown';
    case 'network':
      return NEVER_CONNECTED.has(codeOf(e.cause) ?? '') ? 'refused' : 'unknown';
    case 'timeout':
    case 'schema':
      return 'unknown';
    case 'conflict':
      // A checksum mismatch is refused before anything is written.
      return 'refused';
  }
}

function codeOf(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** One record a server lists as already written (an outbox entry), reduced to what identifies it. */
export interface ListedWrite {
  id: string;
  /** The record the write was made for (e.g. the invited company). */
  target?: string | null;
  /** Whom it was addressed to, when the listing says. */
  recipient?: string | null;
}

/**
 * Which listed write is ours: one for `target`, whose id was not listed before we sent, and whose
 * recipient is the one we sent to (when we know it). Decided only by what the server lists, never
 * by comparing its clock with ours.
 */
export function findLanded(listed: ReadonlyArray<ListedWrite>, target: string, seenBefore: ReadonlyArray<string>, recipient?: string): ListedWrite | undefined {
  const seen = new Set(seenBefore);
  const want = recipient?.trim().toLowerCase();
  return listed.find(
    (w) => w.target === target && !seen.has(w.id) && (!want || !w.recipient || w.recipient.trim().toLowerCase() === want),
  );
}
