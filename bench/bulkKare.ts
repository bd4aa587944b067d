// Kare's bulk write: 200 companies × 5 new contacts each at 50 ms latency, one POST per company with
// its 5 rows, through KareProvider.createContacts (its HttpClient caps it at KARE_CONCURRENCY), all
// started at once. The floor is ceil(200 / cap) × the median plain node-fetch round trip of the same
// POST, measured in the same run; duplicates are counted from the sandbox's own write log.
import fetch from 'node-fetch';
import { Redactor, silentLogger } from '../src/core/redact';
import { KARE_CONCURRENCY, KareProvider } from '../src/providers/kare/client';
import type { ContactInput } from '../src/providers/kare/schemas';
import { median, round, timed, withSandbox, type Row, type SectionResult } from './lib';

const COMPANIES = 200;
const PER_COMPANY = 5;
const LATENCY_MS = 50;
const RAW_SAMPLES = 30;

interface KareInfo {
  baseUrl: string;
  accessToken: string;
  sessionToken: string;
}

const rowsFor = (company: string, batch: string): ContactInput[] =>
  Array.from({ length: PER_COMPANY }, (_, i) => ({ name: `Bench ${batch} ${company}-${i}`, notify: false, email: `bench.${batch}.${company}.${i}@example.com`, phones: ['phone1'], comment: null }));

export async function bulkKare(): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const figures: Record<string, unknown> = {};
  await withSandbox(['--companies', String(COMPANIES + 50), '--latency', String(LATENCY_MS)], async (sb) => {
    const kare = sb.info.kare as KareInfo;
    const headers = { Authorization: `Bearer ${kare.accessToken}`, 'X-Session-Token': kare.sessionToken, 'Content-Type': 'application/json', Accept: 'application/json' };
    const provider = new KareProvider({ baseUrl: kare.baseUrl, authorize: async () => ({ Authorization: headers.Authorization, 'X-Session-Token': headers['X-Session-Token'] }), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 30_000 });
    const companies: string[] = [];
    for (let cursor: string | undefined, guard = 0; companies.length < COMPANIES + RAW_SAMPLES && guard < 50; guard++) {
      const page = await provider.listCompanies(cursor, 100, undefined, { includeArchived: true });
      companies.push(...page.items.map((c) => c.id));
      if (!page.next) break;
      cursor = page.next;
    }
    if (companies.length < COMPANIES + RAW_SAMPLES) throw new Error(`the Kare sandbox has only ${companies.length} companies`);
    const targets = companies.slice(0, COMPANIES);

    // The floor's round trip: the same POST (5 rows) with plain node-fetch, one at a time, to other companies.
    const raw: number[] = [];
    for (const c of companies.slice(COMPANIES, COMPANIES + RAW_SAMPLES)) {
      const t = performance.now();
      const res = await fetch(`${kare.baseUrl}/companies/v2/rs/${c}/contacts`, { method: 'POST', headers, body: JSON.stringify(rowsFor(c, 'raw')) });
      await res.text();
      if (res.status !== 201) throw new Error(`raw Kare POST answered ${res.status}`);
      raw.push(performance.now() - t);
    }
    const rawMs = median(raw);
    const floorMs = Math.ceil(COMPANIES / KARE_CONCURRENCY) * rawMs;

    await sb.control('DELETE', '/__sandbox/writes');
    const run = await timed(() => Promise.allSettled(targets.map((c) => provider.createContacts(c, rowsFor(c, 'bulk')))));
    const inserted = run.value.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value : 0), 0);
    const failed = run.value.filter((r) => r.status === 'rejected');
    const writes = await sb.control<Array<{ method: string; path: string; status: number }>>('GET', '/__sandbox/writes');
    const perCompany = new Map<string, number>();
    for (const w of writes) if (w.method === 'POST' && /\/companies\/v2\/rs\/\d+\/contacts$/.test(w.path)) perCompany.set(w.path, (perCompany.get(w.path) ?? 0) + 1);
    const duplicates = [...perCompany.values()].filter((n) => n > 1).length;
    const posts = [...perCompany.values()].reduce((a, b) => a + b, 0);
    const ratio = round(run.ms / floorMs, 3);
    rows.push({ label: `kare bulk: ${COMPANIES} companies × ${PER_COMPANY} contacts, one POST each, KareProvider.createContacts (cap ${KARE_CONCURRENCY})`, value: round(run.ms, 0), unit: 'ms', note: `${inserted} contacts inserted, ${failed.length} POSTs failed` });
    rows.push({ label: `  one such POST with plain node-fetch (median of ${RAW_SAMPLES}, same run)`, value: round(rawMs, 1), unit: 'ms', note: `+${round(rawMs - LATENCY_MS, 1)} ms over the latency` });
    rows.push({ label: `  floor = ceil(${COMPANIES}/${KARE_CONCURRENCY}) × that round trip`, value: round(floorMs, 0), unit: 'ms' });
    rows.push({ label: '  kare bulk / floor', value: ratio, target: 1.05 });
    rows.push({ label: '  duplicate contact POSTs (sandbox write log, companies with > 1)', value: duplicates, target: 0, note: `${posts} POSTs recorded` });
    if (failed.length) notes.push(`Kare bulk failures: ${[...new Set(failed.map((f) => String((f as PromiseRejectedResult).reason)))].slice(0, 2).join(' | ')}`);
    Object.assign(figures, { kareBulkMs: round(run.ms, 0), kareBulkFloorMs: round(floorMs, 0), kareRawPostMs: round(rawMs, 1), kareBulkRatioToFloor: ratio, kareDuplicatesSent: duplicates, kareContactsInserted: inserted, kareBulkFailed: failed.length });
  });
  return { title: `Kare bulk contacts (${COMPANIES} × ${PER_COMPANY} at ${LATENCY_MS} ms latency)`, rows, figures, notes };
}
