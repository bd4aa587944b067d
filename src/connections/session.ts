// One connection's live credentials: the headers for each request, renewed before they expire and
// once after a 401. Renewals are single-flight (ten requests that meet an expired token share one
// renewal) and the renewed record is saved back to SecretStorage. A renewal the server refuses
// leaves the connection signed out until the person signs in again; one that fails for a passing
// reason (network, timeout, 5xx) fails only the request that needed it, and the next one tries again.
import type { AuthHttp, AuthScheme, CredentialState } from '../core/auth';
import { ApiError } from '../core/errors';
import type { Logger, Redactor } from '../core/redact';
import { secretsOf, type CredentialRecord } from './credentials';

/** Renew this long before the tokens expire, so a request never leaves with a token about to lapse. */
export const RENEW_MARGIN_MS = 60_000;

export interface SessionOptions {
  scheme: AuthScheme;
  record: CredentialRecord;
  settings: Record<string, string>;
  http: AuthHttp;
  save: (record: CredentialRecord) => Promise<void>;
  redactor: Redactor;
  logger: Logger;
  /** Called once when a renewal was refused: the connection needs a new sign-in. */
  onSignedOut: (error: unknown) => void;
  now?: () => number;
}

export class CredentialSession {
  private record: CredentialRecord;
  private renewing?: Promise<boolean>;
  private failed?: unknown;

  constructor(private readonly o: SessionOptions) {
    this.record = o.record;
    for (const s of secretsOf(this.record)) o.redactor.add(s);
  }

  get current(): CredentialRecord {
    return this.record;
  }

  get signedOut(): boolean {
    return this.failed !== undefined;
  }

  async authorize(): Promise<Record<string, string>> {
    if (this.failed !== undefined) throw signInAgain(this.failed);
    if (this.expiring() && !(await this.renew())) throw signInAgain(this.failed);
    return this.o.scheme.headers(this.state());
  }

  /** After a 401 with `sent`: true when fresh credentials exist (renewed now, or by another request meanwhile). */
  async onUnauthorized(sent: Record<string, string>): Promise<boolean> {
    if (!this.o.scheme.renew || this.failed !== undefined) return false;
    if (!this.renewing && !sameHeaders(sent, this.o.scheme.headers(this.state()))) return true;
    return this.renew();
  }

  renew(): Promise<boolean> {
    this.renewing ??= this.doRenew().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private expiring(): boolean {
    const at = this.record.expiresAt;
    return Boolean(this.o.scheme.renew) && at !== undefined && (this.o.now ?? Date.now)() >= at - RENEW_MARGIN_MS;
  }

  private async doRenew(): Promise<boolean> {
    const renew = this.o.scheme.renew;
    if (!renew) return false;
    try {
      const got = await renew(this.state(), this.o.http);
      for (const t of Object.values(got.tokens)) this.o.redactor.add(t);
      const next: CredentialRecord = { ...this.record, tokens: { ...this.record.tokens, ...got.tokens }, expiresAt: got.expiresAt };
      if (next.expiresAt === undefined) delete next.expiresAt;
      this.record = next;
      // Saving may fail (no keyring); the renewed tokens still serve this session.
      await this.o.save(next).catch((e: unknown) => this.o.logger.warn(`The renewed credentials could not be saved: ${e instanceof Error ? e.message : String(e)}`));
      this.o.logger.info(`Credentials renewed (${this.o.scheme.label})`);
      return true;
    } catch (e) {
      if (!credentialsRefused(e)) {
        const why = this.o.redactor.scrub(e instanceof Error ? e.message : String(e));
        this.o.logger.warn(`Renewing the credentials failed for now; the next request tries again (${why})`);
        throw renewalUnavailable(e, why);
      }
      this.failed = e;
      this.o.logger.warn(`Renewing the credentials failed; sign in again (${e instanceof Error ? e.message : String(e)})`);
      this.o.onSignedOut(e);
      return false;
    }
  }

  private state(): CredentialState {
    return { values: this.record.values, tokens: this.record.tokens ?? {}, settings: this.o.settings };
  }
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** Only the server saying no to the credentials signs out; a token endpoint says it with 400/401/403. */
function credentialsRefused(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  return e.kind === 'auth' || (e.kind === 'http' && (e.status === 400 || e.status === 401 || e.status === 403));
}

/** 'refused' without a status: the request that needed the renewal was not sent, so it may be sent again. */
function renewalUnavailable(cause: unknown, why: string): ApiError {
  const kind = cause instanceof ApiError ? ` (${cause.kind}${cause.status ? ` ${cause.status}` : ''})` : '';
  return new ApiError({
    kind: 'refused',
    method: cause instanceof ApiError ? cause.method : 'POST',
    path: cause instanceof ApiError ? cause.path : '',
    message: `the credentials could not be renewed just now${kind}: ${why}; nothing was sent, try again`,
    cause,
  });
}

function signInAgain(cause: unknown): ApiError {
  return new ApiError({ kind: 'auth', method: 'GET', path: '', message: 'renewing the credentials failed; sign in again', cause });
}
