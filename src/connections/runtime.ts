// Turns a stored connection into a live provider: reads its credential record from SecretStorage,
// keeps one CredentialSession per connection (headers, renewal, save-back), and for sandbox
// connections makes sure the embedded sandbox is running first.
import type { AuthScheme } from '../core/auth';
import { t } from '../core/l10n';
import type { WriteRecord } from '../core/http';
import type { ApiKind } from '../core/model';
import type { Identity, Provider, ProviderDescriptor } from '../core/provider';
import type { Logger, Redactor } from '../core/redact';
import { descriptorFor } from '../providers';
import { sandboxConnections, sandboxSecretOf } from '../sandbox/connections';
import type { ProviderSource, Unavailable } from '../model/source';
import { authHttp } from './authHttp';
import { secretsOf, type CredentialRecord, type Credentials } from './credentials';
import type { SandboxHost } from './sandboxHost';
import { CredentialSession } from './session';
import type { Connection, ConnectionStore } from './store';

/** The scheme a connection uses: the one it names, else the provider's first (connections saved before schemes). */
export function schemeOf(descriptor: ProviderDescriptor, id: string | undefined): AuthScheme | undefined {
  return id === undefined ? descriptor.authSchemes[0] : descriptor.authSchemes.find((s) => s.id === id);
}

export interface Probe {
  identity: Identity;
  /** What to store: the typed secrets plus what the sign-in exchange obtained. */
  record: CredentialRecord;
}

/** Which part of a sign-in failed, so the person is sent back to the right step. */
export class ProbeError extends Error {
  constructor(
    readonly stage: 'exchange' | 'verify',
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
    this.name = 'ProbeError';
  }
}

/** A write as the audit trail records it: the client's record plus which connection sent it. */
export interface ConnectionWrite extends WriteRecord {
  connectionId: string;
  connectionName: string;
  api: ApiKind;
}

export class ConnectionRuntime implements ProviderSource {
  /**
   * Told of every write any provider made here sends (set once from outside, e.g. the audit
   * trail): the one place all writes pass, forms, bulk runs, set primary and imports alike.
   */
  onWrite?: (write: ConnectionWrite) => void;
  private readonly live = new Map<string, { key: string; provider: Provider; session: CredentialSession }>();
  /** Connections whose renewal failed: signed out until the person signs in again. */
  private readonly renewalFailed = new Set<string>();
  private listeners: Array<(connectionId: string) => void> = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly credentials: Credentials,
    private readonly sandbox: SandboxHost,
    private readonly logger: Logger,
    private readonly redactor: Redactor,
    private readonly timeoutMs: () => number,
    private readonly maxResponseBytes: () => number | undefined = () => undefined,
    /** VS Code's display language, for the dates a provider formats. */
    private readonly locale: () => string | undefined = () => undefined,
  ) {}

  /** Fires when a connection became signed out because its credentials could not be renewed. */
  onDidSignOut(listener: (connectionId: string) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  async provider(connectionId: string): Promise<Provider | Unavailable> {
    const connection = this.store.get(connectionId);
    if (!connection) return { reason: 'error', error: new Error(t('This connection no longer exists.')) };
    const descriptor = descriptorFor(connection.api);
    if (!descriptor) return { reason: 'unsupported', message: `${connection.api} connections are not supported yet` };
    if (this.renewalFailed.has(connectionId)) return { reason: 'signed-out', renewalFailed: true };
    try {
      const record = await this.credentials.read(connection.id);
      if (!record) return { reason: 'signed-out' };
      const scheme = schemeOf(descriptor, connection.scheme ?? record.scheme);
      if (!scheme) return { reason: 'error', error: new Error(t('{0} has no sign-in method "{1}"; run "Edit Connection…".', descriptor.label, connection.scheme ?? record.scheme)) };
      if (connection.sandbox && this.sandbox.stopped) return { reason: 'stopped' };
      const baseUrl = connection.sandbox ? await this.sandboxBaseUrl(connection, record) : connection.baseUrl;
      const key = `${baseUrl}|${this.timeoutMs()}|${this.maxResponseBytes()}`;
      const cached = this.live.get(connection.id);
      if (cached && cached.key === key) return cached.provider;
      const session = new CredentialSession({
        scheme,
        record,
        settings: connection.settings ?? {},
        http: authHttp(baseUrl, { logger: this.logger, redactor: this.redactor, timeoutMs: this.timeoutMs() }),
        save: (r) => this.credentials.save(connection.id, r),
        redactor: this.redactor,
        logger: this.logger,
        onSignedOut: () => this.signedOut(connection.id),
      });
      const provider = await descriptor.create({
        baseUrl,
        authorize: () => session.authorize(),
        onUnauthorized: (sent) => session.onUnauthorized(sent),
        logger: this.logger,
        redactor: this.redactor,
        timeoutMs: this.timeoutMs(),
        maxResponseBytes: this.maxResponseBytes(),
        settings: connection.settings ?? {},
        locale: this.locale(),
        onWrite: (write) => this.onWrite?.({ ...write, connectionId: connection.id, connectionName: this.store.get(connection.id)?.name ?? connection.name, api: connection.api }),
      });
      this.live.set(connection.id, { key, provider, session });
      return provider;
    } catch (e) {
      return { reason: 'error', error: e };
    }
  }

  /**
   * Signs in without saving anything: runs the scheme's exchange (if any), then proves the result
   * with the provider's cheapest authenticated call. Throws a ProbeError naming the stage that failed.
   */
  async probe(api: ApiKind, baseUrl: string, scheme: AuthScheme, values: Record<string, string>, settings: Record<string, string>, signal?: AbortSignal, existing?: CredentialRecord): Promise<Probe> {
    const descriptor = descriptorFor(api);
    if (!descriptor) throw new Error(`${api} connections are not supported yet`);
    for (const v of Object.values(values)) this.redactor.add(v);
    const http = authHttp(baseUrl, { logger: this.logger, redactor: this.redactor, timeoutMs: this.timeoutMs() });
    // An edit that retyped no secret checks the stored record as it is, without signing in anew.
    let record: CredentialRecord = existing ?? { scheme: scheme.id, values };
    if (scheme.exchange && !existing) {
      try {
        const got = await scheme.exchange({ values, tokens: {}, settings }, http);
        record = { ...record, tokens: got.tokens, ...(got.expiresAt !== undefined ? { expiresAt: got.expiresAt } : {}) };
      } catch (e) {
        throw new ProbeError('exchange', e);
      }
    }
    for (const s of secretsOf(record)) this.redactor.add(s);
    const session = new CredentialSession({ scheme, record, settings, http, save: async (r) => void (record = r), redactor: this.redactor, logger: this.logger, onSignedOut: () => undefined });
    const provider = await descriptor.create({ baseUrl, authorize: () => session.authorize(), onUnauthorized: (sent) => session.onUnauthorized(sent), logger: this.logger, redactor: this.redactor, timeoutMs: this.timeoutMs(), maxResponseBytes: this.maxResponseBytes(), settings });
    try {
      const identity = await provider.whoAmI(signal);
      return { identity, record: session.current };
    } catch (e) {
      throw new ProbeError('verify', e);
    }
  }

  /** Whether a SecretStorage change came from elsewhere (another window), not from our own save-back. */
  async changedElsewhere(connectionId: string): Promise<boolean> {
    const cached = this.live.get(connectionId);
    if (!cached) return true;
    const stored = await this.credentials.read(connectionId).catch(() => undefined);
    return JSON.stringify(stored) !== JSON.stringify(cached.session.current);
  }

  /** Signed out by a refused renewal, though its credentials are still stored. */
  needsSignIn(connectionId: string): boolean {
    return this.renewalFailed.has(connectionId);
  }

  forget(connectionId: string): void {
    this.live.delete(connectionId);
    this.renewalFailed.delete(connectionId);
  }

  private signedOut(connectionId: string): void {
    this.renewalFailed.add(connectionId);
    this.live.delete(connectionId);
    for (const l of this.listeners) l(connectionId);
  }

  private async sandboxBaseUrl(connection: Connection, record: CredentialRecord): Promise<string> {
    const running = await this.sandbox.ensureRunning({ [connection.api]: sandboxSecretOf(connection.api, record.values) ?? '' });
    const api = sandboxConnections(running).find((c) => c.api === connection.api);
    if (!api) throw new Error(`The sandbox does not serve the ${connection.api} API yet.`);
    if (api.baseUrl !== connection.baseUrl) await this.store.upsert({ ...connection, baseUrl: api.baseUrl });
    return api.baseUrl;
  }
}
