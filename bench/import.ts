// Import Contacts from CSV at scale: 5,000 rows across 500 companies at 50 ms latency, through the
// same planImport + runImport the command uses (dry run, then create, journal in memory), against
// Kare (one POST per company with its 10 rows) and Guidewire (one inclusion per organization for its
// primary row, the other rows created beside it). The floor is ceil(requests / cap) × the median
// plain node-fetch round trip of the same request, `cap` at once, measured in the same run; the
// requests are counted as the HTTP layer sends them. Peak heap is sampled during the run; the
// second import of the same file must write nothing (the sandbox's write log).
import fetch from 'node-fetch';
import type { ContactPrefill } from '../src/core/forms';
import type { Company } from '../src/core/model';
import type { Provider } from '../src/core/provider';
import { Redactor, silentLogger } from '../src/core/redact';
import { parseCsv, writeCsv } from '../src/csv';
import { guessMapping } from '../src/forms/import/columns';
import { planImport, rowsPerSubmission } from '../src/forms/import/plan';
import { countsLine } from '../src/forms/import/report';
import { runImport, type ImportJournal } from '../src/forms/import/run';
import { GUIDEWIRE_CONCURRENCY, GuidewireProvider } from '../src/providers/guidewire/client';
import { KARE_CONCURRENCY, KareProvider } from '../src/providers/kare/client';
import { MB, median, plainRoundTrips, round, timed, withSandbox, type Row, type SandboxProcess, type SectionResult } from './lib';

const COMPANIES = 500;
const PER_COMPANY = 10;
const LATENCY_MS = 50;
const RAW_SAMPLES = 40;
const NO_EFFECTS = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };

interface Api {
  name: string;
  cap: number;
  provider: Provider;
  /** The plain request the floor is made of, for spare company i. */
  plain(i: number): Promise<void>;
  plainWhat: string;
}

/** Counts the requests the provider's HTTP layer sends (a wrapper on its private fetch). */
function countRequests(provider: Provider): { count: () => number } {
  const client = (provider as unknown as { http: { fetchImpl: (...a: unknown[]) => Promise<unknown> } }).http;
  const real = client.fetchImpl;
  let n = 0;
  client.fetchImpl = (...a) => {
    n++;
    return real(...a);
  };
  return { count: () => n };
}

async function companiesOf(provider: Provider, want: number): Promise<Company[]> {
  const out: Company[] = [];
  for (let cursor: string | undefined, guard = 0; out.length < want && guard < 100; guard++) {
    const page = await provider.listCompanies(cursor, 100, undefined, { includeArchived: true });
    out.push(...page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  if (out.length < want) throw new Error(`the sandbox lists only ${out.length} companies`);
  return out;
}

function csvOf(companies: Company[], tag: string): string {
  const lines = [['Company ID', 'First name', 'Last name', 'E-mail', 'Phone', 'Address', 'City', 'State', 'Postal code', 'Country']];
  for (const c of companies) for (let r = 0; r < PER_COMPANY; r++) lines.push([c.id, `Ana${r}`, `Import ${tag}`, `ana${r}.${tag}.${c.id.replace(/[^A-Za-z0-9]/g, '')}@import-bench.fr`, '+33 1 23 45 67 89', '1 Main St', 'Springfield', 'IL', '62701', 'US']);
  return writeCsv(lines, { delimiter: ';', bom: true });
}

async function importOnce(api: Api, companies: Company[], text: string, journal: ImportJournal) {
  const table = parseCsv(text);
  const mapping = guessMapping(table.header);
  const createForm = (company: Company, prefill: ContactPrefill[]) => api.provider.forms.createContacts!(company, NO_EFFECTS, { prefill });
  const perSubmission = rowsPerSubmission((await createForm(companies[0]!, [])).spec());
  const target = { companies, contactsPerCompany: api.provider.capabilities.contactsPerCompany, createsNonPrimary: api.provider.forms.createsNonPrimary, listContacts: (id: string, s?: AbortSignal) => api.provider.listContacts(id, s), createForm, concurrency: api.cap };
  const dry = await timed(() => planImport(table, mapping, target, { perSubmission, done: new Set(journal.created) }));
  const plan = dry.value;
  const counter = countRequests(api.provider);
  const create = await timed(() => runImport(plan.groups, plan.verdicts, { companies: new Map(companies.map((c) => [c.id, c])), createForm, journal, save: async () => undefined, concurrency: api.cap, signal: new AbortController().signal }));
  return { dryMs: dry.ms, createMs: create.ms, requests: counter.count(), verdicts: plan.verdicts, submissions: plan.groups.length };
}

async function benchApi(sb: SandboxProcess, api: Api, rows: Row[], figures: Record<string, unknown>): Promise<void> {
  const all = await companiesOf(api.provider, COMPANIES);
  const targets = all.slice(0, COMPANIES);
  const text = csvOf(targets, api.name.toLowerCase());
  const journal: ImportJournal = { key: `bench/${api.name}`, updatedAt: Date.now(), created: [], doubts: {} };
  const before = await plainRoundTrips(RAW_SAMPLES, api.cap, api.plain);
  await sb.control('DELETE', '/__sandbox/writes');
  let peak = process.memoryUsage().heapUsed;
  const start = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const first = await importOnce(api, targets, text, journal);
  clearInterval(sampler);
  const after = await plainRoundTrips(RAW_SAMPLES, api.cap, (i) => api.plain(i + RAW_SAMPLES));
  const firstWrites = (await sb.control<unknown[]>('GET', '/__sandbox/writes')).length;
  await sb.control('DELETE', '/__sandbox/writes');
  const second = await importOnce(api, targets, text, journal);
  const secondWrites = (await sb.control<unknown[]>('GET', '/__sandbox/writes')).length;
  const rawMs = median([...before.samples, ...after.samples]);
  const floorMs = Math.ceil(first.requests / api.cap) * rawMs;
  const created = first.verdicts.filter((v) => v.status === 'created').length;
  const key = api.name.toLowerCase();
  rows.push({ label: `${api.name}: import ${COMPANIES * PER_COMPANY} rows / ${COMPANIES} companies, create phase (${first.submissions} submissions, ${first.requests} requests, cap ${api.cap})`, value: round(first.createMs, 0), unit: 'ms', note: countsLine(first.verdicts) });
  rows.push({ label: `  dry run (companies' contacts listed, every row through the form's rules)`, value: round(first.dryMs, 0), unit: 'ms' });
  rows.push({ label: `  ${api.plainWhat} with plain node-fetch, ${api.cap} at once (median of ${2 * RAW_SAMPLES})`, value: round(rawMs, 1), unit: 'ms' });
  rows.push({ label: `  floor = ceil(${first.requests}/${api.cap}) × that round trip`, value: round(floorMs, 0), unit: 'ms' });
  rows.push({ label: `  create phase / floor`, value: round(first.createMs / floorMs, 3) });
  rows.push({ label: `  peak heap growth during the first import`, value: round((peak - start) / MB, 1), unit: 'MB' });
  rows.push({ label: `  writes on a second import of the same file (sandbox write log)`, value: secondWrites, target: 0, note: `first import: ${firstWrites} writes (with the plain samples after it); second: ${countsLine(second.verdicts)}` });
  Object.assign(figures, {
    [`${key}ImportCreateMs`]: round(first.createMs, 0),
    [`${key}ImportDryRunMs`]: round(first.dryMs, 0),
    [`${key}ImportRequests`]: first.requests,
    [`${key}ImportFloorMs`]: round(floorMs, 0),
    [`${key}ImportRatioToFloor`]: round(first.createMs / floorMs, 3),
    [`${key}ImportPeakHeapMB`]: round((peak - start) / MB, 1),
    [`${key}ImportCreated`]: created,
    [`${key}ImportSecondWrites`]: secondWrites,
  });
}

export async function importBench(): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const figures: Record<string, unknown> = {};
  await withSandbox(['--companies', String(COMPANIES + 150), '--latency', String(LATENCY_MS)], async (sb) => {
    const ctx = { onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 30_000 };
    const kare = sb.info.kare as { baseUrl: string; accessToken: string; sessionToken: string };
    const kareHeaders = { Authorization: `Bearer ${kare.accessToken}`, 'X-Session-Token': kare.sessionToken };
    const kareProvider = new KareProvider({ ...ctx, baseUrl: kare.baseUrl, authorize: async () => kareHeaders });
    const kareSpare = (await companiesOf(kareProvider, COMPANIES + 40)).slice(COMPANIES);
    await benchApi(sb, {
      name: 'Kare',
      cap: KARE_CONCURRENCY,
      provider: kareProvider,
      plainWhat: `one POST of ${PER_COMPANY} rows`,
      plain: async (i) => {
        const c = kareSpare[i % kareSpare.length]!;
        const body = Array.from({ length: PER_COMPANY }, (_, r) => ({ name: `Raw ${i} ${r}`, notify: false, email: `raw${i}.${r}@import-bench.fr`, comment: null }));
        const res = await fetch(`${kare.baseUrl}/companies/v2/rs/${c.id}/contacts`, { method: 'POST', headers: { ...kareHeaders, 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
        await res.text();
      },
    }, rows, figures);
    const gw = sb.info.guidewire as { baseUrl: string; token: string };
    const gwHeaders = { Authorization: `Bearer ${gw.token}` };
    const gwProvider = new GuidewireProvider({ ...ctx, baseUrl: gw.baseUrl, authorize: async () => gwHeaders });
    const gwSpare = (await companiesOf(gwProvider, COMPANIES + 40)).slice(COMPANIES);
    await benchApi(sb, {
      name: 'Guidewire',
      cap: GUIDEWIRE_CONCURRENCY,
      provider: gwProvider,
      plainWhat: 'one GET of an organization (the commonest request of the run)',
      plain: async (i) => {
        const res = await fetch(`${gw.baseUrl}/admin/v1/organizations/${gwSpare[i % gwSpare.length]!.id}`, { headers: { ...gwHeaders, Accept: 'application/json' } });
        await res.text();
      },
    }, rows, figures);
    notes.push('Import: the create phase is timed against ceil(requests / cap) × a plain round trip; Guidewire\'s run mixes GETs (the form reads the organization), POSTs and PATCHes, timed against a plain GET.');
  });
  return { title: `Import Contacts from CSV (${COMPANIES * PER_COMPANY} rows, ${COMPANIES} companies, ${LATENCY_MS} ms latency)`, rows, figures, notes };
}
