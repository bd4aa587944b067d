// Contacts health over a 10,000-company portfolio at 50 ms latency, through the extension's own scan
// (BitsightProvider + scanHealth) in this process; the sandbox runs in its own. The baseline is plain
// node-fetch paging of the same company list, page after page as the scan does, measured in the same run.
import fetch from 'node-fetch';
import { scanHealth } from '../src/core/healthScan';
import { Redactor, silentLogger } from '../src/core/redact';
import { BitsightProvider } from '../src/providers/bitsight/client';
import { basicAuthHeader } from '../src/sandbox/auth';
import { round, withSandbox, type Row, type SectionResult } from './lib';

const COMPANIES = 10_000;
const LATENCY_MS = 50;
const PAGE_SIZE = 100;
const CONCURRENCY = 4;

export async function health(): Promise<SectionResult> {
  return withSandbox(['--companies', String(COMPANIES), '--latency', String(LATENCY_MS)], async (sb) => {
    const provider = new BitsightProvider({ baseUrl: sb.baseUrl, authorize: async () => ({ Authorization: basicAuthHeader(sb.token) }), onUnauthorized: async () => false, logger: silentLogger, redactor: new Redactor(), timeoutMs: 30_000 });
    const t0 = performance.now();
    let firstMs: number | undefined;
    let entries = 0;
    const { checked } = await scanHealth(provider, {
      signal: new AbortController().signal,
      pageSize: PAGE_SIZE,
      concurrency: CONCURRENCY,
      pendingInvitationDays: 14,
      onCompany: (_c, found) => {
        if (found.length && firstMs === undefined) firstMs = performance.now() - t0;
        entries += found.length;
      },
      onInvitations: (found) => (entries += found.length),
    });
    const totalMs = performance.now() - t0;
    if (checked !== COMPANIES) throw new Error(`the scan checked ${checked} companies`);

    // Baseline: the same pages with node-fetch alone (latency + transfer, no parsing beyond JSON).
    const headers = { Authorization: basicAuthHeader(sb.token), Accept: 'application/json' };
    const b0 = performance.now();
    let baseFirstMs: number | undefined;
    let next: string | null = `${sb.baseUrl}/ratings/v2/portfolio?limit=${PAGE_SIZE}&offset=0`;
    let pages = 0;
    while (next) {
      const body = (await (await fetch(next, { headers })).json()) as { links?: { next?: string | null } };
      baseFirstMs ??= performance.now() - b0;
      next = body.links?.next ?? null;
      pages++;
    }
    const baseTotalMs = performance.now() - b0;

    const rows: Row[] = [
      { label: `time to first entries (${COMPANIES} companies, pageSize ${PAGE_SIZE}, ${CONCURRENCY} reads at once)`, value: round(firstMs ?? NaN, 0), unit: 'ms', note: `baseline first page ${round(baseFirstMs ?? NaN, 0)} ms, ratio ${round((firstMs ?? NaN) / (baseFirstMs ?? NaN), 2)}` },
      { label: 'health total', value: round(totalMs, 0), unit: 'ms', note: `baseline ${pages} pages ${round(baseTotalMs, 0)} ms, ratio ${round(totalMs / baseTotalMs, 2)}` },
      { label: 'entries found', value: entries },
    ];
    return {
      title: `Contacts health over ${COMPANIES} companies at ${LATENCY_MS} ms latency`,
      rows,
      figures: { healthFirstMs: round(firstMs ?? NaN, 0), healthTotalMs: round(totalMs, 0), healthBaselineFirstMs: round(baseFirstMs ?? NaN, 0), healthBaselineTotalMs: round(baseTotalMs, 0), healthRatio: round(totalMs / baseTotalMs, 2), healthEntries: entries },
      notes: ['Baseline: plain node-fetch paging of the same portfolio list, one page after another (the list is paged by a cursor, so its pages cannot be read at once), in the same run.'],
    };
  });
}
