// Shared helpers for `npm run bench`: result rows, timing, child processes, and the sandbox in its
// own process (so its memory and CPU are not the bench process's).
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(__dirname, '..');
export const MB = 1024 * 1024;
export const KB = 1024;

/** One line of the table. `target` is "≤ n" on `value`; rows without one are context. */
export interface Row {
  label: string;
  value: number | string | null;
  unit?: string;
  target?: number;
  note?: string;
}

export interface SectionResult {
  title: string;
  rows: Row[];
  /** Keys of the final JSON line. */
  figures: Record<string, unknown>;
  /** Explanations printed under the table (methods, why a target is missed, what would close it). */
  notes: string[];
}

export function met(row: Row): boolean | undefined {
  if (row.target === undefined || typeof row.value !== 'number') return undefined;
  return row.value <= row.target;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Forces a full GC (the bench runs with --expose-gc) and returns heapUsed; undefined without gc. */
export function heapAfterGc(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion (bounded by timeoutMs), capturing its output. */
export function exec(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Exec> {
  const t0 = performance.now();
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO_ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      rej(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

// ------------------------------------------------------------------ sandbox in its own process

export interface SandboxProcess {
  url: string;
  controlToken: string;
  baseUrl: string;
  token: string;
  /** Milliseconds from spawn to its JSON line (seeding included). */
  startMs: number;
  /** The CLI's JSON line as printed (one entry per simulated API). */
  info: Record<string, unknown>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** GET on the Bitsight API with the token, outside the extension's code. */
  api<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/** Sandbox processes still running; killed if the bench exits without stopping them. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** `node --import tsx src/sandbox/cli.ts <args>`; resolves once it printed its one JSON line. */
export async function spawnSandbox(args: string[], timeoutMs = 60_000): Promise<SandboxProcess> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join('src', 'sandbox', 'cli.ts'), '--port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const line = await new Promise<string>((res, rej) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`sandbox did not start within ${timeoutMs} ms: ${stderr.slice(-500)}`));
    }, timeoutMs);
    rl.once('line', (l) => {
      clearTimeout(timer);
      res(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`sandbox exited (${code}) before starting: ${stderr.slice(-500)}`));
    });
  });
  const startMs = performance.now() - t0;
  const info = JSON.parse(line) as { url: string; controlToken: string; bitsight: { baseUrl: string; token: string } } & Record<string, unknown>;
  const auth = `Basic ${Buffer.from(`${info.bitsight.token}:`).toString('base64')}`;
  const sb: SandboxProcess = {
    url: info.url.replace(/\/+$/, ''),
    controlToken: info.controlToken,
    baseUrl: info.bitsight.baseUrl,
    token: info.bitsight.token,
    startMs,
    info,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${sb.url}${path}`, {
        method,
        headers: { 'X-Sandbox-Control': info.controlToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
    async api<T>(path: string): Promise<T> {
      const res = await fetch(`${info.bitsight.baseUrl}${path}`, { headers: { Authorization: auth, Accept: 'application/json' } });
      if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
      return (await res.json()) as T;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  return sb;
}

/** Runs `fn` with a fresh sandbox process and always stops it. */
export async function withSandbox<T>(args: string[], fn: (sb: SandboxProcess) => Promise<T>): Promise<T> {
  const sb = await spawnSandbox(args);
  try {
    return await fn(sb);
  } finally {
    await sb.stop();
  }
}

// ------------------------------------------------------------------ the floor of a bulk write

/**
 * Plain round trips of one request, `count` of them, `concurrency` at once (as many as the bulk
 * run keeps in flight, so both meet the same contention in the sandbox and on the cores). `send`
 * is the caller's plain node-fetch call for item i; this only schedules and times it: a pool of
 * `concurrency` loops, none of the extension's code.
 */
export async function plainRoundTrips(count: number, concurrency: number, send: (i: number) => Promise<void>): Promise<{ samples: number[]; totalMs: number }> {
  const samples: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const t = performance.now();
      await send(i);
      samples.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { samples, totalMs: performance.now() - t0 };
}
