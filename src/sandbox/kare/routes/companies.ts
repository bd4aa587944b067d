// Companies: GET /companies/v2/rs (paged, archived ones included with their `archivedAt`) and
// GET /companies/v2/rs/{companyId} (bare object).
import * as z from '../../../core/zod';
import { jsonReply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { KareContext, KareRoute } from '../context.js';
import { pageQueryFields, paginate } from '../paging.js';
import { slug } from '../seed.js';
import { companyDetailJson, companyJson } from '../shapes.js';
import { companyFromPath, parseQuery } from './query.js';

const listQuery = z.object({
  ...pageQueryFields,
  /** kare.md §3.2 names `whereName`/`whereType` on sibling lists; the sandbox matches a name substring, accents and case ignored. */
  whereName: z.optional(z.string()),
  whereType: z.optional(z.enum(['1', '2', '3'], { error: 'whereType must be 1, 2 or 3' })),
});

function listCompanies(ctx: KareContext) {
  const query = parseQuery(ctx.req.query, listQuery);
  if (!query.ok) return query.reply;
  const store = ctx.store();
  const { whereName, whereType } = query.value;
  const needle = whereName === undefined ? '' : slug(whereName);
  const companies = store.data.companies.filter((c) => (whereType === undefined || c.type === Number(whereType)) && (needle === '' || slug(c.name).includes(needle)));
  return jsonReply(200, paginate(companies, query.value, (c) => companyJson(store, c)));
}

function getCompany(ctx: KareContext, params: RouteParams) {
  const company = companyFromPath(ctx, params);
  if (!company.ok) return company.reply;
  return jsonReply(200, companyDetailJson(ctx.store(), company.value));
}

export const companyRoutes: KareRoute[] = [
  { method: 'GET', pattern: '/companies/v2/rs', handler: listCompanies },
  { method: 'GET', pattern: '/companies/v2/rs/:companyId', handler: getCompany },
];
