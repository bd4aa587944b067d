// The JSON shapes of Kare answers (kare.md §4.1–4.2, §5.1, §5.3), built from the records.
import type { CompanyRecord, ContactRecord } from './data.js';
import type { KareStore } from './store.js';

const ACTIONS = { canBeUpdated: true, canBeDeleted: true } as const;

const UPDATABLE_FIELDS = {
  name: true,
  type: true,
  location: true,
  comment: true,
  email: true,
  phones: true,
  establishmentIds: true,
  labelIds: true,
  technicalInstallationIds: true,
} as const;

export function contactSummaryJson(c: ContactRecord) {
  return { id: c.id, name: c.name, email: c.email, phones: [...c.phones], comment: c.comment, notifyAt: c.notifyAt };
}

/** A list item: every field the documented example shows, contacts summarised. */
export function companyJson(store: KareStore, c: CompanyRecord) {
  return {
    id: c.id,
    name: c.name,
    comment: c.comment,
    location: c.location,
    type: c.type,
    archivedAt: c.archivedAt,
    email: c.email,
    phones: [...c.phones],
    primaryContactId: c.primaryContactId,
    technicalInstallations: c.technicalInstallations.map((t) => ({ ...t })),
    labels: c.labels.map((l) => ({ ...l })),
    actions: { ...ACTIONS },
    contacts: store.contactsOf(c.id).map(contactSummaryJson),
    establishmentIds: [...c.establishmentIds],
  };
}

/** GET /companies/v2/rs/{id}: a bare object, the list item plus `updatableFields`. */
export function companyDetailJson(store: KareStore, c: CompanyRecord) {
  return { ...companyJson(store, c), updatableFields: { ...UPDATABLE_FIELDS } };
}

/** The bare contact of PATCH answers and list items; `company`/`actions` only when extended. */
export function contactJson(c: ContactRecord, extend: { company?: CompanyRecord | undefined; actions?: boolean } = {}) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phones: [...c.phones],
    comment: c.comment,
    companyId: c.companyId,
    notifyAt: c.notifyAt,
    updatedAt: c.updatedAt,
    createdAt: c.createdAt,
    ...(extend.company
      ? {
          company: {
            id: extend.company.id,
            name: extend.company.name,
            type: extend.company.type,
            location: extend.company.location,
            archivedAt: extend.company.archivedAt,
            createdAt: extend.company.createdAt,
          },
        }
      : {}),
    ...(extend.actions ? { actions: { ...ACTIONS } } : {}),
  };
}
