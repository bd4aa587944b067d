// Figure 4: a 10,000-company portfolio at 50 ms latency, read through the extension's own modules
// (BitsightProvider + PortfolioModel + filterCompanies) in this process; the sandbox runs in its own.
import fetch from 'node-fetch';
import { Redactor, silentLogger } from '../src/core/redact';
import type { Company } from '../src/core/model';
import { BitsightProvider } from '../src/providers/bitsight/client';
import { basicAuthHeader } from '../src/sandbox/auth';
import { toCompany } from '../src/providers/bitsight/mapping';
import { portfolioPage } from '../src/providers/bitsight/schemas';
import { filterCompanies, normalize } from '../src/tree/filter';
import { PortfolioModel } from '../src/tree/model';
import { MB, heapAfterGc, median, round, timed, withSandbox, type Row, type SandboxProcess, type SectionResult } from './lib';

const COMPANIES = 10_000;
const LATENCY_MS = 50;
const DEFAULT_PAGE_SIZE = 50;
const BULK_PAGE_SIZE = 500;
const CONN = 'bench';

function modelFor(sb: SandboxProcess, pageSize: number): { provider: BitsightProvider; model: PortfolioModel } {
  const provider = new BitsightProvider({ baseUrl: sb.baseUrl, authorize: async () => ({ Authorization: basicAuthHeader(sb.token) }), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 30_000 });
  const model = new PortfolioModel({ provider: async () => provider }, () => pageSize);
  return { provider, model };
}

/** Twenty different queries taken from the data: name fragments, domains, two words, no match. */
function queries(companies: readonly Company[]): string[] {
  const qs: string[] = [];
  for (let i = 0; qs.length < 17; i++) {
    const c = companies[(i * 487 + 13) % companies.length]!;
    const words = c.name.toLowerCase().split(/\s+/);
    const w = words[i % words.length]!;
    if (i % 4 === 0) qs.push(w.slice(0, 3));
    else if (i % 4 === 1) qs.push(w);
    else if (i % 4 === 2) qs.push((c.primaryDomain ?? w).split('.')[0]!);
    else qs.push(words.slice(0, 2).join(' '));
  }
  qs.push('zzqx', 'É', 'co inc');
  return qs;
}

export async function portfolio(): Promise<SectionResult> {
  return withSandbox(['--companies', String(COMPANIES), '--latency', String(LATENCY_MS)], async (sb) => {
    const rows: Row[] = [];
    const notes: string[] = [];
    rows.push({ label: `sandbox process start (${COMPANIES} companies, seeding)`, value: round(sb.startMs, 0), unit: 'ms' });

    // --- first page, default page size: the first thing the tree shows.
    const first = modelFor(sb, DEFAULT_PAGE_SIZE);
    const firstPage = await timed(() => first.model.list(CONN, 'companies'));
    if (firstPage.value.items.length !== DEFAULT_PAGE_SIZE) throw new Error(`first page held ${firstPage.value.items.length} companies`);
    const firstPageMs = round(firstPage.ms, 1);

    // The same request without the extension's code: node-fetch + reading the body = latency + transfer.
    const url = `${sb.baseUrl}/ratings/v2/portfolio?limit=${DEFAULT_PAGE_SIZE}&offset=0&sort=name`;
    const headers = { Authorization: basicAuthHeader(sb.token), Accept: 'application/json' };
    const raw: number[] = [];
    let text = '';
    for (let i = 0; i < 7; i++) {
      const r = await timed(async () => (await fetch(url, { headers })).text());
      raw.push(r.ms);
      text = r.value;
    }
    // The fastest sample: the least the answer itself takes (the machine may be shared), so what
    // remains of the model's wall time is an upper bound on the client's own work.
    const rawHttpMs = round(Math.min(...raw), 1);
    const firstPageAfterAnswerMs = round(Math.max(0, firstPageMs - rawHttpMs), 1);
    // Cross-check: the client's own work on that answer, timed directly (warm: the schema ran once above).
    const direct: number[] = [];
    for (let i = 0; i < 7; i++) {
      direct.push((await timed(() => portfolioPage.parse(JSON.parse(text)).results.map(toCompany))).ms);
    }
    rows.push({ label: `first page through PortfolioModel (pageSize ${DEFAULT_PAGE_SIZE}), wall`, value: firstPageMs, unit: 'ms' });
    rows.push({ label: '  same request, raw HTTP only (node-fetch + body, fastest of 7)', value: rawHttpMs, unit: 'ms', note: `median ${round(median(raw), 1)} ms` });
    rows.push({ label: '  first page after the answer (wall − raw HTTP)', value: firstPageAfterAnswerMs, unit: 'ms', target: 200 });
    rows.push({ label: '  cross-check: JSON.parse + zod + toCompany on that body (warm, median)', value: round(median(direct), 2), unit: 'ms' });
    // The same first page again through a new provider and model: code warm, connection new.
    const again = await timed(() => modelFor(sb, DEFAULT_PAGE_SIZE).model.list(CONN, 'companies'));
    rows.push({ label: '  first page again, new provider + model (warm code), wall', value: round(again.ms, 1), unit: 'ms', note: `${round(again.ms - rawHttpMs, 1)} ms after the answer` });

    // --- everything: 10,000 companies through the model at 500 a page, then every point of contact.
    const before = heapAfterGc();
    const all = modelFor(sb, BULK_PAGE_SIZE);
    let pages = 0;
    const load = await timed(async () => {
      let state = await all.model.list(CONN, 'companies');
      pages = 1;
      while (state.hasMore && pages < 100) {
        await all.model.loadMore(CONN, 'companies');
        state = await all.model.list(CONN, 'companies');
        pages++;
      }
      return state.items;
    });
    const companies = load.value;
    if (companies.length !== COMPANIES) throw new Error(`loaded ${companies.length} companies, expected ${COMPANIES}`);
    const allPagesMs = round(load.ms, 0);
    rows.push({ label: `all ${COMPANIES} companies through PortfolioModel (pageSize ${BULK_PAGE_SIZE}, ${pages} pages)`, value: allPagesMs, unit: 'ms', note: `floor ${pages} × ${LATENCY_MS} ms = ${pages * LATENCY_MS} ms` });

    const contacts = await timed(async () => {
      let n = 0;
      for (const c of companies) n += (await all.model.contacts(CONN, c.id)).items?.length ?? 0;
      return n;
    });
    rows.push({ label: `points of contact of all ${COMPANIES} (model.contacts → one listContacts fetch)`, value: round(contacts.ms, 0), unit: 'ms', note: `${contacts.value} contacts` });

    const after = heapAfterGc();
    const heapGrowthMB = before !== undefined && after !== undefined ? round((after - before) / MB, 1) : null;
    rows.push({
      label: `heap growth: ${COMPANIES} companies + contacts cached (after forced GC)`,
      value: heapGrowthMB,
      unit: 'MB',
      target: 40,
      note: heapGrowthMB === null ? 'run with node --expose-gc' : undefined,
    });

    // --- filtering the loaded companies as the user types.
    const qs = queries(companies);
    const firstFilter = await timed(() => filterCompanies(companies, qs[0]!));
    const later: number[] = [];
    const hits: number[] = [];
    for (const q of qs.slice(0, 20)) {
      const r = await timed(() => filterCompanies(companies, q));
      later.push(r.ms);
      hits.push(r.value.length);
    }
    const filterFirstMs = round(firstFilter.ms, 2);
    const filterMs = round(median(later), 2);
    rows.push({ label: `filterCompanies over ${COMPANIES}, first call (builds the search keys)`, value: filterFirstMs, unit: 'ms', target: 16 });
    rows.push({ label: `filterCompanies, median of ${later.length} further queries`, value: filterMs, unit: 'ms', target: 16, note: `max ${round(Math.max(...later), 2)} ms; matches ${Math.min(...hits)}–${Math.max(...hits)}` });
    // What the first call adds: one search key per company (NFKD, accents stripped, lower case).
    const keys = await timed(() => companies.map((c) => normalize(`${c.name} ${c.primaryDomain ?? ''}`)));
    rows.push({ label: `  normalize() of the ${COMPANIES} search keys alone (warm)`, value: round(keys.ms, 2), unit: 'ms' });
    if (filterFirstMs > 16) {
      notes.push(
        `filter first call ${filterFirstMs} ms > 16 ms: it builds all ${COMPANIES} search keys (normalize: NFKD + accent strip + lower case, ~${round(keys.ms, 1)} ms warm) in one go, the rest of the excess is first-run JIT. ` +
          'What would close it: build a company\'s key when its page arrives (20 pages spread the cost), or skip NFKD for ASCII-only text (most names).',
      );
    }
    const afterFilter = heapAfterGc();
    if (afterFilter !== undefined && before !== undefined) {
      rows.push({ label: '  heap growth including the filter\'s cached search keys', value: round((afterFilter - before) / MB, 1), unit: 'MB' });
    }

    notes.push(
      `firstPageAfterAnswerMs = wall time of model.list (first page, cold: first request of this provider) minus the fastest of 7 raw HTTP requests for the same URL ` +
        `(node-fetch, body read; includes the sandbox's ${LATENCY_MS} ms latency and transfer). The direct cross-check times the client's parse+validate+map of the same body. ` +
        `Cold vs warm (${firstPageAfterAnswerMs} vs ${round(again.ms - rawHttpMs, 1)} ms after the answer): the first request pays one-time costs (first node-fetch request, first zod parse, JIT).`,
    );
    notes.push(
      'Heap is measured in this bench process with the extension\'s own modules (BitsightProvider, PortfolioModel, filterCompanies); the extension host runs the same code. ' +
        'The sandbox runs in its own process, so its data is not counted.',
    );
    // Keep the caches reachable until after the last heap reading.
    void all.model.company(CONN, companies[0]!.id);
    return {
      title: `Portfolio of ${COMPANIES} at ${LATENCY_MS} ms latency`,
      rows,
      figures: {
        firstPageMs,
        firstPageRawHttpMs: rawHttpMs,
        firstPageAfterAnswerMs,
        firstPageWarmMs: round(again.ms, 1),
        allPagesMs,
        allPagesPageSize: BULK_PAGE_SIZE,
        allPagesPages: pages,
        contactsAllMs: round(contacts.ms, 0),
        filterFirstMs,
        filterMs,
        heapGrowthMB,
      },
      notes,
    };
  });
}
