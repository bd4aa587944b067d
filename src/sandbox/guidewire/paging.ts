// Guidewire collection queries: `pageSize` (default 25, at most 100), `pageOffset`, `includeTotal`,
// `filter=<field>:<op>:<value>` (repeatable; a literal ':' is written '::') and `fields` (accepted,
// every field is always returned). Unknown query parameters are refused, as Guidewire does by
// default, unless GW-UnknownQueryParamHandling says `log` or `ignore`.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http.js';
import type { ErrorDetail } from './errors.js';
import {
  EXCEPTIONS,
  INCLUDE_TOTAL_INVALID,
  INVALID_REQUEST,
  PAGE_OFFSET_INVALID,
  PAGE_SIZE_RANGE,
  UNKNOWN_QUERY_PARAMETER,
  filterInvalid,
  gwError,
} from './errors.js';
import type { Element } from './shapes.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type Filterable<T> = Record<string, (item: T) => string | undefined>;

export interface ListQuery<T> {
  pageSize: number;
  pageOffset: number;
  includeTotal: boolean;
  filters: Array<(item: T) => boolean>;
}

const FILTER_OPS = ['eq', 'ne', 'lt', 'gt', 'le', 'ge', 'in', 'ni', 'sw', 'cn'] as const;
type FilterOp = (typeof FILTER_OPS)[number];

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Whether the caller asked Guidewire to tolerate unknown properties / query parameters. */
export function tolerates(headers: IncomingHttpHeaders, name: 'gw-unknownpropertyhandling' | 'gw-unknownqueryparamhandling'): boolean {
  const v = header(headers, name)?.trim().toLowerCase();
  return v === 'ignore' || v === 'log';
}

function badInput(details: ErrorDetail[]): Reply {
  return gwError(400, EXCEPTIONS.badInput, INVALID_REQUEST, { details });
}

/** Unknown query parameters as an error reply, or undefined when all are allowed. */
export function checkQueryParams(query: URLSearchParams, allowed: readonly string[], headers: IncomingHttpHeaders): Reply | undefined {
  if (tolerates(headers, 'gw-unknownqueryparamhandling')) return undefined;
  const unknown = [...new Set(query.keys())].filter((k) => !allowed.includes(k));
  return unknown.length > 0 ? badInput(unknown.map((fieldName) => ({ fieldName, message: UNKNOWN_QUERY_PARAMETER }))) : undefined;
}

function parseFilter<T>(raw: string, filterable: Filterable<T>): ((item: T) => boolean) | undefined {
  const parts = raw.split('::').map((p) => p.split(':'));
  // Re-join the pieces split at '::' (a literal colon) and separate field, op and value.
  const tokens: string[] = [];
  parts.forEach((segment, i) => {
    if (i === 0) tokens.push(...segment);
    else {
      tokens[tokens.length - 1] += ':' + (segment[0] as string);
      tokens.push(...segment.slice(1));
    }
  });
  if (tokens.length < 3) return undefined;
  const [field, op] = tokens as [string, string];
  const value = tokens.slice(2).join(':');
  const get = filterable[field];
  if (!get || !(FILTER_OPS as readonly string[]).includes(op)) return undefined;
  const list = value.split(',');
  const lower = value.toLowerCase();
  const test: Record<FilterOp, (v: string) => boolean> = {
    eq: (v) => v === value,
    ne: (v) => v !== value,
    lt: (v) => v < value,
    gt: (v) => v > value,
    le: (v) => v <= value,
    ge: (v) => v >= value,
    in: (v) => list.includes(v),
    ni: (v) => !list.includes(v),
    sw: (v) => v.toLowerCase().startsWith(lower),
    cn: (v) => v.toLowerCase().includes(lower),
  };
  const check = test[op as FilterOp];
  return (item) => {
    const v = get(item);
    return v !== undefined && check(v);
  };
}

export function parseListQuery<T>(query: URLSearchParams, filterable: Filterable<T>): { ok: true; value: ListQuery<T> } | { ok: false; reply: Reply } {
  const details: ErrorDetail[] = [];
  let pageSize = DEFAULT_PAGE_SIZE;
  const size = query.get('pageSize');
  if (size !== null) {
    pageSize = /^\d+$/.test(size) ? Number(size) : NaN;
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) details.push({ fieldName: 'pageSize', message: PAGE_SIZE_RANGE(MAX_PAGE_SIZE) });
  }
  let pageOffset = 0;
  const offset = query.get('pageOffset');
  if (offset !== null) {
    pageOffset = /^\d+$/.test(offset) ? Number(offset) : NaN;
    if (!Number.isSafeInteger(pageOffset)) details.push({ fieldName: 'pageOffset', message: PAGE_OFFSET_INVALID });
  }
  const total = query.get('includeTotal');
  if (total !== null && total !== 'true' && total !== 'false') details.push({ fieldName: 'includeTotal', message: INCLUDE_TOTAL_INVALID });
  const filters: Array<(item: T) => boolean> = [];
  for (const raw of query.getAll('filter')) {
    const f = parseFilter(raw, filterable);
    if (f) filters.push(f);
    else details.push({ fieldName: 'filter', message: filterInvalid(raw) });
  }
  if (details.length > 0) return { ok: false, reply: badInput(details) };
  return { ok: true, value: { pageSize, pageOffset, includeTotal: total === 'true', filters } };
}

export interface ListEnvelope {
  count: number;
  data: Element[];
  links: Record<string, { href: string }>;
  total?: number;
}

/** One page of `items` with self/first/next/prev links (relative to the API root) that keep the query. */
export function listEnvelope<T>(items: readonly T[], q: ListQuery<T>, path: string, query: URLSearchParams, toElement: (item: T) => Element): ListEnvelope {
  const matching = q.filters.length > 0 ? items.filter((i) => q.filters.every((f) => f(i))) : items;
  const page = matching.slice(q.pageOffset, q.pageOffset + q.pageSize);
  const href = (offset: number | null) => {
    const params = new URLSearchParams(query);
    params.set('pageSize', String(q.pageSize));
    if (offset === null || offset === 0) params.delete('pageOffset');
    else params.set('pageOffset', String(offset));
    return `${path}?${params.toString()}`;
  };
  const links: ListEnvelope['links'] = { self: { href: href(q.pageOffset) }, first: { href: href(0) } };
  if (q.pageOffset + q.pageSize < matching.length) links.next = { href: href(q.pageOffset + q.pageSize) };
  if (q.pageOffset > 0) links.prev = { href: href(Math.max(0, q.pageOffset - q.pageSize)) };
  const envelope: ListEnvelope = { count: page.length, data: page.map(toElement), links };
  if (q.includeTotal) envelope.total = matching.length;
  return envelope;
}
