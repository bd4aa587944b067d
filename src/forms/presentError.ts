// The words a person sees when something failed: one sentence for a notification, a tree item or a
// form's banner, saying what failed and, where there is one, what to do about it. The tree, the
// commands, the forms and the bulk runner all say it the same way; ApiError.describe is only the
// fallback for code below this layer.
import { ApiError, messageOf } from '../core/errors';
import { t } from '../core/l10n';
import type { ProviderLabels } from '../core/provider';

/** `what` is the action as a gerund ("Loading companies", "Sending"); `labels` name the provider's records. */
export function presentError(e: unknown, what: string, labels?: Pick<ProviderLabels, 'company'>): string {
  if (!(e instanceof ApiError)) return t('{0} failed: {1}', what, messageOf(e));
  switch (e.kind) {
    case 'auth':
      return t("{0} failed: the server did not accept this connection's credentials ({1}). Sign in again.", what, e.message);
    case 'rate-limited':
      return t('{0} failed: the API is throttling requests ({1}). Wait a minute, then refresh.', what, e.message);
    case 'network':
      return t('{0} failed: could not reach the server ({1}). Check the base URL and your network.', what, e.message);
    case 'timeout':
      return t('{0} failed: the server did not answer in time. Try again, or raise "portfolioContacts.requestTimeoutSeconds".', what);
    case 'cancelled':
      return t('{0} was cancelled.', what);
    case 'schema':
      return t("{0} failed: the API answered in an unexpected shape ({1}). Check that the connection's base URL is the API itself, not a proxy or sign-in page; if it is, try again later.", what, e.message);
    case 'refused':
      return t("{0} failed: {1}. Check the connection's base URL.", what, e.message);
    case 'http':
      return t('{0} failed: {1}{2}.{3}', what, e.message, reference(e), httpAdvice(e.status));
    case 'conflict':
      return labels
        ? t('{0} failed: someone else changed this {1} since it was loaded ({2}). Reload it, then try again.', what, labels.company, e.code ? `${e.message}, ${e.code}` : e.message)
        : t('{0} failed: someone else changed it since it was loaded ({1}). Reload it, then try again.', what, e.code ? `${e.message}, ${e.code}` : e.message);
  }
}

/** " (HTTP 400, gw.api.rest.exceptions.BadInputException)": what a person quotes to their admin. */
function reference(e: ApiError): string {
  const parts = [e.status ? `HTTP ${e.status}` : undefined, e.code].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** What a person can do about an HTTP error status, as a sentence starting with a space ('' when nothing useful). */
function httpAdvice(status: number | undefined): string {
  if (status === undefined) return '';
  if (status >= 500) return ` ${t('The service is having trouble: try again in a few minutes.')}`;
  if (status === 403) return ` ${t("Check that the connection's user is allowed to do this.")}`;
  if (status === 404) return ` ${t('Refresh: it may have been removed.')}`;
  return '';
}
