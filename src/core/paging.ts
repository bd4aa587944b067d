// The HTTP layer cannot know what a page is, so providers check it here: a server (or something in
// front of it) that answers a page of 50 with hundreds of thousands of items is not paging as
// documented, and filling the tree with it would only exhaust the extension host.
import { ApiError } from './errors';
import { t } from './l10n';

/** Refuses a page with far more items than asked for (more than 2 × pageSize + 10). */
export function checkPageSize(count: number, pageSize: number, where: { method: string; path: string }): void {
  const allowed = 2 * pageSize + 10;
  if (count <= allowed) return;
  throw new ApiError({
    kind: 'schema',
    method: where.method,
    path: where.path,
    message: t('a page held {0} items although {1} were asked for, so it was not used', count, pageSize),
  });
}
