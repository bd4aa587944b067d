// GET /ratings/v2/portfolio — the paged portfolio list.
import * as z from '../../../core/zod';
import { jsonReply } from '../../http.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import type { CompanyRecord } from '../data.js';
import { pageQueryFields, paginate } from '../paging.js';
import { pickFields, portfolioItem } from '../shapes.js';
import { queryObject, validate } from '../validation.js';
import { commaListParam } from './query.js';

const portfolioQuery = z.object({
  ...pageQueryFields,
  q: z.optional(z.string()),
  name_q: z.optional(z.string()),
  guid: commaListParam,
  type: commaListParam,
  sort: commaListParam,
  fields: commaListParam,
  folder: commaListParam,
});

/** Folder guids, or the literal `null` for companies in no folder (bitsight.md, "null token"). */
function inFolders(store: BitsightContext['store'], wanted: string[]): (c: CompanyRecord) => boolean {
  const guids = new Set<string>();
  for (const f of store.data.folders) if (wanted.includes(f.guid)) for (const g of f.companies) guids.add(g);
  const filed = new Set(store.data.folders.flatMap((f) => f.companies));
  const unfiled = wanted.includes('null');
  return (c) => guids.has(c.guid) || (unfiled && !filed.has(c.guid));
}

type SortValue = string | number | null;
type SortKey = (c: CompanyRecord, nameRank: (c: CompanyRecord) => number) => SortValue;

/** Sortable fields; unknown ones are ignored, as DRF's OrderingFilter does. */
const SORT_KEYS: Record<string, SortKey> = {
  // The store keeps the portfolio in name order, so a company's position is its name's sort key.
  name: (c, nameRank) => nameRank(c),
  rating: (c) => c.rating,
  rating_date: (c) => c.rating_date,
  added_date: (c) => c.added_date,
  tier: (c) => c.tier_order,
  'industry.name': (c) => c.industry.name,
  'subscription_type.name': (c) => c.subscription_type.name,
  'relationship.name': (c) => c.relationship?.name ?? null,
  'life_cycle.name': (c) => c.life_cycle?.name ?? null,
};

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1; // nulls last, whatever the direction
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function sortCompanies(companies: CompanyRecord[], sort: string[] | undefined, nameRank: (c: CompanyRecord) => number): CompanyRecord[] {
  const keys = (sort ?? [])
    .map((s) => ({ key: SORT_KEYS[s.replace(/^-/, '')], descending: s.startsWith('-') }))
    .filter((k): k is { key: SortKey; descending: boolean } => k.key !== undefined);
  if (keys.length === 0) return companies; // already in name order
  // Decorate once: sort keys computed per company, not per comparison (10,000 companies).
  const decorated = companies.map((c) => ({ c, values: keys.map((k) => k.key(c, nameRank)), rank: nameRank(c) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const va = a.values[i] as SortValue;
      const vb = b.values[i] as SortValue;
      const order = compareValues(va, vb);
      if (order !== 0) return (keys[i] as { descending: boolean }).descending && va !== null && vb !== null ? -order : order;
    }
    return a.rank - b.rank;
  });
  return decorated.map((d) => d.c);
}

function listPortfolio({ req, store }: BitsightContext) {
  const parsed = validate(portfolioQuery, queryObject(req.query));
  if (!parsed.ok) return parsed.reply;
  const query = parsed.value;
  let companies = store.data.companies;
  // name_q: a partial name match (bitsight.md). q, "full text": a substring of the name, short name or
  // primary domain — sandbox's own choice (the reference names no searchable fields); case ignored.
  const nameQ = query.name_q?.trim().toLowerCase();
  if (nameQ) companies = companies.filter((c) => c.name.toLowerCase().includes(nameQ));
  const q = query.q?.trim().toLowerCase();
  if (q) companies = companies.filter((c) => [c.name, c.shortname, c.primary_domain].some((t) => t.toLowerCase().includes(q)));
  if (query.guid) {
    const wanted = new Set(query.guid);
    companies = companies.filter((c) => wanted.has(c.guid));
  }
  if (query.folder?.length) companies = companies.filter(inFolders(store, query.folder));
  if (query.type) {
    const types = new Set(query.type.map((t) => t.toUpperCase()));
    companies = companies.filter((c) => c.type.some((t) => types.has(t)));
  }
  companies = sortCompanies(companies, query.sort, (c) => store.nameRank(c.guid));
  const fields = query.fields;
  const envelope = paginate(companies, query, req.url, (c) => {
    const item = portfolioItem(c, req.baseUrl);
    return fields && fields.length > 0 ? pickFields(item, fields) : item;
  });
  return jsonReply(200, {
    links: envelope.links,
    count: envelope.count,
    summaries: { 'my-company': store.data.myCompany.guid },
    results: envelope.results,
  });
}

export const portfolioRoutes: BitsightRoute[] = [{ method: 'GET', pattern: '/ratings/v2/portfolio', handler: listPortfolio }];
