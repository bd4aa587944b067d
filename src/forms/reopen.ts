// What a form panel needs to come back after a window reload: the webview keeps it in its own
// state (beside the draft), VS Code hands that state to the panel serializer, and the provider is
// asked for the same form again. Ids and the records the form was opened for, never a secret.
import { messageOf } from '../core/errors';
import type { FormEffects, FormHandler } from '../core/forms';
import type { Company } from '../core/model';
import type { Provider } from '../core/provider';
import * as z from '../core/zod';
import { t } from '../core/l10n';

export const FORM_VIEW_TYPE = 'portfolioContacts.form';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const text = z.string().check(z.maxLength(2000));
const optionalText = z.optional(z.nullable(text));
// The records as the core model has them (src/core/model.ts), so the provider gets what it got first.
const company = z.object({
  id,
  name: text,
  primaryDomain: z.optional(text),
  detail: z.optional(text),
  rating: z.optional(z.nullable(z.number())),
  industry: optionalText,
  webUrl: optionalText,
  archived: z.optional(z.boolean()),
  kind: z.optional(text),
});
const contact = z.object({
  id,
  companyId: id,
  name: text,
  formalName: z.optional(text),
  email: optionalText,
  phone: optionalText,
  phones: z.optional(z.array(text).check(z.maxLength(50))),
  isPrimary: z.boolean(),
  tooltip: z.optional(z.array(z.object({ label: text, value: text })).check(z.maxLength(50))),
});
const user = z.object({
  id,
  name: text,
  formalName: z.optional(text),
  email: text,
  role: z.optional(text),
  roleSlug: z.optional(text),
  group: z.optional(text),
  status: z.optional(text),
  isCompanyApiToken: z.optional(z.boolean()),
  companyId: z.optional(id),
});
/** A copied person (ContactPrefill), so a prefilled form reopens prefilled (and finds its own draft). */
const prefill = z.object({
  name: z.optional(text),
  firstName: z.optional(text),
  lastName: z.optional(text),
  email: z.optional(text),
  phones: z.optional(z.array(text).check(z.maxLength(50))),
  title: z.optional(text),
  comment: z.optional(text),
});
export const reopenState = z.object({
  /** The panel's key (connection, verb, target ids): opening the same form again reveals it. */
  key: z.string().check(z.minLength(1), z.maxLength(2_000_000)),
  connectionId: id,
  /** The ProviderForms entry (createContacts, editContact, editUser, invite, bulkInvite). */
  verb: z.string().check(z.regex(/^[A-Za-z]{1,40}$/)),
  companies: z.optional(z.array(company).check(z.maxLength(100_000))),
  contact: z.optional(contact),
  user: z.optional(user),
  /** A bulk invitation of one folder's companies: the folder's name, for the title. */
  folder: z.optional(text),
  prefill: z.optional(z.array(prefill).check(z.maxLength(100))),
});
export type ReopenState = z.infer<typeof reopenState>;

/** The descriptor in what the webview saved, or undefined when it holds none (or not one of ours). */
export function readReopen(state: unknown): ReopenState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const parsed = reopenState.safeParse((state as { reopen?: unknown }).reopen);
  return parsed.success ? parsed.data : undefined;
}

/** Asks the provider for the form again; throws a message fit for the person when it cannot. */
export type ResolveForm = (target: ReopenState) => Promise<FormHandler>;

export type Reopened = { ok: true; target: ReopenState; handler: FormHandler } | { ok: false; message: string };

export const CANNOT_REOPEN = 'This form was open before the window reloaded and cannot be restored. Open it again from the Portfolio Contacts view.';

export async function reopenForm(state: unknown, resolve: ResolveForm): Promise<Reopened> {
  const target = readReopen(state);
  if (!target) return { ok: false, message: t('This form was open before the window reloaded and cannot be restored. Open it again from the Portfolio Contacts view.') };
  try {
    return { ok: true, target, handler: await resolve(target) };
  } catch (e) {
    const reason = messageOf(e).trim();
    const sentence = /[.!?…]$/.test(reason) ? reason : `${reason}.`;
    return { ok: false, message: t('This form could not be reopened. {0} Anything you typed is kept as a draft: open the form again from the Portfolio Contacts view once this is fixed.', sentence) };
  }
}

/** What resolveForm needs of the extension; injected so the mapping is tested without VS Code. */
export interface ReopenDeps<C extends { name: string }> {
  connection(id: string): C | undefined;
  /** The connection's live provider; throws a message for the person (signed out, sandbox stopped…). */
  provider(connection: C): Promise<Provider>;
  effects(connectionId: string): FormEffects;
  bulkInvite(connection: C, provider: Provider, companies: Company[], folder?: string): Promise<FormHandler>;
}

/** The provider's form for this target again, by verb: what the command that opened it asked for. */
export async function resolveForm<C extends { name: string }>(target: ReopenState, deps: ReopenDeps<C>): Promise<FormHandler> {
  const connection = deps.connection(target.connectionId);
  if (!connection) throw new Error(t('The connection it belonged to no longer exists.'));
  const provider = await deps.provider(connection);
  const forms = provider.forms;
  const company = target.companies?.[0];
  const effects = deps.effects(target.connectionId);
  const gone = () => new Error(t('{0} no longer offers this form.', connection.name));
  switch (target.verb) {
    case 'createContacts':
      if (!forms.createContacts || !company) throw gone();
      return forms.createContacts(company, effects, target.prefill?.length ? { prefill: target.prefill } : undefined);
    case 'editContact':
      if (!forms.editContact || !company || !target.contact) throw gone();
      return forms.editContact(company, target.contact, effects);
    case 'editUser':
      if (!forms.editUser || !target.user) throw gone();
      return forms.editUser(target.user, effects);
    case 'invite':
      if (!forms.invite || !company) throw gone();
      return forms.invite(company, effects);
    case 'bulkInvite':
      if (!target.companies?.length) throw gone();
      return deps.bulkInvite(connection, provider, target.companies, target.folder);
    default:
      throw gone();
  }
}
