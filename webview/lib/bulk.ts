// Pure: what the bulk part of the form shows: the targets before sending, and the progress of a run.
import type { BulkTarget } from '../../src/protocol/forms';
import type { BulkRow, BulkRowState, BulkSummary } from '../../src/protocol/messages';

export interface BulkRun {
  rows: BulkRow[];
  summary: BulkSummary;
  running: boolean;
  error?: string;
}

export function partitionTargets(targets: readonly BulkTarget[]): { invite: BulkTarget[]; skip: BulkTarget[] } {
  return { invite: targets.filter((t) => !t.skipReason), skip: targets.filter((t) => !!t.skipReason) };
}

const STATE_LABEL: Record<BulkRowState, string> = {
  pending: 'Pending',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

/** A refusal the server will repeat reads "Refused", not "Failed": retrying will not help. */
export function stateLabel(state: BulkRowState, permanent?: boolean): string {
  return state === 'failed' && permanent ? 'Refused' : STATE_LABEL[state];
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
  const parts = [`${s.sent} sent`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.cancelled) parts.push(`${s.cancelled} cancelled`);
  if (running) return `Sending… ${done} of ${plural(s.total, 'company', 'companies')} done: ${parts.join(', ')}${s.pending ? `; ${s.pending} pending` : ''}.`;
  const lead = s.pending ? 'Stopped' : 'Finished';
  return `${lead}: ${parts.join(', ')} of ${plural(s.total, 'company', 'companies')}${s.pending ? `; ${s.pending} not sent` : ''}.`;
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
export function announcement(prev: { text?: string; at: number } | undefined, run: BulkRun, now: number, everyMs = 3000): string | undefined {
  const text = summaryText(run.summary, run.running);
  if (text === prev?.text) return undefined;
  const edge = !prev || !run.running || !prev.text?.startsWith('Sending');
  if (edge || now - prev.at >= everyMs) return text;
  return undefined;
}
