// Pure: what the bulk part of the form shows: the targets before sending, and the progress of a run.
import type { BulkTarget } from '../../src/protocol/forms';
import type { BulkRow, BulkRowState, BulkSummary } from '../../src/protocol/messages';
import { t } from '../../src/core/l10n';

export interface BulkRun {
  rows: BulkRow[];
  summary: BulkSummary;
  running: boolean;
  error?: string;
}

export function partitionTargets(targets: readonly BulkTarget[]): { invite: BulkTarget[]; skip: BulkTarget[] } {
  return { invite: targets.filter((t) => !t.skipReason), skip: targets.filter((t) => !!t.skipReason) };
}

// A function, not a table: the words depend on the language the host sends with `init`.
const stateLabels = (): Record<BulkRowState, string> => ({
  pending: t('Pending'),
  sending: t('Sending…'),
  sent: t('Sent'),
  failed: t('Failed'),
  skipped: t('Skipped'),
  cancelled: t('Cancelled'),
});

/** A refusal the server will repeat reads "Refused", not "Failed": retrying will not help. */
export function stateLabel(state: BulkRowState, permanent?: boolean): string {
  return state === 'failed' && permanent ? t('Refused') : stateLabels()[state];
}

/** Failures worth sending again (network, 5xx, 429, unknown outcome): what Retry Failed sends. */
export function retryableCount(run: BulkRun | undefined): number {
  return run ? run.rows.filter((r) => r.state === 'failed' && !r.permanent).length : 0;
}

/** Whether the run's outcome is a warning (anything failed, was left or was stopped), not a success. */
export function runWarns(run: BulkRun): boolean {
  return !!run.error || run.summary.failed + run.summary.pending + run.summary.cancelled > 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line for the run: "Sending… 4 of 10 done: 3 sent, 1 failed; 6 pending." */
export function summaryText(s: BulkSummary, running: boolean): string {
  const done = s.sent + s.failed + s.skipped + s.cancelled;
  const parts = [t('{0} sent', s.sent)];
  if (s.failed) parts.push(t('{0} failed', s.failed));
  if (s.skipped) parts.push(t('{0} skipped', s.skipped));
  if (s.cancelled) parts.push(t('{0} cancelled', s.cancelled));
  const companies = s.total === 1 ? t('1 company') : t('{0} companies', s.total);
  if (running) return s.pending ? t('Sending… {0} of {1} done: {2}; {3} pending.', done, companies, parts.join(', '), s.pending) : t('Sending… {0} of {1} done: {2}.', done, companies, parts.join(', '));
  if (s.pending) return t('Stopped: {0} of {1}; {2} not sent.', parts.join(', '), companies, s.pending);
  return t('Finished: {0} of {1}.', parts.join(', '), companies);
}

export function canCancel(run: BulkRun | undefined): boolean {
  return !!run?.running;
}

export function canRetryFailed(run: BulkRun | undefined, busy: boolean): boolean {
  return !!run && !run.running && !busy && retryableCount(run) > 0;
}

/**
 * What the polite live region should say now, or undefined to stay quiet: a screen reader hears
 * when a run starts and ends at once, and progress at most every `everyMs` in between.
 */
export function announcement(prev: { text?: string; at: number; running?: boolean } | undefined, run: BulkRun, now: number, everyMs = 3000): string | undefined {
  const text = summaryText(run.summary, run.running);
  if (text === prev?.text) return undefined;
  const edge = !prev || !run.running || prev.running === false;
  if (edge || now - prev.at >= everyMs) return text;
  return undefined;
}
