// A base URL is where the token will be sent, so it must be HTTPS; plain HTTP is accepted only for
// loopback addresses (the embedded sandbox, a local proxy), where nothing crosses a network.

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function checkBaseUrl(input: string): BaseUrlCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter the API base URL, e.g. https://api.bitsighttech.com' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a URL; it should look like https://api.bitsighttech.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `Only https:// URLs are supported (got ${url.protocol}//)` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: 'The token would travel unencrypted: use https:// (plain http:// is only allowed for 127.0.0.1 or localhost)' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave credentials out of the URL; the token is asked for separately and kept in secret storage' };
  }
  if (url.search || url.hash) return { ok: false, message: 'The base URL must not have a query (?…) or fragment (#…)' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
