import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCompany, checkInvitations, companyDomains, emailDomain } from '../../src/core/health';
import { scanHealth } from '../../src/core/healthScan';
import type { Company, Contact, Invitation } from '../../src/core/model';
import { companies, ListProvider } from './helpers/fakeProvider';

const labels = { primaryContact: 'primary contact', company: 'company' };
const many = { contactsPerCompany: 'many' as const };
const one = { contactsPerCompany: 'one' as const };
const acme: Company = { id: 'c1', name: 'Acme', primaryDomain: 'acme.com' };
const contact = (id: string, extra: Partial<Contact> = {}): Contact => ({ id, companyId: 'c1', name: `P${id}`, email: `${id}@acme.com`, isPrimary: false, ...extra });

describe('contacts health checks', () => {
  it('flags a company with contacts but none primary, and one with no contact at all', () => {
    const listed = checkCompany({ company: acme, contacts: [contact('a')], capabilities: many, labels });
    assert.deepEqual(listed.map((e) => [e.check, e.fix, e.prefillFromContactId]), [['missingPrimary', 'createContact', 'a']]);
    const empty = checkCompany({ company: acme, contacts: [], capabilities: one, labels });
    assert.deepEqual(empty.map((e) => [e.check, e.reason]), [['missingPrimary', 'No primary contact']]);
  });

  it('offers Set Primary where the provider can re-point the primary and the company has contacts', () => {
    const entries = checkCompany({ company: acme, contacts: [contact('a'), contact('b')], capabilities: { ...many, setPrimary: true }, labels });
    assert.equal(entries[0]!.fix, 'setPrimary');
    assert.equal(entries[0]!.prefillFromContactId, undefined);
  });

  it('is quiet about a healthy company and about archived ones without a primary', () => {
    assert.deepEqual(checkCompany({ company: acme, contacts: [contact('a', { isPrimary: true })], capabilities: many, labels }), []);
    assert.deepEqual(checkCompany({ company: { ...acme, archived: true }, contacts: [], capabilities: many, labels }), []);
  });

  it('flags an e-mail outside every company domain, accepting subdomains and extra domains', () => {
    const company = { ...acme, domains: ['acme.org'] };
    const entries = checkCompany({
      company,
      contacts: [contact('a', { isPrimary: true }), contact('b', { email: 'b@mail.ACME.com' }), contact('c', { email: 'c@acme.org' }), contact('d', { email: 'd@gmail.com' })],
      capabilities: many,
      labels,
    });
    assert.deepEqual(entries.map((e) => [e.check, e.contactId, e.fix]), [['wrongDomain', 'd', 'editContact']]);
    assert.match(entries[0]!.reason, /gmail\.com/);
  });

  it('skips the domain check when the API knows no domain', () => {
    const entries = checkCompany({ company: { id: 'x', name: 'X' }, contacts: [contact('a', { isPrimary: true, email: 'a@anything.net' })], capabilities: many, labels });
    assert.deepEqual(entries, []);
  });

  it('flags the second of two contacts with the same e-mail, ignoring case', () => {
    const entries = checkCompany({ company: acme, contacts: [contact('a', { isPrimary: true, email: 'Sam@acme.com' }), contact('b', { email: 'sam@ACME.com ' })], capabilities: many, labels });
    assert.deepEqual(entries.map((e) => [e.check, e.contactId]), [['duplicateEmail', 'b']]);
    assert.match(entries[0]!.reason, /Pa/);
  });

  it('flags a contact that asked to be notified and never was', () => {
    const entries = checkCompany({
      company: acme,
      contacts: [contact('a', { isPrimary: true, notification: { requested: true } }), contact('b', { notification: { requested: true, sentAt: '2024-01-01' } }), contact('c', { notification: { requested: false } })],
      capabilities: many,
      labels,
    });
    assert.deepEqual(entries.map((e) => [e.check, e.contactId]), [['neverNotified', 'a']]);
  });

  it('lists invitations pending longer than the setting, once per company', () => {
    const now = new Date('2025-03-31T00:00:00Z');
    const inv = (id: string, companyId: string, createdAt: string, status = 'Pending'): Invitation => ({ id, companyId, companyName: companyId, status, createdAt });
    const entries = checkInvitations([inv('1', 'a', '2025-03-01'), inv('2', 'a', '2025-02-01'), inv('3', 'b', '2025-03-20'), inv('4', 'c', '2025-01-01', 'Resolved')], now, 14);
    assert.deepEqual(entries.map((e) => [e.companyId, e.fix]), [['a', 'invite']]);
    assert.match(entries[0]!.reason, /58 days/);
  });

  it('normalises domains and e-mails', () => {
    assert.deepEqual(companyDomains({ id: '1', name: 'n', primaryDomain: 'WWW.Acme.com', domains: ['acme.com', ' acme.fr '] }), ['acme.com', 'acme.fr']);
    assert.equal(emailDomain('x@Acme.COM'), 'acme.com');
    assert.equal(emailDomain('nodomain@'), undefined);
  });
});

describe('health scan', () => {
  const data = () => {
    const list = companies(120);
    const contacts: Record<string, Contact[]> = {};
    list.forEach((c, i) => (contacts[c.id] = i % 3 === 0 ? [] : [{ id: `p${i}`, companyId: c.id, name: `P${i}`, isPrimary: true }]));
    return new ListProvider({ companies: list, contacts, invitations: [] });
  };

  it('reports every company page by page at a bounded concurrency', async () => {
    const provider = data();
    let inFlight = 0;
    let peak = 0;
    const listContacts = provider.listContacts.bind(provider);
    provider.listContacts = async (id) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return listContacts(id);
    };
    const seen: string[] = [];
    const progress: number[] = [];
    const { checked } = await scanHealth(provider, {
      signal: new AbortController().signal,
      pageSize: 50,
      concurrency: 4,
      pendingInvitationDays: 14,
      onCompany: (c, entries) => entries.forEach(() => seen.push(c.id)),
      onProgress: (n) => progress.push(n),
    });
    assert.equal(checked, 120);
    assert.deepEqual(progress, [50, 100, 120]);
    assert.equal(seen.length, 40);
    assert.ok(peak <= 4, `peak ${peak}`);
  });

  it('stops when its signal aborts', async () => {
    const provider = data();
    const ctl = new AbortController();
    let reported = 0;
    await assert.rejects(
      scanHealth(provider, {
        signal: ctl.signal,
        pageSize: 10,
        concurrency: 2,
        pendingInvitationDays: 14,
        onCompany: () => {
          if (++reported === 5) ctl.abort(new Error('stopped'));
        },
      }),
      /stopped/,
    );
    assert.ok(reported < 12, `reported ${reported}`);
  });
});

describe('health scan: domains beyond the primary one', () => {
  it('asks the provider for every domain before reporting an e-mail off the primary one', async () => {
    const company: Company = { id: 'c1', name: 'Acme', primaryDomain: 'acme.com' };
    const provider = new ListProvider({ companies: [company], contacts: { c1: [contact('a', { isPrimary: true, email: 'a@acme.de' }), contact('b', { email: 'b@other.net' })] } });
    const asked: string[] = [];
    const withDomains = Object.assign(provider, { readDomains: async (id: string) => (asked.push(id), ['acme.com', 'acme.de']) });
    const found: string[] = [];
    await scanHealth(withDomains, { signal: new AbortController().signal, pageSize: 10, concurrency: 1, pendingInvitationDays: 14, onCompany: (_c, e) => found.push(...e.map((x) => `${x.check}:${x.contactId}`)) });
    assert.deepEqual(asked, ['c1']);
    assert.deepEqual(found, ['wrongDomain:b']);
  });
});
