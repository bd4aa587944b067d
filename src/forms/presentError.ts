// The words a person sees when something failed: one sentence for a notification, a tree item or a
// form's banner, saying what failed and, where there is one, what to do about it. The tree, the
// commands, the forms and the bulk runner all say it the same way; ApiError.describe is only the
// fallback for code below this layer.
import { ApiError, messageOf } from '../core/errors';
import type { ProviderLabels } from '../core/provider';

/** `what` is the action as a gerund ("Loading companies", "Sending"); `labels` name the provider's records. */
export function presentError(e: unknown, what: string, labels?: Pick<ProviderLabels, 'company'>): string {
  if (!(e instanceof ApiError)) return `${what} failed: ${messageOf(e)}`;
  switch (e.kind) {
    case 'auth':
      return `${what} failed: the server did not accept this connection's credentials (${e.message}). Sign in again.`;
    case 'rate-limited':
      return `${what} failed: the API is throttling requests (${e.message}). Wait a minute, then refresh.`;
    case 'network':
      return `${what} failed: could not reach the server (${e.message}). Check the base URL and your network.`;
    case 'timeout':
      return `${what} failed: the server did not answer in time. Try again, or raise "portfolioContacts.requestTimeoutSeconds".`;
    case 'cancelled':
      return `${what} was cancelled.`;
    case 'schema':
      return `${what} failed: the API answered in an unexpected shape (${e.message}). Check that the connection's base URL is the API itself, not a proxy or sign-in page; if it is, try again later.`;
    case 'refused':
      return `${what} failed: ${e.message}. Check the connection's base URL.`;
    case 'http':
      return `${what} failed: ${e.message}${reference(e)}.${httpAdvice(e.status)}`;
    case 'conflict':
      return `${what} failed: someone else changed ${labels ? `this ${labels.company}` : 'it'} since it was loaded (${e.message}${e.code ? `, ${e.code}` : ''}). Reload it, then try again.`;
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
  if (status >= 500) return ' The service is having trouble: try again in a few minutes.';
  if (status === 403) return " Check that the connection's user is allowed to do this.";
  if (status === 404) return ' Refresh: it may have been removed.';
  return '';
}
