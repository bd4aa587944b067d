// The HTTP layer cannot know what a page is, so providers check it here: a server (or something in
// front of it) that answers a page of 50 with hundreds of thousands of items is not paging as
// documented, and filling the tree with it would only exhaust the extension host.
import { ApiError } from './errors';

/** Refuses a page with far more items than asked for (more than 2 × pageSize + 10). */
export function checkPageSize(count: number, pageSize: number, where: { method: string; path: string }): void {
  const allowed = 2 * pageSize + 10;
  if (count <= allowed) return;
  throw new ApiError({
    kind: 'schema',
    method: where.method,
    path: where.path,
    message: `a page held ${count} items although ${pageSize} were asked for, so it was not used`,
  });
}
