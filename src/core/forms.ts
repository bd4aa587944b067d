// What a provider hands the form layer: a handler per form (its definition as data, and what
// submitting does), so src/forms/ stays vendor-neutral.
import type { ApiError } from './errors';
import type { Company, Contact, User } from './model';
import type { FormSpec, FormValues } from '../protocol/forms';
import type { HostMessage } from '../protocol/messages';

export interface SubmitSuccess {
  message: string;
  /** Values to show after success (e.g. the saved record), replacing what was typed. */
  values?: FormValues;
  clearDraft?: boolean;
  /** Nothing was written (e.g. no field changed): the form stays open for editing, not done. */
  nothingSent?: boolean;
}

export interface SubmitContext {
  signal: AbortSignal;
  /** Progress for long submissions (bulk runs). */
  post(message: HostMessage): void;
}

export interface FormHandler {
  spec(): FormSpec;
  submit(values: FormValues, ctx: SubmitContext): Promise<SubmitSuccess>;
  /** Bulk forms: send again only what failed. */
  retryFailed?(ctx: SubmitContext): Promise<SubmitSuccess>;
  /** Where an API error belongs: API field names → form field names, and messages that name a field. */
  placeError?(error: ApiError): { message: string; fieldErrors: Record<string, string> } | undefined;
}

/** What a successful write changed, so the tree refreshes exactly those nodes. */
export interface FormEffects {
  contactsChanged(companyId: string): void;
  usersChanged(): void;
  invitationsChanged(): void;
}

export interface BulkInviteDefinition {
  spec: FormSpec;
  send(companyId: string, values: FormValues, signal: AbortSignal): Promise<{ id: string }>;
  /** The ids of the invitations the server already lists, per company, before anything is sent. */
  listed(companyIds: string[], signal: AbortSignal): Promise<Record<string, string[]>>;
  /**
   * After a lost answer or a reload mid-send: is there an invitation for this company whose id is
   * not in `seenBefore`? Also gives every id listed now.
   */
  confirmSent(companyId: string, seenBefore: string[], signal: AbortSignal): Promise<{ sentId?: string; listed: string[] }>;
}

export interface ProviderForms {
  assignContact?(company: Company, existing: Contact | undefined, effects: FormEffects): Promise<FormHandler>;
  editUser?(user: User, effects: FormEffects): Promise<FormHandler>;
  invite?(company: Company, effects: FormEffects): Promise<FormHandler>;
  bulkInvite?(companies: Company[]): Promise<BulkInviteDefinition>;
}
