// A URL a secret is sent to (a token, a client secret) must be HTTPS; plain HTTP is accepted only for
// the three loopback spellings VS Code's proxy support never sends through a proxy (the embedded
// sandbox, a local proxy): other 127.x addresses and other spellings of 127.0.0.1 (0x7f.1,
// 2130706433, [::ffff:127.0.0.1]) may be proxied, and the proxy would see the secret in clear.

import { t } from './l10n';

const PLAIN_HTTP_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
export const PLAIN_HTTP_REFUSED = 'The token would travel unencrypted: use https:// (plain http:// is only allowed for localhost, 127.0.0.1 and [::1])';
/** The same, in the user's language (the literal is the key, so it is written out again). */
export const plainHttpRefused = (): string => t('The token would travel unencrypted: use https:// (plain http:// is only allowed for localhost, 127.0.0.1 and [::1])');

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

/** Whether `url` (parsed from `input`, the text as typed) may carry a secret: https, or http on loopback. */
export function secretMayTravel(url: URL, input: string): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) && isLoopbackHost(typedHost(input.trim()));
}
