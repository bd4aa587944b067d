// Placeholder for an API whose simulator is not written yet. It keeps the mount point reserved so
// clients get a clear JSON 404 (not a confusing generic one) and so adding the real simulator is
// one new folder plus one line in apis.ts.
import type { ApiKind } from '../core/model.js';
import type { SandboxApi } from './api.js';
import { jsonReply } from './http.js';

export function notServedYet(kind: ApiKind, prefix: string, label: string): SandboxApi {
  const notServed = () => jsonReply(404, { detail: `The sandbox does not serve the ${label} API yet` });
  return {
    kind,
    prefix,
    errors: {
      notFound: notServed,
      unauthorized: () => jsonReply(401, { detail: 'Unauthorized' }),
      throttled: (retryAfterSeconds) =>
        jsonReply(429, { detail: 'Too many requests' }, retryAfterSeconds === null ? undefined : { 'Retry-After': String(retryAfterSeconds) }),
      serverError: () => jsonReply(500, { detail: 'Internal server error' }),
    },
    // Nothing is served, so nothing is admitted (and therefore no write is recorded).
    authenticate: () => ({ ok: false, reply: notServed() }),
  };
}
