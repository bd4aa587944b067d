// Runs the embedded sandbox inside the extension host on a loopback port, started on first use
// (never on activation) and stopped with the extension. Tokens are ours to mint for the sandbox,
// but they are still kept in SecretStorage like any other token. Stop and Start within a session
// continue where it stopped: the same data (with every write made to it), the same port when free.
import type { ApiKind } from '../core/model';
import type { Logger } from '../core/redact';
import type { RunningSandbox, SandboxOptions, SandboxState } from '../sandbox/server';

export type SandboxTokens = Partial<Record<ApiKind, string>>;

export class SandboxHost {
  private current?: { sandbox: RunningSandbox; tokens: SandboxTokens };
  /** What a stopped sandbox served, until the window closes. */
  private kept?: { state: SandboxState; tokens: SandboxTokens; port: number };
  private queue: Promise<unknown> = Promise.resolve();
  private listeners: Array<(running: boolean) => void> = [];
  /** Set by an explicit Stop: the tree must not start the sandbox again behind the person's back. */
  private stoppedByUser = false;

  constructor(
    private readonly options: () => Pick<SandboxOptions, 'companies' | 'latencyMs' | 'controlToken'>,
    private readonly log: Logger,
    // Loaded on first use: most sessions never start the sandbox, so activation does not pay for it.
    private readonly start: (opts: SandboxOptions) => Promise<RunningSandbox> = async (opts) => (await import('../sandbox/server.js')).startSandbox(opts),
  ) {}

  get url(): string | undefined {
    return this.current?.sandbox.url;
  }

  get stopped(): boolean {
    return this.stoppedByUser;
  }

  /** Try the Sandbox: allowed to start again. */
  allowStart(): void {
    this.stoppedByUser = false;
  }

  /** The secret the sandbox serves (or served before it stopped) for an API: reusing it keeps the data. */
  knownToken(api: ApiKind): string | undefined {
    return this.current?.tokens[api] ?? this.kept?.tokens[api];
  }

  get running(): RunningSandbox | undefined {
    return this.current?.sandbox;
  }

  onDidChange(listener: (running: boolean) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  /** The running sandbox accepting these tokens; (re)started when it is not running or a token differs. */
  ensureRunning(tokens: SandboxTokens): Promise<RunningSandbox> {
    return this.serialize(async () => {
      const cur = this.current;
      if (cur && Object.entries(tokens).every(([api, t]) => cur.tokens[api as ApiKind] === t)) return cur.sandbox;
      const before = cur ? { state: cur.sandbox.state, tokens: cur.tokens, port: cur.sandbox.port } : this.kept;
      const merged = { ...(before?.tokens ?? {}), ...tokens };
      // The data lives on only for the same credentials (they are part of what the APIs serve).
      const same = before && (Object.keys(merged) as ApiKind[]).every((api) => before.state?.tokens[api] === merged[api]);
      if (before && !same) this.log.info('Sandbox credentials changed: it starts again with fresh data');
      if (cur) await this.closeCurrent();
      const sandbox = await this.startOn(before?.port, merged, same ? before.state : undefined);
      this.kept = undefined;
      this.current = { sandbox, tokens: merged };
      this.log.info(`Sandbox listening on ${sandbox.url}`);
      this.emit(true);
      return sandbox;
    });
  }

  /** Stops the sandbox; `byUser` keeps it stopped until Try the Sandbox. */
  stop(byUser = false): Promise<void> {
    if (byUser) this.stoppedByUser = true;
    return this.serialize(async () => {
      if (!this.current) return;
      const { sandbox, tokens } = this.current;
      this.kept = { state: sandbox.state, tokens, port: sandbox.port };
      await this.closeCurrent();
      this.log.info('Sandbox stopped');
      this.emit(false);
    });
  }

  private async startOn(port: number | undefined, tokens: SandboxTokens, state: SandboxState | undefined): Promise<RunningSandbox> {
    // A short request log: the in-editor sandbox is for people, not for test assertions.
    const opts = { ...this.options(), host: '127.0.0.1', tokens, requestLogSize: 200, ...(state ? { state } : {}) };
    if (port) {
      // Keep the same port so open links and stored base URLs stay valid.
      try {
        return await this.start({ ...opts, port });
      } catch {
        this.log.debug(`Sandbox port ${port} is taken; using a new one`);
      }
    }
    return this.start({ ...opts, port: 0 });
  }

  private async closeCurrent(): Promise<void> {
    const cur = this.current;
    this.current = undefined;
    await cur?.sandbox.close().catch((e: unknown) => this.log.warn(`Sandbox did not close cleanly: ${String(e)}`));
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private emit(running: boolean): void {
    for (const l of this.listeners) l(running);
  }
}
