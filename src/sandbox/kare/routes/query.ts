// Query-string and path-id parsing shared by Kare routes.
import * as z from '../../../core/zod';
import type { Reply } from '../../http.js';
import type { RouteParams } from '../../router.js';
import type { KareContext } from '../context.js';
import type { CompanyRecord } from '../data.js';
import { COMPANY_NOT_FOUND, invalidId, messageReply, validationReply } from '../errors.js';
import type { Checked } from '../validation.js';
import { problemsOf } from '../validation.js';

/**
 * The query as an object (last value wins) checked by `schema`. Unknown parameters are ignored:
 * kare.md lists sort, filter and extend parameters it could not see in full, and a client using one
 * the sandbox does not simulate must still get its page.
 */
export function parseQuery<T extends z.core.$ZodType>(query: URLSearchParams, schema: T): Checked<z.output<T>> {
  const result = z.safeParse(schema, Object.fromEntries(query.entries()));
  return result.success ? { ok: true, value: result.data } : { ok: false, reply: validationReply(problemsOf(result.error), 'Invalid query') };
}

/** `extend=a&extend=b` and `extend=a,b` both (kare.md §3.2: serialisation unknown). */
export function extendValues(query: URLSearchParams): Set<string> {
  return new Set(query.getAll('extend').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''));
}

export function pathId(params: RouteParams, name: string): Checked<number> {
  const raw = params[name] ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? { ok: true, value: id } : { ok: false, reply: messageReply(400, invalidId(name)) };
}

export function companyFromPath(ctx: KareContext, params: RouteParams): { ok: true; value: CompanyRecord } | { ok: false; reply: Reply } {
  const id = pathId(params, 'companyId');
  if (!id.ok) return id;
  const company = ctx.store().company(id.value);
  return company ? { ok: true, value: company } : { ok: false, reply: messageReply(404, COMPANY_NOT_FOUND) };
}
