// Kare's page-number paging (kare.md §3.2): `page` (1-based, default 1), `pageSize` (default 50, no
// documented maximum), `includeCount` (totalCount only when true), `findId` (the page holding that
// id). Envelope `{data, totalCount?, pagination: {page, pageSize}}`.
import * as z from '../../core/zod';

export const DEFAULT_PAGE_SIZE = 50;

export function positiveIntParam(name: string) {
  return z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d+$/, { error: `${name} must be a positive integer`, abort: true })),
      z.pipe(z.transform(Number), z.int().check(z.minimum(1, { error: `${name} must be a positive integer` }), z.maximum(Number.MAX_SAFE_INTEGER, { error: `${name} is too large` }))),
    ),
  );
}

export function booleanParam(name: string) {
  return z.optional(z.pipe(z.enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` }), z.transform((v) => v === 'true' || v === '1')));
}

export const pageQueryFields = {
  page: positiveIntParam('page'),
  pageSize: positiveIntParam('pageSize'),
  includeCount: booleanParam('includeCount'),
  findId: positiveIntParam('findId'),
};

export interface PageQuery {
  page?: number | undefined;
  pageSize?: number | undefined;
  includeCount?: boolean | undefined;
  findId?: number | undefined;
}

export interface PageEnvelope<R> {
  data: R[];
  totalCount?: number;
  pagination: { page: number; pageSize: number };
}

export function paginate<T extends { id: number }, R>(items: readonly T[], query: PageQuery, toJson: (item: T) => R): PageEnvelope<R> {
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  let page = query.page ?? 1;
  if (query.findId !== undefined) {
    const at = items.findIndex((item) => item.id === query.findId);
    if (at >= 0) page = Math.floor(at / pageSize) + 1;
  }
  const start = (page - 1) * pageSize;
  const data = start < items.length ? items.slice(start, start + pageSize).map(toJson) : [];
  return { data, ...(query.includeCount ? { totalCount: items.length } : {}), pagination: { page, pageSize } };
}
