// The view's badge counts interrupted bulk invitation runs waiting to be resumed (journals left
// unfinished by a reload or a crash), so they are not forgotten once the resume prompt is gone.
import { t } from '../core/l10n';
import type * as vscode from 'vscode';
import { unfinished } from '../forms/bulk/runner';
import type { JournalStore } from '../forms/bulk/types';
import { runningBulkRuns } from './bulkInvite';

export async function interruptedRunsBadge(journals: Pick<JournalStore, 'list'>, running: ReadonlySet<string> = runningBulkRuns): Promise<vscode.ViewBadge | undefined> {
  const waiting = (await journals.list()).filter((j) => unfinished(j) && !running.has(j.runId)).length;
  if (waiting === 0) return undefined;
  return { value: waiting, tooltip: waiting === 1 ? t('1 interrupted bulk invitation run waiting to be resumed') : t('{0} interrupted bulk invitation runs waiting to be resumed', waiting) };
}
