// Auth schemes are data: a provider declares how a connection signs in (which fields, which of them
// are secret), how the stored parts become request headers, and how obtained tokens are renewed.
// The rest of the extension never knows whether a secret is one token, two tokens or an OAuth client.
import type { RequestSpec } from './http';
import { t } from './l10n';
import { plainHttpRefused, secretMayTravel } from './plainHttp';

export interface CredentialField {
  /** Key in the record's `values` (secret) or the connection's `settings` (not secret). */
  name: string;
  label: string;
  /** Secret parts live in SecretStorage only; the others in the connection metadata. */
  secret: boolean;
  optional?: boolean;
  placeholder?: string;
  prompt?: string;
  /** A message when the value is not acceptable (checked as the person types). */
  validate?: (value: string) => string | undefined;
  /** Used for the sign-in exchange and kept only when the person asks (a password used once for tokens). */
  storeOnlyIfAsked?: boolean;
}

/** What a scheme sees when it builds headers or renews: secret values, obtained tokens, plain settings. */
export interface CredentialState {
  values: Record<string, string>;
  tokens: Record<string, string>;
  settings: Record<string, string>;
}

/** Tokens got from a sign-in exchange or a renewal; `expiresAt` is epoch milliseconds. */
export interface Obtained {
  tokens: Record<string, string>;
  expiresAt?: number;
}

/** The HTTP an exchange may use: the same layer (timeouts, redaction) for any host, the token host included. */
export interface AuthHttp {
  /** `url` is absolute (a token endpoint on another host) or a path below the connection's base URL. */
  request<T>(url: string, spec: Omit<RequestSpec<T>, 'path'>): Promise<T>;
  now(): number;
}

export interface AuthScheme {
  id: string;
  label: string;
  /** Shown beside the label when choosing ("development instances only"). */
  detail?: string;
  fields: CredentialField[];
  headers(state: CredentialState): Record<string, string>;
  /** Turns what the person typed into tokens, once, at sign-in (e-mail + password → tokens). */
  exchange?(state: CredentialState, http: AuthHttp): Promise<Obtained>;
  /** Gets fresh tokens when they expire or a request gets a 401; absent when nothing can be renewed. */
  renew?(state: CredentialState, http: AuthHttp): Promise<Obtained>;
}

export function secretFields(scheme: AuthScheme): CredentialField[] {
  return scheme.fields.filter((f) => f.secret);
}

/** Splits typed values into what goes to SecretStorage and what goes to the connection metadata. */
export function splitValues(scheme: AuthScheme, typed: Record<string, string>, keep: (f: CredentialField) => boolean = () => true): { values: Record<string, string>; settings: Record<string, string> } {
  const values: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const f of scheme.fields) {
    const v = typed[f.name];
    if (v === undefined || v === '') continue;
    if (!f.secret) settings[f.name] = v;
    else if (!f.storeOnlyIfAsked || keep(f)) values[f.name] = v;
  }
  return { values, settings };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A field no one can leave empty or pad with spaces (a token, a client id). */
/** `what`: a function when it is translated, since providers' schemes are built before the translator is wired. */
export function noSpaces(what: string | (() => string)): (v: string) => string | undefined {
  const name = () => (typeof what === 'string' ? what : what());
  return (v) => (!v.trim() ? t('Enter the {0}', name()) : /\s/.test(v.trim()) ? t('The {0} has no spaces', name()) : undefined);
}

/** When a JWT expires (its `exp` claim), epoch milliseconds; undefined for tokens that are not JWTs. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** An address a secret may be sent to: https, or plain http on the loopback spellings baseUrl allows. */
export function secureUrl(what: string | (() => string)): (v: string) => string | undefined {
  return (v) => {
    let url: URL;
    try {
      url = new URL(v.trim());
    } catch {
      return t('The {0} is not a URL', typeof what === 'string' ? what : what());
    }
    return secretMayTravel(url, v) ? undefined : plainHttpRefused();
  };
}
