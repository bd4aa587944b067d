// Starts a throwaway code-server (a real VS Code 1.100 workbench served over HTTP) for tests and
// for `npm start`. Recipe and the reasons behind every flag: /work/shared/e2e.md, section 3.
//
// Each instance gets its own loopback port, user-data-dir, extensions-dir, workspace folder and
// config file, runs in its own process group and is torn down with that group by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** code-server installed by scripts/install-code-server.sh (override with CODE_SERVER_BIN). */
export function codeServerBin(): string {
  const bin = process.env.CODE_SERVER_BIN ?? join(REPO_ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}. Run: bash scripts/install-code-server.sh`);
  }
  return bin;
}

/** Settings every test workbench gets. Workspace trust MUST be off or the window opens in Restricted Mode. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

export interface CodeServerOptions {
  /** Absolute path of the extension folder (the one holding package.json). */
  extensionDevelopmentPath: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Extra environment for code-server; it reaches the extension host. */
  env?: Record<string, string>;
  /** Merged over BASE_SETTINGS into the user settings.json. */
  settings?: Record<string, unknown>;
  /** Folder to open; a fresh empty temp folder when omitted. */
  workspace?: string;
  /** Echo code-server's own output to this process's stderr (also: CS_VERBOSE=1). */
  verbose?: boolean;
  /** The display language (`--locale`), e.g. 'fr'; English when omitted. */
  locale?: string;
  /** Give up waiting for HTTP after this many ms (default 60 s). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  url: string;
  port: number;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  extensionDevelopmentPath: string;
  /** code-server's stdout/stderr. */
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every live code-server process group, killed synchronously if this process exits without stop(). */
const live = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of live) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBin();
  const port = opts.port ?? (await freePort());
  const runDir = mkdtempSync(join(tmpdir(), 'pc-code-server-'));
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const workspace = opts.workspace ?? join(runDir, 'workspace');
  const configFile = join(runDir, 'config.yaml');
  const logFile = join(runDir, 'code-server.log');
  for (const d of [join(userDataDir, 'User'), extensionsDir, workspace]) mkdirSync(d, { recursive: true });
  // Own config file: otherwise ~/.config/code-server/config.yaml (password auth, port 8080) is read or created.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
  );

  if (opts.locale) stubLanguagePack(userDataDir, opts.locale);

  const args = [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(opts.locale ? ['--locale', opts.locale] : []),
    workspace,
  ];
  const verbose = opts.verbose ?? process.env.CS_VERBOSE === '1';
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(bin, args, {
    detached: true, // own process group: stop() kills server, extension host, watchers together
    stdio: ['ignore', verbose ? 'pipe' : logFd, verbose ? 'pipe' : logFd],
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  closeSync(logFd);
  if (verbose) {
    const tee = (chunk: Buffer) => {
      writeFileSync(logFile, chunk, { flag: 'a' });
      process.stderr.write(chunk.toString().replace(/^/gm, '  [code-server] '));
    };
    child.stdout?.on('data', tee);
    child.stderr?.on('data', tee);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${bin}`);
  installExitHook();
  live.add(pid);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((res) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      live.delete(pid);
      res();
    });
  });

  const url = `http://127.0.0.1:${port}/`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* group already gone */
      }
      await Promise.race([exitPromise, sleep(5000)]);
    }
    // Stragglers in the group (extension host, watcher) or a server that ignored SIGTERM.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* nothing left */
    }
    live.delete(pid);
    if (process.env.KEEP_CODE_SERVER_DIRS !== '1') {
      try {
        rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        /* best effort */
      }
    }
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const log = safeRead(logFile);
      await stop();
      throw new Error(`code-server exited early (${exited.code ?? exited.signal}). Log:\n${log.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      const log = safeRead(logFile);
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${opts.startTimeoutMs ?? 60_000} ms. Log:\n${log.slice(-4000)}`);
    }
    await sleep(250);
  }

  return {
    url,
    port,
    workspace,
    userDataDir,
    extensionsDir,
    extensionDevelopmentPath: resolve(opts.extensionDevelopmentPath),
    logFile,
    pid,
    stop,
  };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A path on the code-server machine as the web workbench wants it: vscode-remote://127.0.0.1:PORT/abs/path */
export function remoteUri(cs: Pick<CodeServer, 'port'>, absPath: string): string {
  return `vscode-remote://127.0.0.1:${cs.port}${resolve(absPath)}`;
}

export interface WorkbenchPayload {
  /** Loads this extension test module (exports run()) in the extension host; the workbench then calls codeAutomationExit. */
  extensionTestsPath?: string;
  /** Defaults to the extensionDevelopmentPath the server was started for; null = load no development extension. */
  extensionDevelopmentPath?: string | null;
  /** Further raw payload entries. */
  extra?: Array<[string, string]>;
}

/**
 * The workbench URL: `?folder=<workspace>&payload=[["extensionDevelopmentPath", vscode-remote://…], …]`.
 * The payload is how the web workbench learns about a development extension (there is no server flag).
 */
export function workbenchUrl(cs: CodeServer, payload: WorkbenchPayload = {}): string {
  const entries: Array<[string, string]> = [];
  const dev = payload.extensionDevelopmentPath === undefined ? cs.extensionDevelopmentPath : payload.extensionDevelopmentPath;
  if (dev) entries.push(['extensionDevelopmentPath', remoteUri(cs, dev)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remoteUri(cs, payload.extensionTestsPath)]);
  entries.push(...(payload.extra ?? []));
  let url = `${cs.url}?folder=${encodeURIComponent(cs.workspace)}`;
  if (entries.length) url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  return url;
}

/**
 * VS Code resolves `--locale` to English unless a language pack for it is installed, and no pack can
 * be downloaded here. The server reads its installed packs from <user-data>/languagepacks.json: an
 * entry whose translations are empty makes it resolve the locale (so extensions get their
 * l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json) while VS Code's own words stay English.
 */
function stubLanguagePack(userDataDir: string, locale: string): void {
  const translations = join(userDataDir, `stub-language-pack-${locale}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    join(userDataDir, 'languagepacks.json'),
    JSON.stringify({ [locale]: { hash: `stub-${locale}`, extensions: [{ extensionIdentifier: { id: `stub.language-pack-${locale}` }, version: '1.0.0' }], translations: { vscode: translations }, label: locale } }),
  );
}
