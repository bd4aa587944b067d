// A base URL is where the token will be sent, so it must be HTTPS; plain HTTP is accepted only for
// the three loopback spellings VS Code's proxy support never sends through a proxy (the embedded
// sandbox, a local proxy): other 127.x addresses and other spellings of 127.0.0.1 (0x7f.1,
// 2130706433, [::ffff:127.0.0.1]) may be proxied, and the proxy would see the token in clear.

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const PLAIN_HTTP_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
export const PLAIN_HTTP_REFUSED = 'The token would travel unencrypted: use https:// (plain http:// is only allowed for localhost, 127.0.0.1 and [::1])';

/** True for the host of a URL (as URL.hostname gives it) that plain http may use. */
export function isLoopbackHost(hostname: string): boolean {
  return PLAIN_HTTP_HOSTS.has(hostname.toLowerCase());
}

/** The host as typed (the URL parser turns 0x7f.1 and 2130706433 into 127.0.0.1). */
function typedHost(input: string): string {
  const authority = input.replace(/^[a-z][a-z0-9+.-]*:[\\/]*/i, '').split(/[\\/?#]/)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:\d*$/, '').toLowerCase();
}

/** `example` is what a base URL looks like in the messages (the provider's default base URL). */
export function checkBaseUrl(input: string, example = 'https://api.example.com'): BaseUrlCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: `Enter the API base URL, e.g. ${example}` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a URL; it should look like ${example}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Only https:// URLs are supported (got ${url.protocol}//)` };
  }
  if (url.protocol === 'http:' && !(isLoopbackHost(url.hostname) && isLoopbackHost(typedHost(trimmed)))) {
    return { ok: false, message: PLAIN_HTTP_REFUSED };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave credentials out of the URL; the token is asked for separately and kept in secret storage' };
  }
  if (url.search || url.hash) return { ok: false, message: 'The base URL must not have a query (?…) or fragment (#…)' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
