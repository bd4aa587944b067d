// Bitsight's limit/offset paging (Django REST Framework's LimitOffsetPagination): the envelope
// `{links:{next,previous}, count, results}` with absolute links built from the URL the client used.
import * as z from '../../core/zod';
import { INVALID_INTEGER } from './errors.js';

export const DEFAULT_LIMIT = 100;

/** A non-negative integer query value at least `min`; everything else is DRF's "valid integer" error. */
function intParam(min: number) {
  return z.pipe(
    z.string().check(z.regex(/^\d+$/, { error: INVALID_INTEGER, abort: true })),
    z.pipe(z.transform(Number), z.int({ error: INVALID_INTEGER }).check(z.minimum(min, { error: INVALID_INTEGER }))),
  );
}

/**
 * Spread into a query schema. sandbox's own choice: limit/offset that are not integers, and a limit of 0
 * (it would make `next` point at itself forever), get a 400 where DRF would fall back to the defaults.
 */
export const pageQueryFields = {
  limit: z.optional(intParam(1)),
  offset: z.optional(intParam(0)),
};

export interface PageEnvelope<T> {
  links: { next: string | null; previous: string | null };
  count: number;
  results: T[];
}

export function paginate<T, R = T>(
  items: readonly T[],
  page: { limit?: number | undefined; offset?: number | undefined },
  requestUrl: URL,
  toJson: (item: T) => R,
): PageEnvelope<R> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const offset = page.offset ?? 0;
  const count = items.length;

  let next: string | null = null;
  if (offset + limit < count) {
    const url = new URL(requestUrl);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(offset + limit));
    next = url.toString();
  }

  let previous: string | null = null;
  if (offset > 0) {
    const url = new URL(requestUrl);
    url.searchParams.set('limit', String(limit));
    // As DRF does: the first page's link carries no offset at all.
    if (offset - limit <= 0) url.searchParams.delete('offset');
    else url.searchParams.set('offset', String(offset - limit));
    previous = url.toString();
  }

  return { links: { next, previous }, count, results: items.slice(offset, offset + limit).map(toJson) };
}
