// Kare's shapes → the core model. Ids are integers in the API and strings in the model; a string id
// goes back into a path exactly as it came (the integer's decimal digits).
import { t } from '../../core/l10n';
import { ApiError } from '../../core/errors';
import type { Company, Contact, InfoLine } from '../../core/model';
import type { KareCompany, KareContact } from './schemas';

export const idOf = (n: number): string => String(n);

/** A model id back in a path: the digits unchanged; anything else was never a Kare id. */
export function pathId(id: string, what: string): string {
  if (!/^\d{1,16}$/.test(id)) throw new ApiError({ kind: 'refused', method: 'GET', path: '', message: `"${id}" is not a Kare ${what} id` });
  return id;
}

export function toCompany(c: KareCompany): Company {
  const archived = c.archivedAt != null;
  const detail = [archived ? 'Archived' : undefined, c.location?.trim() || undefined].filter(Boolean).join(' · ');
  return { id: idOf(c.id), name: c.name, archived, detail: detail || undefined };
}

export function toContact(c: KareContact, companyId: string, primaryContactId: number | null | undefined, locale?: string): Contact {
  const phones = c.phones ?? [];
  return {
    id: idOf(c.id),
    companyId,
    name: c.name.trim() || c.email || `Contact ${c.id}`,
    email: c.email ?? null,
    // No single `phone`: the tooltip lists every phone under its label, and the tree would show the first twice.
    phones,
    isPrimary: primaryContactId != null && primaryContactId === c.id,
    notification: notificationOf(c),
    tooltip: tooltipOf(c, locale),
  };
}

/** `notifyAt` proves a notification was asked for and sent; `notify` alone (when read) was asked only. */
function notificationOf(c: KareContact): Contact['notification'] {
  if (c.notifyAt) return { requested: true, sentAt: c.notifyAt };
  if (c.notify !== undefined) return { requested: c.notify };
  return undefined;
}

function tooltipOf(c: KareContact, locale?: string): InfoLine[] {
  const lines: InfoLine[] = [];
  const phones = c.phones ?? [];
  if (phones.length) lines.push({ label: phones.length === 1 ? 'Phone' : 'Phones', value: phones.join(', ') });
  if (c.comment?.trim()) lines.push({ label: t('Comment'), value: c.comment });
  if (c.notifyAt) lines.push({ label: t('Notified at'), value: formatWhen(c.notifyAt, locale) });
  return lines;
}

/** An ISO timestamp in the person's locale; the raw text when it is not a date. */
export function formatWhen(iso: string, locale?: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(t));
}
