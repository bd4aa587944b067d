// Turns a stored connection into a live provider: reads its token from SecretStorage when a request
// needs it, and for sandbox connections makes sure the embedded sandbox is running first.
import type { ApiKind } from '../core/model';
import type { Provider } from '../core/provider';
import type { Logger, Redactor } from '../core/redact';
import { descriptorFor } from '../providers';
import type { ProviderSource, Unavailable } from '../tree/model';
import type { Credentials } from './credentials';
import type { SandboxHost } from './sandboxHost';
import type { Connection, ConnectionStore } from './store';

export class ConnectionRuntime implements ProviderSource {
  private readonly live = new Map<string, { key: string; provider: Provider }>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly credentials: Credentials,
    private readonly sandbox: SandboxHost,
    private readonly logger: Logger,
    private readonly redactor: Redactor,
    private readonly timeoutMs: () => number,
    private readonly maxResponseBytes: () => number | undefined = () => undefined,
  ) {}

  async provider(connectionId: string): Promise<Provider | Unavailable> {
    const connection = this.store.get(connectionId);
    if (!connection) return { reason: 'error', error: new Error('This connection no longer exists.') };
    const descriptor = descriptorFor(connection.api);
    if (!descriptor) return { reason: 'unsupported', message: `${connection.api} connections are not supported yet` };
    try {
      const token = await this.credentials.get(connection.id);
      if (!token) return { reason: 'signed-out' };
      this.redactor.add(token);
      if (connection.sandbox && this.sandbox.stopped) return { reason: 'stopped' };
      const baseUrl = connection.sandbox ? await this.sandboxBaseUrl(connection, token) : connection.baseUrl;
      const key = `${baseUrl}|${this.timeoutMs()}|${this.maxResponseBytes()}`;
      const cached = this.live.get(connection.id);
      if (cached && cached.key === key) return cached.provider;
      const provider = await descriptor.create({
        baseUrl,
        getToken: () => this.credentials.get(connection.id),
        logger: this.logger,
        redactor: this.redactor,
        timeoutMs: this.timeoutMs(),
        maxResponseBytes: this.maxResponseBytes(),
      });
      this.live.set(connection.id, { key, provider });
      return provider;
    } catch (e) {
      return { reason: 'error', error: e };
    }
  }

  /** A provider for a connection that is not saved yet (to check a token before storing it). */
  probe(api: ApiKind, baseUrl: string, token: string): Promise<Provider> {
    const descriptor = descriptorFor(api);
    if (!descriptor) throw new Error(`${api} connections are not supported yet`);
    this.redactor.add(token);
    return descriptor.create({ baseUrl, getToken: async () => token, logger: this.logger, redactor: this.redactor, timeoutMs: this.timeoutMs(), maxResponseBytes: this.maxResponseBytes() });
  }

  forget(connectionId: string): void {
    this.live.delete(connectionId);
  }

  private async sandboxBaseUrl(connection: Connection, token: string): Promise<string> {
    const running = await this.sandbox.ensureRunning({ [connection.api]: token });
    const api = running.apis[connection.api as keyof typeof running.apis];
    if (!api) throw new Error(`The sandbox does not serve the ${connection.api} API yet.`);
    if (api.baseUrl !== connection.baseUrl) await this.store.upsert({ ...connection, baseUrl: api.baseUrl });
    return api.baseUrl;
  }
}
