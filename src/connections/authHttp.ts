// The HTTP a sign-in exchange or a renewal uses: the same layer (timeouts, redaction, logging) as
// every API call, on whichever host the request names (an OAuth token endpoint lives elsewhere).
import type { AuthHttp } from '../core/auth';
import { HttpClient } from '../core/http';
import type { Logger, Redactor } from '../core/redact';

export function authHttp(baseUrl: string, opts: { logger: Logger; redactor: Redactor; timeoutMs: number }): AuthHttp {
  const clients = new Map<string, HttpClient>();
  const base = new URL(baseUrl.replace(/\/+$/, '') + '/');
  return {
    now: () => Date.now(),
    request: (url, spec) => {
      const target = /^https?:\/\//i.test(url) ? new URL(url) : new URL(url.replace(/^\/+/, ''), base);
      let client = clients.get(target.origin);
      if (!client) {
        // No credential headers of their own: what an exchange proves travels in its body or headers.
        client = new HttpClient({ baseUrl: target.origin, authorize: async () => ({}), concurrency: 1, timeoutMs: opts.timeoutMs, logger: opts.logger, redact: (t) => opts.redactor.scrub(t) });
        clients.set(target.origin, client);
      }
      return client.request({ ...spec, path: target.pathname + target.search });
    },
  };
}
