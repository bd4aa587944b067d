// A base URL is where the token will be sent: the plain-http rule is core's (the OAuth token URL
// follows it too).
import { t } from '../core/l10n';
import { plainHttpRefused, secretMayTravel } from '../core/plainHttp';

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** `example` is what a base URL looks like in the messages (the provider's default base URL). */
export function checkBaseUrl(input: string, example = 'https://api.example.com'): BaseUrlCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: t('Enter the API base URL, e.g. {0}', example) };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: t('"{0}" is not a URL; it should look like {1}', trimmed, example) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: t('Only https:// URLs are supported (got {0}//)', url.protocol) };
  }
  if (!secretMayTravel(url, trimmed)) {
    return { ok: false, message: plainHttpRefused() };
  }
  if (url.username || url.password) {
    return { ok: false, message: t('Leave credentials out of the URL; the token is asked for separately and kept in secret storage') };
  }
  if (url.search || url.hash) return { ok: false, message: t('The base URL must not have a query (?…) or fragment (#…)') };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
