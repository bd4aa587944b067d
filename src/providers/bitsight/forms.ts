// Bitsight's three write forms as data (fields, the API's rules and words) plus what submitting
// does. The seed documents (000 assign point of contact, 001 invite, 002 edit user) are the source.
import { isApiError, type ApiError } from '../../core/errors';
import { findLanded, type ListedWrite, writeOutcome } from '../../core/outcome';
import { firstLastOf, memorySlot, type ContactPrefill, type BulkInviteDefinition, type FormEffects, type FormHandler, type PlacedError, type ProviderForms } from '../../core/forms';
import * as z from '../../core/zod';
import type { Company, Contact, User } from '../../core/model';
import type { FieldOption, FieldSpec, FormSpec, FormValues } from '../../protocol/forms';
import { describeDomains, formatNameEmail } from '../../protocol/validate';
import { contactBody, INVITE_REASONS, inviteBody, userPatch, type UserSnapshot } from './bodies';
import type { BitsightCalls } from './calls';
import type { AccessRequest, PortfolioContact } from './schemas';
import { t } from '../../core/l10n';

const CCS_TOO_LONG = 'It is not possible to send an access request with combined string of cc emails larger than 1023 characters';
/** The assign's domain rule (seed 000 requires it; the text is the sandbox's, the documents publish none). */
const CONTACT_EMAIL_UNRELATED = 'The email domain is unrelated to the company';
const INVITE_EMAIL_UNRELATED = 'The requestee email domain is unrelated to the entity';

/** What a form's error words may name: the company and its domains. */
interface Context {
  company: string;
  domains: readonly string[];
}

/** The domain rule in the same words in every form (Assign, Edit, Invite): as a warning and as Bitsight's refusal. */
export function domainWords(ctx: Context): string {
  return `This e-mail address is not on one of ${ctx.company}’s domains${ctx.domains.length ? ` (${describeDomains(ctx.domains)})` : ''}.`;
}

/**
 * Bitsight's documented error texts (seed 001 for the invite; the assign's domain rule, seed 000)
 * in plain words, and the form field each concerns. The API's own text stays on the details line.
 */
export const BITSIGHT_ERRORS: Record<string, { field?: string; words: (ctx: Context) => string }> = {
  'Invalid requestee email': { field: 'requestee_email', words: () => t('This is not a valid e-mail address.') },
  'It is not possible to send an access request to yourself': { field: 'requestee_email', words: () => t('You cannot invite yourself: choose another recipient.') },
  'No entity found for specified guid': { words: (c) => t('Bitsight no longer knows {0}: refresh the Portfolio Contacts view.', c.company) },
  'Please limit shared observations to 10': { field: 'rolledup_observation_ids', words: () => t('Share at most 10 findings.') },
  'The observations ids did not match the entity': { field: 'rolledup_observation_ids', words: (c) => t('Some of these findings are not {0}’s observations.', c.company) },
  [INVITE_EMAIL_UNRELATED]: { field: 'requestee_email', words: domainWords },
  [CONTACT_EMAIL_UNRELATED]: { field: 'email', words: domainWords },
  'The entity cannot be used for vendor access requests': { words: (c) => t('{0} cannot be invited to collaborate: Bitsight does not accept vendor access requests for it.', c.company) },
  [CCS_TOO_LONG]: { field: 'ccs', words: () => 'The CC addresses are too long together: at most 1023 characters, commas included.' },
};

/** The invite's documented 400 messages and the field each concerns (kept for the bulk runner's field). */
export const INVITE_ERRORS: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(BITSIGHT_ERRORS)
    .filter(([text]) => text !== CONTACT_EMAIL_UNRELATED)
    .map(([text, { field }]) => [text, field]),
);
/** Django REST Framework's 403 text, which Bitsight answers a non-Admin's user edit with. */
const PERMISSION_DENIED = 'You do not have permission to perform this action.';

export const REASON_OPTIONS: FieldOption[] = [
  { value: 'informational', label: t('Informational'), description: t('General awareness of Bitsight and ratings') },
  { value: 'remediation', label: t('Remediation'), description: t('Address areas of risk in the current rating') },
  { value: 'validation', label: t('Validation'), description: t('Validate topics such as infrastructure attribution') },
  { value: 'vulnerability', label: t('Vulnerability'), description: t('Confirm exposure to a vulnerability and next steps') },
  { value: 'other', label: t('Other'), description: t('Unspecified reason') },
];

/** Documented role slugs (bitsight.md §2.4.1). */
export const ROLE_OPTIONS: FieldOption[] = [
  { value: 'customer_admin', label: t('Admin') },
  { value: 'customer_group_admin', label: t('Group Admin') },
  { value: 'customer_portfolio_manager', label: t('Portfolio Manager') },
  { value: 'customer_user', label: t('User') },
  { value: 'vrm_admin', label: t('VRM Admin') },
  { value: 'vrm_operations', label: t('Operations') },
  { value: 'vrm_internal_business_user', label: t('Internal Business User') },
  { value: 'vrm_view_only', label: t('View Only') },
  { value: 'vulnerability_response_outreach', label: t('Vulnerability Response Outreach') },
];

const ADMIN_ROLE = 'customer_admin';

const FEATURE_LABELS: Record<string, string> = { 'wfh-ro': 'Work From Home', 'fq-access': 'Financial Quantification' };

/**
 * The risk-vector slugs the documents show: `botnet` (seed 001's own example), `botnet_infections`
 * (the portfolio filter's example) and `ssl_configurations`, `dnssec`, `open_ports` (the outbox
 * filter's example, bitsight.md §2.3). Offered as suggestions only: the API takes any slug string.
 */
export const RISK_VECTOR_SUGGESTIONS: FieldOption[] = [
  { value: 'botnet', label: 'botnet' },
  { value: 'botnet_infections', label: 'botnet_infections' },
  { value: 'dnssec', label: 'dnssec' },
  { value: 'open_ports', label: 'open_ports' },
  { value: 'ssl_configurations', label: 'ssl_configurations' },
];

export function bitsightForms(provider: BitsightCalls): ProviderForms {
  return {
    // One point of contact per company: "create" is the assign form (an edit once one exists).
    createContacts: (company, effects, options) => pointOfContactForm(provider, company, undefined, effects, options?.prefill?.[0]),
    editContact: (company, contact, effects) => pointOfContactForm(provider, company, contact, effects),
    editUser: (user, effects) => editUserForm(provider, user, effects),
    invite: (company, effects) => inviteForm(provider, company, effects),
    bulkInvite: (companies, options) => bulkInviteDefinition(provider, companies, options?.folder),
  };
}

// ---------------------------------------------------------------- assign / edit point of contact

/** The same words in Assign and Invite: Bitsight checks the domain, the form only warns. */
function domainHelp(domains: readonly string[]): string | undefined {
  return domains.length ? t('Bitsight expects an address on the company’s domains: {0}.', describeDomains(domains)) : undefined;
}

/** The warning while typing: the refusal's words, and that the server decides. */
function domainWarning(ctx: Context): string {
  return `${domainWords(ctx)} Bitsight decides: you can still send.`;
}

/** A neutral person in this form's fields: one full name, a preferred name (the first name), one phone; no title or comment. */
export function pointOfContactPrefill(p: ContactPrefill): FormValues {
  const formal = p.name?.trim() || [p.firstName, p.lastName].filter((x) => x?.trim()).join(' ');
  const friendly = firstLastOf(p).first || formal;
  return { formal_name: formal, friendly_name: friendly, email: p.email?.trim() ?? '', phone_number: p.phones?.find((x) => x.trim())?.trim() ?? '' };
}

export function contactFields(domains: string[], company = 'the company'): FieldSpec[] {
  return [
    { name: 'formal_name', label: t('Full name'), kind: 'text', required: true, maxLength: 200, placeholder: t('e.g. Jane Doe') },
    { name: 'friendly_name', label: t('Preferred name'), kind: 'text', required: true, maxLength: 200, placeholder: t('e.g. Jane'), help: t('How the contact likes to be addressed.') },
    {
      name: 'email',
      label: 'E-mail',
      kind: 'email',
      required: true,
      placeholder: t('e.g. name@company.com'),
      emailDomains: domains,
      domainMessage: domainWarning({ company, domains }),
      help: domainHelp(domains),
    },
    { name: 'phone_number', label: t('Phone'), kind: 'tel', placeholder: 'e.g. +1 555 010 0000' },
  ];
}

async function pointOfContactForm(provider: BitsightCalls, company: Company, existing: Contact | undefined, effects: FormEffects, prefill?: ContactPrefill): Promise<FormHandler> {
  const [{ domains }, pocs] = await Promise.all([provider.companyDomains(company.id), provider.pointsOfContact(company.id)]);
  // Bitsight keeps one point of contact per company: editing it goes through the documented PATCH.
  let current = existing ? pocs.find((p) => p.guid === existing.id) : pocs[0];
  const fields = contactFields(domains, company.name);
  const ctx: Context = { company: company.name, domains };
  const spec = (): FormSpec => ({
    kind: current ? 'editContact' : 'createContacts',
    title: current ? t('Edit Point of Contact — {0}', company.name) : t('Assign Point of Contact — {0}', company.name),
    subtitle: current
      ? t('Changes who receives collaboration requests for this company.')
      : t('The point of contact receives collaboration requests; it is required before inviting this company in bulk.'),
    notes: [t('Company: {0}', company.name), ...(domains.length ? [t('Domains: {0}', describeDomains(domains))] : []), ...(prefill && current ? [t('Saving makes this person the point of contact instead of {0}.', current.formal_name ?? '')] : [])],
    submitLabel: current ? t('Save Changes') : t('Assign Point of Contact'),
    fields,
    // A copied person replaces the current point of contact's values: the form is then the edit that makes them the contact.
    values: prefill ? pointOfContactPrefill(prefill) : current ? contactValues(current) : { formal_name: '', friendly_name: '', email: '', phone_number: '' },
    draftKey: `bitsight/${company.id}/point-of-contact`,
    ...(prefill ? { prefilled: true } : {}),
  });
  const local = memorySlot();
  return {
    spec,
    async submit(values, { signal, inDoubt }) {
      // The last assign's answer was lost (timeout, reset, 5xx): it may have landed. Kept in the
      // host's slot, so a form rebuilt since then still looks first.
      const slot = inDoubt ?? local;
      const unsure = assignInDoubt.safeParse(slot.get()).success;
      const body = contactBody(company.id, values, current);
      if (!current && unsure) {
        // Look before assigning again: a landed assign of the same contact is not sent twice.
        // Past the cache: a form rebuilt just now read it before the write may have landed.
        const now = (await provider.pointsOfContact(company.id, signal, { fresh: true }))[0];
        if (now && sameContact(now, body)) {
          current = now;
          slot.set(undefined);
          effects.contactsChanged(company.id);
          return { message: t('The earlier attempt reached Bitsight: {0} is the point of contact of {1}. Nothing was sent again.', body.formal_name, company.name), clearDraft: true, values: contactValues(now) };
        }
      }
      try {
        if (current) await provider.updateContact(current.guid, { guid: current.guid, ...body }, signal);
        else await provider.assignContact(body, signal);
      } catch (e) {
        if (!current) slot.set(writeOutcome(e) !== 'refused' ? { assign: 'unknown' } : undefined);
        throw e;
      }
      slot.set(undefined);
      effects.contactsChanged(company.id);
      const verb = current ? 'updated' : 'assigned';
      // Show what Bitsight now holds (a cleared phone stays cleared); what was typed if it cannot be read.
      const saved = (await provider.pointsOfContact(company.id, signal).catch(() => []))[0];
      current = saved ?? current;
      return { message: t('{0} is {1} as the point of contact of {2}.', body.formal_name, verb, company.name), clearDraft: true, values: saved ? contactValues(saved) : values };
    },
    placeError: (e, shown) => placeByField(e, fields, { company_guid: undefined }, ctx, 'the point of contact', shown),
  };
}

/** An assign in doubt: the point of contact listed now tells whether it landed, so nothing more is kept. */
const assignInDoubt = z.object({ assign: z.literal('unknown') });

/** An invite in doubt: the invitation ids listed before it, and whom it went to. */
const inviteInDoubt = z.object({ seenBefore: z.array(z.string()), recipient: z.optional(z.string()) });

function sameContact(c: PortfolioContact, body: ReturnType<typeof contactBody>): boolean {
  const same = (a: string | null | undefined, b: string | undefined) => (a ?? '').trim() === (b ?? '').trim();
  return same(c.formal_name, body.formal_name) && same(c.friendly_name, body.friendly_name) && same(c.email?.toLowerCase(), body.email.toLowerCase()) && same(c.phone_number, body.phone_number);
}

function contactValues(c: PortfolioContact): FormValues {
  return { formal_name: c.formal_name ?? '', friendly_name: c.friendly_name ?? '', email: c.email ?? '', phone_number: c.phone_number ?? '' };
}

// ---------------------------------------------------------------- edit user

async function editUserForm(provider: BitsightCalls, user: User, effects: FormEffects): Promise<FormHandler> {
  const [detail, groups, me] = await Promise.all([provider.user(user.id), provider.accessGroups(), provider.currentUserId().catch(() => undefined)]);
  const self = me !== undefined && me === user.id;
  const updatable = (detail.features ?? []).filter((f) => f.can_update !== false);
  let before: UserSnapshot = {
    friendly_name: detail.friendly_name ?? '',
    formal_name: detail.formal_name ?? '',
    email: detail.email,
    group: detail.group?.guid ?? groups.default_group ?? '',
    role: detail.roles?.[0]?.slug ?? '',
    is_company_api_token: detail.is_company_api_token ?? false,
    is_available_for_contact: detail.is_available_for_contact ?? false,
    features: Object.fromEntries(updatable.map((f) => [f.slug, f.value === true || f.value === 'true'])),
  };
  const roleOptions = ROLE_OPTIONS.some((r) => r.value === before.role) || !before.role ? ROLE_OPTIONS : [...ROLE_OPTIONS, { value: before.role, label: before.role }];
  const fields: FieldSpec[] = [
    { name: 'formal_name', label: t('Full name'), kind: 'text', required: true, maxLength: 200, section: t('Person') },
    { name: 'friendly_name', label: t('Preferred name'), kind: 'text', required: true, maxLength: 200 },
    { name: 'email', label: 'E-mail', kind: 'email', required: true, help: t('Also the user’s Bitsight login.') },
    {
      name: 'group',
      label: t('Access control group'),
      kind: 'select',
      required: true,
      section: t('Access'),
      options: groups.groups.map((g) => ({ value: g.guid, label: g.name, description: g.guid === groups.default_group ? 'Default group' : undefined })),
    },
    { name: 'role', label: t('Role'), kind: 'select', required: true, options: roleOptions, help: t('Bitsight accepts exactly one role per user.') },
    ...updatable.map((f, i): FieldSpec => ({
      name: `feature.${f.slug}`,
      label: FEATURE_LABELS[f.slug] ? `${FEATURE_LABELS[f.slug]} (${f.slug})` : f.slug,
      kind: 'checkbox',
      section: i === 0 ? 'Features' : undefined,
    })),
    { name: 'is_available_for_contact', label: t('Subscription contact'), kind: 'checkbox', section: t('Flags'), help: t('Contacted when other users ask to add companies to the portfolio.') },
    { name: 'is_company_api_token', label: t('Company API token'), kind: 'checkbox', help: t('Marks this user as a company API token.') },
  ];
  const valuesOf = (s: UserSnapshot): FormValues => ({
    formal_name: s.formal_name,
    friendly_name: s.friendly_name,
    email: s.email,
    group: s.group,
    role: s.role,
    is_available_for_contact: s.is_available_for_contact,
    is_company_api_token: s.is_company_api_token,
    ...Object.fromEntries(Object.entries(s.features).map(([slug, v]) => [`feature.${slug}`, v])),
  });
  return {
    spec: () => ({
      kind: 'editUser',
      title: t('Edit User — {0}', before.formal_name || before.email),
      subtitle: t('Only the fields you change are sent. Only Admins can edit users.'),
      notes: [...(self ? [t('This is you: the user this connection’s token belongs to.')] : []), t('Status: {0}', detail.status ?? t('unknown'))],
      submitLabel: t('Save User'),
      fields,
      values: valuesOf(before),
      draftKey: `bitsight/users/${user.id}`,
    }),
    async submit(values, ctx) {
      const { signal } = ctx;
      const patch = userPatch(before, values);
      if (Object.keys(patch).length === 0) return { message: t('Nothing to save: no field was changed.'), nothingSent: true };
      // Only Admins edit users: dropping your own Admin role leaves this token unable to undo it.
      const losesAdmin = self && before.role === ADMIN_ROLE && patch.roles !== undefined && patch.roles[0]?.slug !== ADMIN_ROLE;
      if (losesAdmin) {
        const question = t('Remove your own Admin role? Afterwards this connection’s token can no longer edit users, so it cannot give the role back: another Admin would have to.');
        if (!(await ctx.confirm?.(question, t('Remove My Admin Role')))) return { message: t('Not saved: you kept your Admin role. Change the role back, or confirm to remove it.'), nothingSent: true };
      }
      await provider.editUser(user.id, patch, signal);
      before = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([k]) => ['friendly_name', 'formal_name', 'email', 'group', 'is_company_api_token', 'is_available_for_contact'].includes(k))),
        role: patch.roles?.[0].slug ?? before.role,
        features: { ...before.features, ...Object.fromEntries((patch.features ?? []).map((f) => [f.slug, f.value])) },
      } as UserSnapshot;
      effects.usersChanged();
      return { message: Object.keys(patch).length === 1 ? t('Saved 1 change to {0}.', before.formal_name || before.email) : t('Saved {0} changes to {1}.', Object.keys(patch).length, before.formal_name || before.email), clearDraft: true, values: valuesOf(before) };
    },
    placeError: (e, shown) => {
      // Bitsight's own 403 (DRF's words) means the role; a proxy's HTML 403 page means something else.
      if (e.status === 403 && e.message === PERMISSION_DENIED) {
        return {
          message: t('Bitsight refused the change: only Admins can edit users, and this connection\'s token belongs to a user without that role (Bitsight said: "{0}"). Ask an Admin, or use an Admin\'s token.', e.message),
          fieldErrors: {},
        };
      }
      return placeByField(e, fields, { roles: 'role' }, { company: before.formal_name || before.email, domains: [] }, 'the change', shown);
    },
  };
}

// ---------------------------------------------------------------- invite to collaborate

export function invitationFields(opts: { domains: string[]; pointOfContact?: string; bulk: boolean; company?: string }): FieldSpec[] {
  const ctx: Context = { company: opts.company ?? 'the company', domains: opts.domains };
  const recipient: FieldSpec[] = opts.bulk
    ? []
    : [
        {
          name: 'requestee_formal_name',
          label: t('Recipient full name'),
          kind: 'text',
          section: t('Recipient'),
          required: !opts.pointOfContact,
          requiredMessage: t('Give the recipient’s name: this company has no point of contact to fall back on'),
          placeholder: t('e.g. Jane Doe'),
          // The recipient is prefilled with the point of contact: say that, and what clearing it does.
          help: opts.pointOfContact ? t('Prefilled with the point of contact, {0}. Change it to invite someone else, or clear the recipient fields to let Bitsight use the point of contact.', opts.pointOfContact) : undefined,
        },
        { name: 'requestee_friendly_name', label: t('Recipient preferred name'), kind: 'text', required: !opts.pointOfContact, requiredMessage: t('Give the recipient’s preferred name'), placeholder: t('e.g. Jane') },
        {
          name: 'requestee_email',
          label: t('Recipient e-mail'),
          kind: 'email',
          required: !opts.pointOfContact,
          requiredMessage: t('Give the recipient’s e-mail'),
          placeholder: t('e.g. name@company.com'),
          emailDomains: opts.domains,
          domainMessage: domainWarning(ctx),
          help: domainHelp(opts.domains),
        },
        { name: 'requestee_phone', label: t('Recipient phone'), kind: 'tel', placeholder: 'e.g. +1 555 010 0000' },
      ];
  return [
    ...recipient,
    { name: 'message', label: t('Message'), kind: 'textarea', section: t('Invitation'), maxLength: 5000, help: t('Introduce yourself and the purpose of the collaboration request.') },
    { name: 'notes', label: t('Private notes'), kind: 'textarea', maxLength: 5000, help: t('Visible only to people in your organization.') },
    { name: 'read', label: t('Mark as read'), kind: 'checkbox', help: t('Sent as the invitation’s documented "read" flag: whether the vendor access request was read.') },
    { name: 'reason', label: t('Reason'), kind: 'select', required: true, options: REASON_OPTIONS },
    {
      name: 'risk_vectors',
      label: t('Risk vectors as context'),
      kind: 'lineList',
      suggestions: RISK_VECTOR_SUGGESTIONS,
      help: t('Risk-vector slugs, one per line: pick a documented one below or type any other slug.'),
    },
    { name: 'trial_duration', label: t('Trial duration (days)'), kind: 'number', required: true, min: 1, max: 365, rangeMessage: t('Trial duration must be between 1 and 365 days'), help: t('Days of Bitsight platform access for the recipient (1–365).') },
    {
      name: 'ccs',
      label: t('CC e-mails'),
      kind: 'emailList',
      section: t('Copies'),
      joinWith: ',',
      maxJoinedLength: 1023,
      maxJoinedMessage: CCS_TOO_LONG,
      help: t('One address per line; sent as one comma-separated list of at most 1023 characters.'),
    },
    { name: 'third_parties', label: t('Third parties'), kind: 'nameEmailList', help: t('One per line, "Name <e-mail>". CC’d on the introduction; they need not work for the recipient and get no activation e-mail.') },
    ...(opts.bulk
      ? []
      : [
          {
            name: 'rolledup_observation_ids',
            label: t('Shared findings (observation ids)'),
            kind: 'lineList',
            section: t('Findings'),
            maxItems: 10,
            maxItemsMessage: t('Please limit shared observations to 10'),
            help: t('Up to 10 rolled-up observation ids of this company, one per line.'),
          } satisfies FieldSpec,
        ]),
  ];
}

const INVITE_DEFAULTS: FormValues = { message: '', notes: '', read: false, reason: 'other', risk_vectors: [], trial_duration: 30, ccs: [], third_parties: [] };

async function inviteForm(provider: BitsightCalls, company: Company, effects: FormEffects): Promise<FormHandler> {
  const [{ domains }, pocs] = await Promise.all([provider.companyDomains(company.id), provider.pointsOfContact(company.id)]);
  const poc = pocs[0];
  const pocLabel = poc ? formatNameEmail({ name: poc.formal_name ?? poc.friendly_name ?? '', email: poc.email ?? '' }) : undefined;
  const fields = invitationFields({ domains, pointOfContact: pocLabel, bulk: false, company: company.name });
  const ctx: Context = { company: company.name, domains };
  const local = memorySlot();
  return {
    spec: () => ({
      kind: 'invite',
      title: t('Invite to Collaborate — {0}', company.name),
      subtitle: t('Invites the company to the Bitsight Client/Vendor Access Program.'),
      notes: [pocLabel ? t('Point of contact: {0}', pocLabel) : t('This company has no point of contact: name the recipient.')],
      submitLabel: t('Send Invitation'),
      fields,
      values: {
        ...INVITE_DEFAULTS,
        requestee_formal_name: poc?.formal_name ?? '',
        requestee_friendly_name: poc?.friendly_name ?? '',
        requestee_email: poc?.email ?? '',
        requestee_phone: poc?.phone_number ?? '',
        rolledup_observation_ids: [],
      },
      draftKey: `bitsight/${company.id}/invite`,
    }),
    async submit(values, { signal, inDoubt }) {
      /**
       * Set when a send got no usable answer: the invitation ids listed before it, and whom it went
       * to. Whether it landed is then told by a new id in the outbox, never by comparing clocks.
       * In the host's slot, so a form rebuilt since then still looks first.
       */
      const slot = inDoubt ?? local;
      const parsed = inviteInDoubt.safeParse(slot.get());
      const uncertain = parsed.success ? parsed.data : undefined;
      // Read before sending: a later lost answer is settled by an id not listed here. After a lost
      // answer, the same read shows whether the earlier attempt landed.
      const listed = await provider.outbox(company.id, signal);
      if (uncertain) {
        const landed = findLanded(listed.map(asListed(company.id)), company.id, uncertain.seenBefore, uncertain.recipient);
        if (landed) {
          slot.set(undefined);
          effects.invitationsChanged();
          return { message: landed.recipient ? t('The earlier attempt reached Bitsight: {0} was invited ({1}). Nothing was sent again.', company.name, landed.recipient) : t('The earlier attempt reached Bitsight: {0} was invited. Nothing was sent again.', company.name), clearDraft: true };
        }
      }
      const seenBefore = listed.map((r) => r.guid);
      const recipient = (typeof values.requestee_email === 'string' && values.requestee_email.trim()) || poc?.email || undefined;
      try {
        const sent = await provider.invite(inviteBody(company.id, values), { signal });
        slot.set(undefined);
        effects.invitationsChanged();
        const to = sent.requestee_email || (values.requestee_email as string) || 'the point of contact';
        return { message: t('Invitation sent to {0} at {1}.', to, company.name), clearDraft: true };
      } catch (e) {
        // The first attempt in doubt keeps its ids: a second one in doubt is looked for the same way.
        if (writeOutcome(e) !== 'refused') slot.set(uncertain ?? { seenBefore, ...(recipient ? { recipient } : {}) });
        throw e;
      }
    },
    placeError: (e, shown) => {
      const placed = placeByMessage(e, fields, ctx, shown);
      // Without an answer we cannot tell whether Bitsight created the invitation: say so, and say
      // that sending again checks the outbox first rather than inviting the company twice.
      // Only the POST is in doubt: a failed read of the outbox before it means nothing was sent.
      return e.method === 'POST' && writeOutcome(e) !== 'refused'
        ? { ...placed, message: t('{0} The invitation may have reached Bitsight anyway (see Sent Invitations for {1}); sending again looks there first, so the company is not invited twice.', placed.message, company.name) }
        : placed;
    },
  };
}

/** A bulk run's result for a company without a point of contact. */
export const SKIPPED_NO_POINT_OF_CONTACT = 'no point of contact: bulk invitations go to the point of contact, so this company was not sent one';

/** "8 Companies" (in the title: the number that will be invited, not the number picked). */
function companiesCount(n: number): string {
  return n === 1 ? t('1 Company') : t('{0} Companies', n);
}

async function bulkInviteDefinition(provider: BitsightCalls, companies: Company[], folder?: string): Promise<BulkInviteDefinition> {
  const pocs = await Promise.all(companies.map((c) => provider.pointsOfContact(c.id)));
  const targets = companies.map((c, i) => ({
    id: c.id,
    name: c.name,
    skipReason: pocs[i]!.length ? undefined : 'no point of contact (assign one first)',
  }));
  const fields = invitationFields({ domains: [], bulk: true });
  const invited = targets.filter((t) => !t.skipReason).length;
  const skipped = targets.length - invited;
  return {
    skippedMessage: SKIPPED_NO_POINT_OF_CONTACT,
    spec: {
      kind: 'bulkInvite',
      title: folder ? t('Invite {0} in “{1}” to Collaborate', companiesCount(invited), folder) : t('Invite {0} to Collaborate', companiesCount(invited)),
      subtitle: !skipped ? t('Each company is invited once, through its point of contact.') : skipped === 1 ? t('Each company is invited once, through its point of contact. 1 company without one is skipped.') : t('Each company is invited once, through its point of contact. {0} companies without one are skipped.', skipped),
      notes: [],
      submitLabel: t('Send Invitations'),
      fields,
      values: { ...INVITE_DEFAULTS },
      draftKey: `bitsight/bulk-invite`,
      bulk: { targets },
    },
    send: async (companyId, values, signal) => {
      // Bitsight's 429 refuses before processing: a bulk run may wait through several of them.
      const sent = await provider.invite(inviteBody(companyId, values), { signal, retryThrottled: true, throttledAttempts: 8 });
      return { id: sent.guid };
    },
    listed: async (companyIds, signal) => {
      // One read of the whole outbox instead of one per company, unless it does not say whom each
      // entry invited: then per company, so no entry of theirs is missed (and later taken for ours).
      const all = await provider.outbox(undefined, signal);
      const out: Record<string, string[]> = Object.fromEntries(companyIds.map((id) => [id, []]));
      if (all.some((r) => !r.requestee_company_guid)) {
        for (const id of companyIds) out[id] = (await provider.outbox(id, signal)).map((r) => r.guid);
        return out;
      }
      for (const r of all) out[r.requestee_company_guid!]?.push(r.guid);
      return out;
    },
    describe: (companyId, error) => {
      if (!isApiError(error)) return undefined;
      const name = companies.find((c) => c.id === companyId)?.name ?? 'this company';
      const words = explain(error.message, { company: name, domains: [] });
      return words ? `${words} (Bitsight: “${error.message}”)` : undefined;
    },
    confirmSent: async (companyId, seenBefore, signal) => {
      const list = await provider.outbox(companyId, signal);
      // A bulk invitation goes to the point of contact.
      const landed = findLanded(list.map(asListed(companyId)), companyId, seenBefore, pocs[companies.findIndex((c) => c.id === companyId)]?.[0]?.email ?? undefined);
      return { sentId: landed?.id, listed: list.map((r) => r.guid) };
    },
  };
}

/** An outbox entry as a listed write; the outbox was asked for one company, so a missing guid means that one. */
function asListed(companyId: string) {
  return (r: AccessRequest): ListedWrite => ({ id: r.guid, target: r.requestee_company_guid ?? companyId, recipient: r.requestee_email });
}

// ---------------------------------------------------------------- error placement

/** A field's label in a sentence ("Recipient e-mail"), or the API's name when the form has no such field. */
function labelOf(fields: FieldSpec[], name: string): string {
  return fields.find((f) => f.name === name)?.label ?? name;
}

/** The API's text in plain words, when it is one Bitsight documents. */
function explain(text: string, ctx: Context): string | undefined {
  return BITSIGHT_ERRORS[text.trim()]?.words(ctx);
}

/**
 * DRF-style field maps: each message on its field, in plain words where Bitsight documents it; the
 * banner names the fields ("E-mail: …"), and the API's own texts go to the details line.
 */
function placeByField(e: ApiError, fields: FieldSpec[], aliases: Record<string, string | undefined>, ctx: Context, what: string, shown = e.describe('Sending')): PlacedError {
  const names = new Set(fields.map((f) => f.name));
  const fieldErrors: Record<string, string> = {};
  const general: string[] = [];
  const named: string[] = [];
  const raw: string[] = [];
  for (const [apiField, messages] of Object.entries(e.fieldErrors)) {
    const target = apiField in aliases ? aliases[apiField] : names.has(apiField) ? apiField : undefined;
    const words = messages.map((m) => explain(m, ctx) ?? m).join(' ');
    raw.push(messages.join(' '));
    if (target) {
      fieldErrors[target] = words;
      named.push(`${labelOf(fields, target)}: ${words}`);
    } else general.push(words);
  }
  if (!Object.keys(e.fieldErrors).length) {
    const words = explain(e.message, ctx);
    if (words) return { message: t('Bitsight refused {0}. {1}', what, words), fieldErrors: {}, details: e.message };
    general.push(shown);
  }
  const message = named.length || general.length ? t('Bitsight refused {0}. {1}', what, [...named, ...general].join(' ')) : t('The server rejected some fields.');
  const details = raw.length && raw.join(' ') !== [...named, ...general].join(' ') ? raw.join(' ') : undefined;
  return { message: Object.keys(e.fieldErrors).length ? message : general.join(' '), fieldErrors, ...(details ? { details } : {}) };
}

/** The invite answers one message for the whole request: find its field by the documented text. */
function placeByMessage(e: ApiError, fields: FieldSpec[], ctx: Context, shown?: string): PlacedError {
  const names = new Set(fields.map((f) => f.name));
  const known = BITSIGHT_ERRORS[e.message.trim()];
  if (known) {
    const words = known.words(ctx);
    if (known.field && names.has(known.field)) {
      return { message: t('Bitsight refused the invitation. {0}: {1}', labelOf(fields, known.field), words), fieldErrors: { [known.field]: words }, details: e.message };
    }
    return { message: t('Bitsight refused the invitation. {0}', words), fieldErrors: {}, details: e.message };
  }
  return placeByField(e, fields, { requestee_company_guid: undefined, context: 'risk_vectors' }, ctx, 'the invitation', shown);
}
