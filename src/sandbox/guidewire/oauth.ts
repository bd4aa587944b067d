// The OAuth2 client-credentials token endpoint that stands in for Guidewire Hub (docs §2.2: a
// form-encoded POST of grant_type=client_credentials, client_id, client_secret and scope answered
// with {token_type, expires_in, access_token, scope}). Errors follow RFC 6749 §5.2, as Okta's do.
// Access tokens are random secrets (not seeded data) and expire after a lifetime a test can shorten.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { basicAuthUser, sameSecret } from '../auth.js';
import type { Reply, RequestBody } from '../http.js';
import { jsonReply } from '../http.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes the client is registered for. */
  scopes: string;
}

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export class TokenBook {
  private readonly expiries = new Map<string, number>();
  /** How many tokens were issued (tests check that renewals are not duplicated). */
  issued = 0;

  constructor(public lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS) {}

  issue(now: number): { token: string; expiresIn: number } {
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, now + this.lifetimeSeconds * 1000);
    this.issued++;
    return { token, expiresIn: this.lifetimeSeconds };
  }

  valid(token: string | undefined, now: number): boolean {
    if (token === undefined) return false;
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return false;
    if (expiry > now) return true;
    this.expiries.delete(token);
    return false;
  }

  /** Every issued token stops working (a revoked client, or "the token expired" on demand). */
  revokeAll(): void {
    this.expiries.clear();
  }
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, error_description: description }, { ...NO_STORE, ...headers });
}

/** The form fields of a token request (a form body is not JSON, so readBody kept its text). */
function formFields(body: RequestBody): URLSearchParams | undefined {
  if (body.kind === 'empty') return new URLSearchParams();
  if (body.kind === 'malformed') return new URLSearchParams(body.text);
  return undefined;
}

/** RFC 6749 §2.3.1: the Basic credentials are form-encoded before base64. */
function formDecode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export function tokenEndpoint(method: string, headers: IncomingHttpHeaders, body: RequestBody, client: OAuthClient, tokens: TokenBook, now: number): Reply {
  if (method !== 'POST') return { ...oauthError(405, 'invalid_request', 'The token endpoint accepts POST only'), headers: { ...NO_STORE, Allow: 'POST' } };
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const form = formFields(body);
  if (contentType !== 'application/x-www-form-urlencoded' || !form) {
    return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const basic = basicAuthUser(headers.authorization);
  const clientId = basic.present ? formDecode(basic.user) : (form.get('client_id') ?? undefined);
  const clientSecret = basic.present ? formDecode(basic.password) : (form.get('client_secret') ?? undefined);
  if (!sameSecret(clientId, client.clientId) || !sameSecret(clientSecret, client.clientSecret)) {
    const challenge: Record<string, string> = basic.present ? { 'WWW-Authenticate': 'Basic realm="guidewire-hub"' } : {};
    return oauthError(401, 'invalid_client', 'The client credentials are invalid.', challenge);
  }
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', "Only grant_type 'client_credentials' is supported.");
  const registered = client.scopes.split(' ');
  const requested = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
  const unknown = requested.filter((s) => !registered.includes(s));
  if (unknown.length > 0) return oauthError(400, 'invalid_scope', `The scope '${unknown.join(' ')}' is not registered for this client.`);
  const { token, expiresIn } = tokens.issue(now);
  const scope = (requested.length > 0 ? requested : registered).join(' ');
  return jsonReply(200, { token_type: 'Bearer', expires_in: expiresIn, access_token: token, scope }, NO_STORE);
}

/** A token request as the logs keep it (form text or a JSON value): the client secret replaced. */
export function redactTokenRequest(recorded: unknown): unknown {
  if (typeof recorded === 'string') {
    const form = new URLSearchParams(recorded);
    if (form.has('client_secret')) form.set('client_secret', '[redacted]');
    return form.toString();
  }
  if (recorded && typeof recorded === 'object' && !Array.isArray(recorded) && 'client_secret' in recorded) {
    return { ...(recorded as Record<string, unknown>), client_secret: '[redacted]' };
  }
  return recorded;
}
