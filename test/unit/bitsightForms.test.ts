import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redactor, silentLogger } from '../../src/core/redact';
import { BitsightProvider } from '../../src/providers/bitsight/client';
import { contactOf } from '../../src/sandbox/bitsight/data';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { countingEffects } from './helpers/faultKit';
import { contactBody, inviteBody, inviteRequest, userPatch, type UserSnapshot } from '../../src/providers/bitsight/bodies';
import { contactFields, invitationFields, INVITE_ERRORS, RISK_VECTOR_SUGGESTIONS } from '../../src/providers/bitsight/forms';
import { createContactFields } from '../../src/providers/guidewire/forms';
import type { FieldSpec } from '../../src/protocol/forms';
import { lines, onDomains, parseNameEmail, TEL_MAX_LENGTH, validateField, validateForm, warnField, warnForm } from '../../src/protocol/validate';
import { tokenAuth } from './helpers/auth';

const field = (fields: FieldSpec[], name: string) => {
  const f = fields.find((x) => x.name === name);
  assert.ok(f, `no field ${name}`);
  return f;
};

describe('Bitsight request bodies match the seed examples', () => {
  it('assign point of contact (seed 000): flat body, phone optional', () => {
    const values = { friendly_name: 'Diane', formal_name: 'Diane Jones', email: 'diane@actorsfilms.us', phone_number: '555-555-5555' };
    assert.deepEqual(contactBody('1b3d260c-9e23-4e19-b3a5-a0bcf67d74d9', values), {
      company_guid: '1b3d260c-9e23-4e19-b3a5-a0bcf67d74d9',
      friendly_name: 'Diane',
      formal_name: 'Diane Jones',
      email: 'diane@actorsfilms.us',
      phone_number: '555-555-5555',
    });
    assert.equal('phone_number' in contactBody('g', { ...values, phone_number: '  ' }), false);
  });

  it('edit point of contact: a phone that was set and is now blank is sent empty, so the PATCH clears it', () => {
    const values = { friendly_name: 'Diane', formal_name: 'Diane Jones', email: 'diane@actorsfilms.us', phone_number: ' ' };
    assert.equal(contactBody('g', values, { phone_number: '555-555-5555' }).phone_number, '');
    assert.equal('phone_number' in contactBody('g', values, { phone_number: null }), false, 'nothing to clear: left out');
    assert.equal(contactBody('g', { ...values, phone_number: '555-1234' }, { phone_number: '555-555-5555' }).phone_number, '555-1234');
  });

  it('invite (seed 001): the request is the seed’s example exactly, wrapped in vendor_access_request, key by key', () => {
    // Seed 001's "Example Request", verbatim but for `resolved_by: {}`: that is who resolved the
    // collaboration, an outbox attribute the server fills, with nothing in the form to set it.
    const seed = {
      vendor_access_request: {
        requestee_friendly_name: 'Bob',
        requestee_formal_name: 'Bob Robertson',
        requestee_email: 'bob@robertson.com',
        requestee_phone: '555-555-5555',
        requestee_company_guid: 'dc24dc48-268a-4e44-8510-c2ae7185668e',
        message: 'This is a message to the recipient.',
        notes: 'This is a note to anyone in my organization.',
        read: true,
        ccs: 'barb@barbara.com,rob@robson.com',
        rolledup_observation_ids: ['abcdefghijkl=', 'aaa2+=2-aaaaa'],
        trial_duration: 30,
        reason: 'other',
        context: { risk_vectors: [{ risk_vector: { slug: 'botnet' } }] },
        third_parties: [{ email: 'richard.kuga@saperix.com', name: 'Richard Kuga' }],
      },
    };
    const request = inviteRequest(
      inviteBody('dc24dc48-268a-4e44-8510-c2ae7185668e', {
        requestee_friendly_name: 'Bob',
        requestee_formal_name: 'Bob Robertson',
        requestee_email: 'bob@robertson.com',
        requestee_phone: '555-555-5555',
        message: 'This is a message to the recipient.',
        notes: 'This is a note to anyone in my organization.',
        read: true,
        ccs: ['barb@barbara.com', 'rob@robson.com'],
        rolledup_observation_ids: ['abcdefghijkl=', 'aaa2+=2-aaaaa'],
        trial_duration: 30,
        reason: 'other',
        risk_vectors: ['botnet'],
        third_parties: [{ email: 'richard.kuga@saperix.com', name: 'Richard Kuga' }],
      }),
    );
    assert.deepEqual(request, seed);
    assert.equal(JSON.stringify(request), JSON.stringify(seed), 'same keys in the same order, at every level');
    assert.deepEqual(Object.keys(request), ['vendor_access_request'], 'nothing outside the wrapper');
  });

  it('invite (seed 001): the keys come in the seed example’s order', () => {
    const seedKeys = ['requestee_friendly_name', 'requestee_formal_name', 'requestee_email', 'requestee_phone', 'requestee_company_guid', 'message', 'notes', 'read', 'ccs', 'rolledup_observation_ids', 'trial_duration', 'reason', 'context', 'third_parties'];
    const body = inviteBody('g', {
      third_parties: [{ email: 'r@s.com', name: 'R' }],
      risk_vectors: ['botnet'],
      reason: 'other',
      trial_duration: 30,
      rolledup_observation_ids: ['o='],
      ccs: ['a@b.co'],
      read: false,
      notes: 'n',
      message: 'm',
      requestee_phone: '555',
      requestee_email: 'bob@robertson.com',
      requestee_formal_name: 'Bob Robertson',
      requestee_friendly_name: 'Bob',
    });
    assert.deepEqual(Object.keys(body), seedKeys);
  });

  it('invite: several risk vectors, documented or typed by hand, each wrapped as the seed shows; repeats sent once', () => {
    const body = inviteBody('g', { risk_vectors: ['botnet', 'dnssec', 'my_own_slug', 'botnet'], trial_duration: 30, reason: 'other' });
    assert.deepEqual(body.context, {
      risk_vectors: [{ risk_vector: { slug: 'botnet' } }, { risk_vector: { slug: 'dnssec' } }, { risk_vector: { slug: 'my_own_slug' } }],
    });
    assert.equal('context' in inviteBody('g', { risk_vectors: [], trial_duration: 30, reason: 'other' }), false);
  });

  it('invite with an empty recipient sends empty names so the point of contact is used', () => {
    const body = inviteBody('g', { requestee_formal_name: '', requestee_friendly_name: '', requestee_email: '', trial_duration: 30, reason: 'informational', ccs: [] });
    assert.deepEqual(body, { requestee_company_guid: 'g', requestee_friendly_name: '', requestee_formal_name: '', requestee_email: '', trial_duration: 30, reason: 'informational' });
  });

  it('edit user (seed 002): only changed fields, flat, one role', () => {
    const before: UserSnapshot = {
      friendly_name: 'Emma',
      formal_name: 'Emma Waters',
      email: 'emma@old.example',
      group: 'aaaaaaaa-1111-aaaa-1111-aaaaaaaaaaaa',
      role: 'customer_user',
      is_company_api_token: false,
      is_available_for_contact: false,
      features: { 'wfh-ro': false },
    };
    const same = { friendly_name: 'Emma', formal_name: 'Emma Waters', email: 'emma@old.example', group: before.group, role: 'customer_user', is_company_api_token: false, is_available_for_contact: false, 'feature.wfh-ro': false };
    assert.deepEqual(userPatch(before, same), {});
    assert.deepEqual(userPatch(before, { ...same, group: '88888888-eeee-8888-eeee-888888888888', email: 'emma@blueseas.com' }), {
      group: '88888888-eeee-8888-eeee-888888888888',
      email: 'emma@blueseas.com',
    });
    assert.deepEqual(userPatch(before, { ...same, role: 'customer_group_admin', 'feature.wfh-ro': true, is_available_for_contact: true }), {
      roles: [{ slug: 'customer_group_admin' }],
      is_available_for_contact: true,
      features: [{ slug: 'wfh-ro', value: true }],
    });
  });
});

describe('the e-mail domain rule (onDomains)', () => {
  it('accepts the domain itself and any subdomain', () => {
    assert.equal(onDomains('jane@example.com', ['example.com']), true);
    assert.equal(onDomains('jane@mail.eu.example.com', ['example.com']), true);
    assert.equal(onDomains('jane@other.org', ['example.com', 'other.org']), true);
  });
  it('flags look-alikes: a longer name ending the same, the domain as a prefix, a bare parent', () => {
    assert.equal(onDomains('jane@evil-example.com', ['example.com']), false);
    assert.equal(onDomains('jane@evilexample.com', ['example.com']), false);
    assert.equal(onDomains('jane@example.com.evil.com', ['example.com']), false);
    assert.equal(onDomains('jane@com', ['example.com']), false);
    assert.equal(onDomains('jane@example.com', ['mail.example.com']), false);
  });
  it('ignores case on both sides', () => {
    assert.equal(onDomains('Jane@EXAMPLE.Com', ['example.com']), true);
    assert.equal(onDomains('jane@mail.example.com', ['Example.COM']), true);
    assert.equal(onDomains('jane@EVIL-EXAMPLE.COM', ['Example.com']), false);
  });
  it('uses the part after the last @', () => {
    assert.equal(onDomains('"a@example.com"@evil.com', ['example.com']), false);
  });
});

describe('Bitsight form rules at their boundaries', () => {
  const invite = invitationFields({ domains: ['actorsfilms.us'], bulk: false });

  it('ccs: 1023 characters combined are accepted, 1024 are not (separators included)', () => {
    const ccs = field(invite, 'ccs');
    const make = (total: number) => {
      // n addresses of the form x…x@a.co joined by commas, padded to exactly `total` characters
      const first = 'a'.repeat(total - '@b.co'.length - ',c@d.co'.length) + '@b.co';
      return [first, 'c@d.co'];
    };
    assert.equal(make(1023).join(',').length, 1023);
    assert.equal(validateField(ccs, make(1023)), undefined);
    const msg = validateField(ccs, make(1024));
    assert.match(msg ?? '', /^It is not possible to send an access request with combined string of cc emails larger than 1023 characters/);
    assert.match(validateField(ccs, ['not-an-email']) ?? '', /not a valid e-mail/);
  });

  it('observations: 10 accepted, 11 refused with the API message', () => {
    const obs = field(invite, 'rolledup_observation_ids');
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `obs-${i}=`);
    assert.equal(validateField(obs, ids(10)), undefined);
    assert.equal(validateField(obs, ids(11)), 'Please limit shared observations to 10');
  });

  it('trial duration: 1 and 365 accepted, 0 and 366 refused, fractions refused', () => {
    const t = field(invite, 'trial_duration');
    assert.equal(validateField(t, 1), undefined);
    assert.equal(validateField(t, 365), undefined);
    assert.match(validateField(t, 0) ?? '', /between 1 and 365/);
    assert.match(validateField(t, 366) ?? '', /between 1 and 365/);
    assert.match(validateField(t, 2.5) ?? '', /whole number/);
  });

  it('risk vectors: a list offering the documented slugs (the seed’s botnet first) and accepting any other', () => {
    const rv = field(invite, 'risk_vectors');
    assert.equal(rv.kind, 'lineList');
    assert.deepEqual(rv.suggestions, RISK_VECTOR_SUGGESTIONS);
    assert.deepEqual(RISK_VECTOR_SUGGESTIONS.map((o) => o.value), ['botnet', 'botnet_infections', 'dnssec', 'open_ports', 'ssl_configurations']);
    assert.equal(validateField(rv, ['botnet', 'ssl_configurations', 'hand_typed_slug']), undefined);
    assert.ok(invitationFields({ domains: [], bulk: true }).some((x) => x.name === 'risk_vectors'), 'bulk invitations offer it too');
  });

  it('read (seed 001): an on/off field in single and bulk invitations, sent as a boolean, off by default', () => {
    for (const bulk of [false, true]) {
      const read = field(invitationFields({ domains: [], bulk }), 'read');
      assert.equal(read.kind, 'checkbox');
      assert.equal(validateField(read, true), undefined);
      assert.match(validateField(read, 'yes') ?? '', /on or off/);
    }
    assert.equal(inviteBody('g', { read: true, trial_duration: 30, reason: 'other' }).read, true);
    assert.equal(inviteBody('g', { read: false, trial_duration: 30, reason: 'other' }).read, false);
  });

  it('reason: only the five documented values', () => {
    const r = field(invite, 'reason');
    for (const v of ['informational', 'remediation', 'validation', 'vulnerability', 'other']) assert.equal(validateField(r, v), undefined);
    assert.match(validateField(r, 'curiosity') ?? '', /not one of the choices/);
  });

  it('recipient e-mail: off the company’s domains is a warning, never a refusal (the server decides)', () => {
    const e = field(invite, 'requestee_email');
    assert.equal(warnField(e, 'diane@actorsfilms.us'), undefined);
    assert.equal(warnField(e, 'diane@mail.actorsfilms.us'), undefined);
    assert.equal(warnField(e, 'diane@notactorsfilms.us'), 'This e-mail address is not on one of the company’s domains (actorsfilms.us). Bitsight decides: you can still send.');
    assert.equal(validateField(e, 'diane@gmail.com'), undefined, 'the rule does not block');
    assert.deepEqual(validateForm({ fields: invite }, { requestee_email: 'diane@gmail.com', requestee_formal_name: 'D', requestee_friendly_name: 'D', trial_duration: 30, reason: 'other' }), {}, 'the host does not refuse on it');
    assert.match(validateField(e, 'diane@') ?? '', /not a valid e-mail/, 'a malformed address still blocks');
  });

  it('the domain warning and help have the same words in Assign and Invite, and a long list is shortened', () => {
    const domains = Array.from({ length: 150 }, (_, i) => `d${i}.example`);
    const assign = field(contactFields(domains), 'email');
    const inv = field(invitationFields({ domains, bulk: false }), 'requestee_email');
    assert.equal(warnField(assign, 'x@gmail.com'), warnField(inv, 'x@gmail.com'));
    assert.equal(assign.help, inv.help);
    assert.match(assign.help ?? '', /d0\.example, d1\.example, d2\.example, d3\.example, d4\.example and 145 more\.$/);
    assert.equal(warnField(inv, 'x@sub.d149.example'), undefined, 'the last page’s domains count');
  });

  it('recipient may be left empty only when a point of contact exists', () => {
    const withPoc = invitationFields({ domains: ['a.example'], pointOfContact: 'Diane <d@a.example>', bulk: false });
    const without = invitationFields({ domains: ['a.example'], bulk: false });
    const values = { requestee_formal_name: '', requestee_friendly_name: '', requestee_email: '', trial_duration: 30, reason: 'other' };
    assert.deepEqual(validateForm({ fields: withPoc }, values), {});
    assert.deepEqual(Object.keys(validateForm({ fields: without }, values)).sort(), ['requestee_email', 'requestee_formal_name', 'requestee_friendly_name']);
  });

  it('bulk form has no recipient or per-company fields', () => {
    const bulk = invitationFields({ domains: [], bulk: true }).map((f) => f.name);
    assert.ok(!bulk.includes('requestee_email'));
    assert.ok(!bulk.includes('rolledup_observation_ids'));
    assert.ok(bulk.includes('ccs') && bulk.includes('trial_duration'));
  });

  it('every documented invite error has a place in the form', () => {
    const names = new Set(invite.map((f) => f.name));
    for (const [message, target] of Object.entries(INVITE_ERRORS)) {
      if (target) assert.ok(names.has(target), `${message} → ${target}`);
    }
    assert.equal(Object.keys(INVITE_ERRORS).length, 8, 'the seed lists eight 400 messages');
  });

  it('point of contact: required names block, any phone text passes (seed 000: a string); a foreign domain only warns', () => {
    const f = contactFields(['actorsfilms.us', 'actors.io']);
    assert.deepEqual(Object.keys(validateForm({ fields: f }, { formal_name: '', friendly_name: ' ', email: 'x@evil.com', phone_number: 'call me' })).sort(), [
      'formal_name',
      'friendly_name',
    ]);
    assert.deepEqual(validateForm({ fields: f }, { formal_name: 'Diane Jones', friendly_name: 'Diane', email: 'diane@actors.io', phone_number: '+1 (555) 555-5555' }), {});
    assert.deepEqual(Object.keys(warnForm({ fields: f }, { formal_name: 'D', friendly_name: 'D', email: 'x@evil.com' })), ['email']);
    assert.deepEqual(warnForm({ fields: f }, { formal_name: 'D', friendly_name: 'D', email: 'x@actors.io' }), {});
  });

  it('a phone field takes any text, an extension included, up to its length limit', () => {
    const phone = field(contactFields([]), 'phone_number');
    for (const v of ['+44 20 7946 0958 ext. 12', '555-0100 x12', 'call reception', '   ']) assert.equal(validateField(phone, v), undefined, v);
    assert.match(validateField(phone, '5'.repeat(TEL_MAX_LENGTH + 1)) ?? 'accepted', /at most/);
    assert.equal(validateField(phone, '5'.repeat(TEL_MAX_LENGTH)), undefined);
    assert.match(validateField({ ...phone, maxLength: 10 }, '+1 555 010 0000') ?? 'accepted', /at most 10/);
    assert.match(validateField({ ...phone, required: true }, '  ') ?? 'accepted', /required/);
    // Guidewire documents extensions on its phone numbers.
    assert.equal(validateField(field(createContactFields('Acme'), 'workPhone'), '+44 20 7946 0958 ext. 12'), undefined);
  });

  it('list helpers parse what people type', () => {
    assert.deepEqual(lines(' a@b.co \n\n c@d.co\r\n'), ['a@b.co', 'c@d.co']);
    assert.deepEqual(parseNameEmail('Richard Kuga <richard.kuga@saperix.com>'), { name: 'Richard Kuga', email: 'richard.kuga@saperix.com' });
    assert.deepEqual(parseNameEmail('Richard Kuga, richard.kuga@saperix.com'), { name: 'Richard Kuga', email: 'richard.kuga@saperix.com' });
    assert.equal(parseNameEmail('just words'), undefined);
    const tp = invitationFields({ domains: [], bulk: true }).find((x) => x.name === 'third_parties')!;
    assert.match(validateField(tp, [{ name: '', email: 'a@b.co' }]) ?? '', /Add a name/);
  });
});

describe('Bitsight point of contact form against the sandbox', () => {
  let sb: RunningSandbox;
  let provider: BitsightProvider;
  before(async () => {
    sb = await startSandbox({ companies: 40, seed: 3 });
    provider = new BitsightProvider({ baseUrl: sb.apis.bitsight.baseUrl, ...tokenAuth(sb.apis.bitsight.token), logger: silentLogger, redactor: new Redactor(), timeoutMs: 5000 });
  });
  after(() => sb.close());

  it('clearing an existing contact’s phone clears it in Bitsight and the form then shows no phone', async () => {
    const record = sb.data.contacts.find((c) => c.phone_number);
    assert.ok(record, 'the seed has a contact with a phone');
    const company = sb.data.companies.find((c) => c.guid === record.company_guid)!;
    const handler = await provider.forms.createContacts!({ id: company.guid, name: company.name }, countingEffects().effects);
    assert.equal(handler.spec().kind, 'editContact');
    assert.equal(handler.spec().values.phone_number, record.phone_number);
    const result = await handler.submit({ ...handler.spec().values, phone_number: '' }, { signal: new AbortController().signal, post: () => undefined, requestId: 'test-request' });
    assert.equal(contactOf(sb.data, company.guid)!.phone_number, null);
    const patches = sb.writes.filter((w) => w.method === 'PATCH');
    assert.equal(patches.length, 1);
    assert.equal((patches[0]!.body as Record<string, unknown>).phone_number, '', 'the PATCH sent the field, empty');
    assert.equal(result.values?.phone_number, '');
    assert.equal(handler.spec().values.phone_number, '');
  });

  it('under the neutral verbs: createContacts on a company without one is the assign form, editContact edits the given contact', async () => {
    const bare = sb.data.companies.find((c) => !sb.data.contacts.some((p) => p.company_guid === c.guid))!;
    const create = await provider.forms.createContacts!({ id: bare.guid, name: bare.name }, countingEffects().effects);
    assert.equal(create.spec().kind, 'createContacts');
    assert.equal(create.spec().title, `Assign Point of Contact — ${bare.name}`);
    assert.equal(provider.forms.createsSeveral, undefined, 'one contact per submission');
    const record = sb.data.contacts[0]!;
    const company = sb.data.companies.find((c) => c.guid === record.company_guid)!;
    const edit = await provider.forms.editContact!({ id: company.guid, name: company.name }, { id: record.guid, companyId: company.guid, name: record.friendly_name ?? '', isPrimary: true }, countingEffects().effects);
    assert.equal(edit.spec().kind, 'editContact');
    assert.equal(edit.spec().values.email, record.email);
  });

  it('wording: an address off the company’s domains is refused in the same plain words by Assign and Invite, naming the field and the company, with the API’s text as details', async () => {
    const ctx = { signal: new AbortController().signal, post: () => undefined, requestId: 'wording' };
    const bare = sb.data.companies.find((c) => !contactOf(sb.data, c.guid) && c.domains.length)!;
    const assign = await provider.forms.createContacts!({ id: bare.guid, name: bare.name }, countingEffects().effects);
    const assignError = await assign.submit({ formal_name: 'Jane Doe', friendly_name: 'Jane', email: 'jane@unrelated-elsewhere.example', phone_number: '' }, ctx).then(
      () => assert.fail('the sandbox accepted an address off the domains'),
      (e: unknown) => e as import('../../src/core/errors').ApiError,
    );
    const assigned = assign.placeError!(assignError);
    const words = `This e-mail address is not on one of ${bare.name}’s domains (`;
    assert.ok(assigned?.fieldErrors.email?.startsWith(words), `assign field: ${assigned?.fieldErrors.email}`);
    assert.match(assigned!.message, /^Bitsight refused the point of contact\. E-mail: This e-mail address is not on one of /);
    assert.equal(assigned!.details, 'The email domain is unrelated to the company');

    const withPoc = sb.data.companies.find((c) => contactOf(sb.data, c.guid) && c.domains.length)!;
    const invite = await provider.forms.invite!({ id: withPoc.guid, name: withPoc.name }, countingEffects().effects);
    const inviteError = await invite.submit({ ...invite.spec().values, requestee_email: 'jane@unrelated-elsewhere.example' }, ctx).then(
      () => assert.fail('the sandbox accepted an invitation off the domains'),
      (e: unknown) => e as import('../../src/core/errors').ApiError,
    );
    const invited = invite.placeError!(inviteError);
    const inviteWords = `This e-mail address is not on one of ${withPoc.name}’s domains (`;
    assert.ok(invited?.fieldErrors.requestee_email?.startsWith(inviteWords), `invite field: ${invited?.fieldErrors.requestee_email}`);
    assert.match(invited!.message, /^Bitsight refused the invitation\. Recipient e-mail: This e-mail address is not on one of /);
    assert.equal(invited!.details, 'The requestee email domain is unrelated to the entity');
    // The same sentence while typing (a warning), before the server refuses.
    const warning = warnField(invite.spec().fields.find((f) => f.name === 'requestee_email')!, 'jane@unrelated-elsewhere.example');
    assert.ok(warning?.startsWith(inviteWords), `warning: ${warning}`);
  });

  it('your own user: listed with isSelf, the form says so, and removing your own Admin role asks first (declined: nothing sent)', async () => {
    const me = sb.data.users.find((u) => u.guid === sb.data.currentUserGuid)!;
    const page = await provider.listUsers!(undefined, 100);
    assert.deepEqual(page.items.filter((u) => u.isSelf).map((u) => u.id), [me.guid], 'exactly the token’s user is marked');
    const handler = await provider.forms.editUser!(page.items.find((u) => u.isSelf)!, countingEffects().effects);
    assert.ok(handler.spec().notes?.some((n) => n.startsWith('This is you')));
    assert.equal(handler.spec().values.role, 'customer_admin');
    const asked: string[] = [];
    const before = sb.writes.length;
    const declined = await handler.submit({ ...handler.spec().values, role: 'customer_user' }, { signal: new AbortController().signal, post: () => undefined, requestId: 'self-1', confirm: async (q) => (asked.push(q), false) });
    assert.equal(asked.length, 1);
    assert.match(asked[0]!, /Remove your own Admin role\? Afterwards this connection’s token can no longer edit users/);
    assert.equal(declined.nothingSent, true);
    assert.equal(sb.writes.length, before, 'declined: no PATCH');
    // Another user's role change asks nothing.
    const other = page.items.find((u) => !u.isSelf && !u.isCompanyApiToken)!;
    const otherForm = await provider.forms.editUser!(other, countingEffects().effects);
    const otherAsked: string[] = [];
    await otherForm.submit({ ...otherForm.spec().values, formal_name: `${otherForm.spec().values.formal_name as string} Jr` }, { signal: new AbortController().signal, post: () => undefined, requestId: 'other-1', confirm: async (q) => (otherAsked.push(q), true) });
    assert.deepEqual(otherAsked, []);
  });

  it('placeholders are hints ("e.g. …"), never realistic data that looks prefilled', async () => {
    const bare = sb.data.companies.find((c) => !contactOf(sb.data, c.guid))!;
    const withPoc = sb.data.companies.find((c) => contactOf(sb.data, c.guid))!;
    const forms = [
      await provider.forms.createContacts!({ id: bare.guid, name: bare.name }, countingEffects().effects),
      await provider.forms.invite!({ id: withPoc.guid, name: withPoc.name }, countingEffects().effects),
    ];
    const placeholders = forms.flatMap((f) => f.spec().fields.map((x) => x.placeholder).filter((p): p is string => !!p));
    assert.ok(placeholders.length >= 6, `only ${placeholders.length} placeholders`);
    for (const p of placeholders) assert.match(p, /^e\.g\. /, `placeholder "${p}" is not a hint`);
    assert.ok(placeholders.includes('e.g. name@company.com'));
  });

  it('the invite’s help says the recipient is prefilled with the point of contact, as it is', async () => {
    const withPoc = sb.data.companies.find((c) => contactOf(sb.data, c.guid))!;
    const poc = contactOf(sb.data, withPoc.guid)!;
    const invite = await provider.forms.invite!({ id: withPoc.guid, name: withPoc.name }, countingEffects().effects);
    assert.equal(invite.spec().values.requestee_email, poc.email);
    assert.match(invite.spec().fields.find((f) => f.name === 'requestee_formal_name')!.help ?? '', /^Prefilled with the point of contact/);
  });

  it('the forms learn the company’s domains from every page of domain assets, not only the first 100', async () => {
    const company = sb.data.companies.find((c) => c.type.includes('CURATED') && !contactOf(sb.data, c.guid))!;
    const extra = Array.from({ length: 230 }, (_, i) => `extra${i}.example`);
    company.domains.push(...extra);
    const before = sb.requests.length;
    const { domains } = await provider.companyDomains(company.guid);
    assert.equal(domains.length, new Set(company.domains).size);
    assert.ok(domains.includes('extra229.example'));
    const pages = sb.requests.slice(before).filter((r) => r.path.includes('/assets'));
    assert.equal(pages.length, 3, 'three pages of at most 100 assets');
    const handler = await provider.forms.invite!({ id: company.guid, name: company.name }, countingEffects().effects);
    const email = handler.spec().fields.find((f) => f.name === 'requestee_email')!;
    assert.equal(warnField(email, 'jane@extra229.example'), undefined);
    assert.match(warnField(email, 'jane@elsewhere.example') ?? '', /not on one of Bay Brewing’s domains/);
  });

  it('the invite form carries read (off by default) and Bitsight receives it as sent', async () => {
    const company = sb.data.companies.find((c) => contactOf(sb.data, c.guid) && c.type.includes('CURATED'))!;
    const handler = await provider.forms.invite!({ id: company.guid, name: company.name }, countingEffects().effects);
    assert.equal(handler.spec().values.read, false);
    const before = sb.writes.length;
    await handler.submit({ ...handler.spec().values, read: true }, { signal: new AbortController().signal, post: () => undefined, requestId: 'test-request' });
    const posts = sb.writes.slice(before).filter((w) => w.method === 'POST' && w.path.startsWith('/ratings/v1/access-requests'));
    assert.equal(posts.length, 1);
    const sent = posts[0]!.body as Record<string, { read?: unknown }>;
    assert.deepEqual(Object.keys(sent), ['vendor_access_request'], 'the wire body is the wrapper alone');
    assert.equal(sent.vendor_access_request!.read, true);
  });
});
