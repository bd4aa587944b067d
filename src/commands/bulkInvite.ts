// Bulk "invite to collaborate": one form for the shared fields, a journal so that no company is
// invited twice (even across a reload mid-run), a cancellable progress notification, a per-company
// result table in the panel, Retry failed, and an offer to resume an interrupted run.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { BulkInviteDefinition, FormHandler, SubmitContext } from '../core/forms';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import type { Connection } from '../connections/store';
import { openFormPanel } from '../forms/panel';
import { BulkRunner, bulkSender, planBulk, summarize, unfinished } from '../forms/bulk/runner';
import type { BulkJournal } from '../forms/bulk/types';
import type { FormValues } from '../protocol/forms';
import type { BulkRow, HostMessage } from '../protocol/messages';
import { isProvider } from '../model/source';
import { COMMANDS } from './ids';
import { liveProvider } from './liveProvider';
import { withViewProgress } from './progress';
import type { Services } from './services';

/** Runs this window is sending now: an unfinished journal of one of them is not waiting to be resumed. */
export const runningBulkRuns = new Set<string>();

/** `folder`: the folder's name when the companies are a folder's (it is named in the title). */
export async function startBulkInvite(s: Services, extensionUri: vscode.Uri, connection: Connection, provider: Provider, companies: Company[], folder?: string): Promise<void> {
  const key = `${connection.id}/bulk/${companies.map((c) => c.id).sort().join(',')}`;
  const reopen = { key, connectionId: connection.id, verb: 'bulkInvite', companies: companies.map(({ id, name, primaryDomain }) => ({ id, name, ...(primaryDomain ? { primaryDomain } : {}) })), ...(folder ? { folder } : {}) };
  openFormPanel(extensionUri, key, await bulkInviteForm(s, connection, provider, companies, folder), s.log, { drafts: s.drafts, inDoubt: s.inDoubt, scope: connection.id, reopen });
}

/** The bulk invitation form for these companies (also when a reloaded window restores its panel). */
export async function bulkInviteForm(s: Services, connection: Connection, provider: Provider, companies: Company[], folder?: string): Promise<FormHandler> {
  const options = folder ? { folder } : undefined;
  const define = provider.forms.bulkInvite;
  if (!define) throw new Error(`${connection.name} does not support bulk invitations.`);
  let definition = await withViewProgress(vscode.l10n.t('Loading the {0}s…', provider.labels.primaryContact), () => define(companies, options));
  let built = provider;
  // Each send goes through the connection as it is now (a restarted sandbox, a new token).
  const current = async (): Promise<BulkInviteDefinition> => {
    const now = await liveProvider(s, connection);
    if (now !== built) {
      if (!now.forms.bulkInvite) throw new Error(`${connection.name} no longer offers bulk invitations.`);
      definition = await now.forms.bulkInvite(companies, options);
      built = now;
    }
    return definition;
  };
  return bulkHandler(s, connection, () => definition, current);
}

function bulkHandler(s: Services, connection: Connection, shown: () => BulkInviteDefinition, current: () => Promise<BulkInviteDefinition>): FormHandler {
  let journal: BulkJournal | undefined;
  return {
    spec: () => shown().spec,
    async submit(values, ctx) {
      const definition = await current();
      if (journal) {
        // The same panel already sent this run: sending again would invite everyone twice.
        throw new Error(vscode.l10n.t('These invitations were already sent from this panel. Use "Retry Failed" for the failures, or start a new bulk invitation.'));
      }
      const targets = definition.spec.bulk?.targets ?? [];
      journal = planBulk(randomUUID(), connection.id, values, targets.map((t) => ({ id: t.id, name: t.name, invitable: !t.skipReason })), new Date(), definition.skippedMessage);
      await s.journals.save(journal);
      journal = await runWithProgress(s, connection, definition, journal, ctx, 'pending');
      return { message: describe(journal), clearDraft: true, warning: partly(journal) };
    },
    async retryFailed(ctx) {
      if (!journal) throw new Error(vscode.l10n.t('Nothing was sent yet.'));
      journal = await runWithProgress(s, connection, await current(), journal, ctx, 'failed');
      return { message: describe(journal), warning: partly(journal) };
    },
  };
}

async function runWithProgress(
  s: Services,
  connection: Connection,
  definition: BulkInviteDefinition,
  journal: BulkJournal,
  ctx: SubmitContext | undefined,
  only: 'pending' | 'failed',
): Promise<BulkJournal> {
  const payload = journal.payload as FormValues;
  const runner = new BulkRunner({
    store: s.journals,
    sender: bulkSender(definition, payload),
    log: s.log,
  });
  const post = (j: BulkJournal, running: boolean) => ctx?.post(bulkMessage(j, running));
  runningBulkRuns.add(journal.runId);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Inviting companies of {0}', connection.name), cancellable: true },
    async (progress, cancel) => {
      const abort = new AbortController();
      cancel.onCancellationRequested(() => abort.abort());
      ctx?.signal.addEventListener('abort', () => abort.abort(), { once: true });
      const total = journal.items.filter((i) => i.state !== 'skipped').length || 1;
      let done = 0;
      post(journal, true);
      const final = await runner.run(journal, {
        signal: abort.signal,
        only,
        onProgress: (j, item) => {
          if (item.state === 'sent' || item.state === 'failed') {
            done++;
            progress.report({ increment: 100 / total, message: `${item.companyName}: ${item.state}` });
          }
          post(j, true);
        },
      });
      void done;
      return final;
    },
  ).then(
    (r) => (runningBulkRuns.delete(journal.runId), r),
    (e: unknown) => {
      runningBulkRuns.delete(journal.runId);
      throw e;
    },
  );
  post(result, false);
  await s.model.refresh({ connectionId: connection.id, scope: 'invitations' });
  const sum = summarize(result);
  const text = describe(result);
  // The run's results are one click from a file (the same as Export Bulk Invitation Results… on it).
  const exportResults = vscode.l10n.t('Export Results…');
  const shown = result.error || sum.failed ? vscode.window.showWarningMessage(text, exportResults) : vscode.window.showInformationMessage(text, exportResults);
  void shown.then((choice) => choice === exportResults && vscode.commands.executeCommand(COMMANDS.exportBulkResults, result.runId));
  return result;
}

function bulkMessage(j: BulkJournal, running: boolean): HostMessage {
  const rows: BulkRow[] = j.items.map((i) => ({ id: i.companyId, name: i.companyName, state: i.state, message: i.message, ...(i.permanent ? { permanent: true } : {}) }));
  return { type: 'bulk', rows, summary: summarize(j), running, error: j.error };
}

/** Anything failed or left unsent: the run's banner is a warning, not a success. */
function partly(j: BulkJournal): boolean {
  const sum = summarize(j);
  return !!j.error || sum.failed + sum.pending + sum.cancelled > 0;
}

function describe(j: BulkJournal): string {
  const sum = summarize(j);
  const parts = [vscode.l10n.t('{0} sent', sum.sent)];
  const permanent = j.items.filter((i) => i.state === 'failed' && i.permanent).length;
  if (sum.failed) parts.push(permanent === sum.failed ? vscode.l10n.t('{0} refused', sum.failed) : permanent ? vscode.l10n.t('{0} failed ({1} refused for good)', sum.failed, permanent) : vscode.l10n.t('{0} failed', sum.failed));
  if (sum.skipped) parts.push(vscode.l10n.t('{0} skipped', sum.skipped));
  if (sum.pending + sum.cancelled) parts.push(vscode.l10n.t('{0} not sent', sum.pending + sum.cancelled));
  return j.error ? vscode.l10n.t('Invitations: {0}. Stopped: {1}', parts.join(', '), j.error) : vscode.l10n.t('Invitations: {0}.', parts.join(', '));
}

/**
 * After a reload: offer to finish runs that were cut off. Items that were mid-send are checked
 * against the outbox before anything is sent again (the runner's confirmSent step).
 */
export async function offerToResume(s: Services): Promise<void> {
  const pending = (await s.journals.list()).filter(unfinished);
  for (const journal of pending) {
    const connection = s.store.get(journal.connectionId);
    if (!connection) {
      await s.journals.remove(journal.runId);
      continue;
    }
    const sum = summarize(journal);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('A bulk invitation run for {0} was interrupted: {1} of {2} sent. Resume it? Companies that may already have been invited are checked first, so none is invited twice.', connection.name, sum.sent, sum.total - sum.skipped),
      'Resume',
      'Discard',
    );
    if (choice === 'Discard') await s.journals.remove(journal.runId);
    if (choice !== 'Resume') continue;
    const provider = await s.model.providerFor(connection.id);
    if (!isProvider(provider) || !provider.forms.bulkInvite) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot resume: {0} is not available. Sign in and reload to be asked again.', connection.name));
      continue;
    }
    const companies = journal.items.map((i) => ({ id: i.companyId, name: i.companyName }));
    const definition = await provider.forms.bulkInvite(companies);
    await runWithProgress(s, connection, definition, journal, undefined, 'pending');
  }
}
