// Company Across Connections: 3 × 10,000 companies (the three simulators' seeded data, as the
// providers map them: only Bitsight's carry a domain) matched as pages of 200 arrive, in this
// process. Timed: indexing every page, one regrouping (what a redraw of the view costs), and the
// regrouping after every page (the worst case, a redraw per page).
import type { Company } from '../src/core/model';
import { CompanyMatcher } from '../src/match/matcher';
import { generateBitsightData } from '../src/sandbox/bitsight/seed';
import { generateGuidewireData } from '../src/sandbox/guidewire/seed';
import { generateKareData } from '../src/sandbox/kare/seed';
import { round, type SectionResult } from './lib';

const COMPANIES = 10_000;
const PAGE = 200;

export async function matching(): Promise<SectionResult> {
  const sources: Array<[string, Company[]]> = [
    ['b', generateBitsightData({ seed: 1, companies: COMPANIES } as never).companies.map((c) => ({ id: c.guid, name: c.name, primaryDomain: c.primary_domain }))],
    ['k', generateKareData({ seed: 1, companies: COMPANIES }).companies.map((c) => ({ id: String(c.id), name: c.name }))],
    ['g', generateGuidewireData({ seed: 1, companies: COMPANIES }).organizations.map((o) => ({ id: o.id, name: o.name }))],
  ];
  const pages = sources.flatMap(([id, all]) => Array.from({ length: Math.ceil(all.length / PAGE) }, (_, i) => [id, all.slice(i * PAGE, (i + 1) * PAGE)] as const));
  const m = new CompanyMatcher();
  let t = performance.now();
  for (const [id, items] of pages) m.add(id, items);
  const addMs = performance.now() - t;
  t = performance.now();
  const groups = m.groups().length;
  const groupMs = performance.now() - t;
  const worst = new CompanyMatcher();
  t = performance.now();
  for (const [id, items] of pages) {
    worst.add(id, items);
    worst.groups();
  }
  const everyPageMs = performance.now() - t;
  return {
    title: `Company matching (3 × ${COMPANIES.toLocaleString('en-US')} companies, pages of ${PAGE})`,
    rows: [
      { label: 'index every page', value: round(addMs), unit: 'ms' },
      { label: 'group once (one redraw of the view)', value: round(groupMs), unit: 'ms', target: 500 },
      { label: `group after every page (${pages.length} regroupings, the worst case)`, value: round(everyPageMs), unit: 'ms' },
      { label: 'matched companies (in ≥ 2 connections)', value: groups },
    ],
    figures: { matchIndexMs: round(addMs), matchGroupMs: round(groupMs), matchEveryPageMs: round(everyPageMs), matchedCompanies: groups },
    notes: ['The view regroups at most every 250 ms while pages arrive, so the real cost lies between the one-regrouping and every-page figures.'],
  };
}
