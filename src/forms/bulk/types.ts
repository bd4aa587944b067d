// The shapes of a bulk "invite to collaborate" run. The journal is what makes the run safe to
// interrupt: it is persisted before and after every send, so a reload can tell what was done,
// what was never started, and what is in doubt.

export type BulkItemState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface BulkItem {
  companyId: string;
  companyName: string;
  state: BulkItemState;
  /** Why it failed, was skipped or was cancelled; how a sent one was confirmed. */
  message?: string;
  /** The form field the API's error named, if any. */
  field?: string;
  /** The guid of the access request Bitsight created. */
  resultId?: string;
  /** POSTs attempted for this company, over all runs of this journal. */
  attempts: number;
  updatedAt: string;
  /**
   * A POST for this company may have reached the server without us learning the outcome (an
   * interrupted run, a timeout, a 5xx, a cancel mid-send). Such an item is checked with
   * `confirmSent` before it is ever sent again; a plain 4xx refusal does not set it.
   */
  uncertain?: boolean;
}

export interface BulkJournal {
  runId: string;
  connectionId: string;
  /** When the run was planned: `confirmSent` looks for requests created after this. */
  createdAt: string;
  /** Shared form values, opaque to the runner. */
  payload: unknown;
  items: BulkItem[];
  /** Set when a run ended with nothing left to do (not when cancelled or stopped). */
  finishedAt?: string;
  /** Why the last run stopped early (a 401/403, a journal that could not be saved). */
  error?: string;
}

export interface JournalStore {
  load(runId: string): Promise<BulkJournal | undefined>;
  save(j: BulkJournal): Promise<void>;
  list(): Promise<BulkJournal[]>;
  remove(runId: string): Promise<void>;
}

export interface BulkSender {
  /** One POST /ratings/v1/access-requests for this company; resolves with the created request. */
  send(companyId: string, signal: AbortSignal): Promise<{ id: string }>;
  /**
   * Whether an access request for this company was created at or after `sinceIso`. Throw when
   * that cannot be told; the runner then refuses to send rather than risk a second invitation.
   */
  confirmSent(companyId: string, sinceIso: string, signal: AbortSignal): Promise<boolean>;
}
