// Company details and domains: GET /ratings/v1/companies/{guid} and …/{guid}/assets.
// The assets endpoint is how a client learns all the domains an e-mail may be on.
import * as z from '../../../core/zod';
import { jsonReply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { BitsightContext, BitsightRoute } from '../context.js';
import { INVALID_BOOLEAN, NOT_FOUND } from '../errors.js';
import { pageQueryFields, paginate } from '../paging.js';
import { companyDetails, domainAssetJson } from '../shapes.js';
import { detailReply, queryObject, validate } from '../validation.js';
import { booleanParam } from './query.js';

function getCompany({ req, store }: BitsightContext, params: RouteParams) {
  const company = store.knownCompany(params.guid as string);
  if (!company) return detailReply(404, NOT_FOUND);
  return jsonReply(200, companyDetails(company, store.data, store.contactOfCompany(company.guid) !== undefined, req.baseUrl));
}

const assetsQuery = z.object({
  ...pageQueryFields,
  is_ip: booleanParam(INVALID_BOOLEAN),
  asset: z.optional(z.string()),
  q: z.optional(z.string()),
});

function listAssets({ req, store }: BitsightContext, params: RouteParams) {
  const company = store.knownCompany(params.guid as string);
  if (!company) return detailReply(404, NOT_FOUND);
  const parsed = validate(assetsQuery, queryObject(req.query));
  if (!parsed.ok) return parsed.reply;
  const query = parsed.value;
  // The sandbox models only domain assets; an IP-only listing is empty.
  let domains = query.is_ip === true ? [] : company.domains.map((domain, index) => ({ domain, index }));
  if (query.asset) domains = domains.filter((d) => d.domain === query.asset);
  const q = query.q?.toLowerCase();
  if (q) domains = domains.filter((d) => d.domain.includes(q));
  return jsonReply(200, paginate(domains, query, req.url, (d) => domainAssetJson(company, d.domain, d.index)));
}

export const companyRoutes: BitsightRoute[] = [
  { method: 'GET', pattern: '/ratings/v1/companies/:guid', handler: getCompany },
  { method: 'GET', pattern: '/ratings/v1/companies/:guid/assets', handler: listAssets },
];
