// The standalone sandbox's command line, for any registry: the common flags plus those each API
// declares, and the one JSON line printed once listening (`url`, `controlToken`, then each API's
// credentials under its key, as its registration chooses).
import { parseArgs } from 'node:util';
import type { CliFlag, Registry } from './api.js';
import { maxCompaniesOf } from './api.js';
import type { BaseSandboxOptions, RunningSandboxOf, SandboxOptionsOf } from './server.js';

export class UsageError extends Error {}

const COMMON_FLAGS = ['--port N', '--companies N', '--latency MS', '--max-concurrent N', '--seed N', '--control-token T', '--host H'];

function apiFlags(registry: Registry): Array<CliFlag<object>> {
  return Object.values(registry).flatMap((r) => (r.cliFlags ?? []) as Array<CliFlag<object>>);
}

export function usage(registry: Registry): string {
  const flags = [...COMMON_FLAGS, ...apiFlags(registry).map((f) => `--${f.name} ${f.placeholder}`)];
  return `usage: sandbox ${flags.map((f) => `[${f}]`).join(' ')}`;
}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  return value;
}

export function parseCliArgs<R extends Registry>(argv: string[], registry: R): SandboxOptionsOf<R> {
  const own = apiFlags(registry);
  const names = ['port', 'companies', 'latency', 'max-concurrent', 'seed', 'control-token', 'host', ...own.map((f) => f.name)];
  if (new Set(names).size !== names.length) throw new Error('Two sandbox APIs declare the same CLI flag');
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options: BaseSandboxOptions = {};
  const port = integerFlag('port', values.port, 0, 65535);
  const companies = integerFlag('companies', values.companies, 0, maxCompaniesOf(registry));
  const latencyMs = integerFlag('latency', values.latency, 0, 600_000);
  const maxConcurrent = integerFlag('max-concurrent', values['max-concurrent'], 1, 1_000_000);
  const seed = integerFlag('seed', values.seed, 0, 0xffffffff);
  if (port !== undefined) options.port = port;
  if (companies !== undefined) options.companies = companies;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (maxConcurrent !== undefined) options.maxConcurrent = maxConcurrent;
  if (seed !== undefined) options.seed = seed;
  const controlToken = nonEmpty('control-token', values['control-token']);
  const host = nonEmpty('host', values.host);
  for (const flag of own) {
    const raw = values[flag.name];
    const value = flag.integer ? integerFlag(flag.name, raw, ...flag.integer) : nonEmpty(flag.name, raw);
    if (value !== undefined) flag.apply(options, value);
  }
  if (controlToken !== undefined) options.controlToken = controlToken;
  if (host !== undefined) options.host = host;
  return options as SandboxOptionsOf<R>;
}

/** The one line of stdout: the contract with scripts and tests that spawn the sandbox. */
export function cliLine<R extends Registry>(sandbox: RunningSandboxOf<R>, registry: R): string {
  const apis = sandbox.apis as Record<string, Record<string, unknown>>;
  const entries = Object.entries(registry).map(([kind, r]) => {
    const credentials = apis[kind] ?? {};
    return [kind, r.cliKeys ? Object.fromEntries(r.cliKeys.map((k) => [k, credentials[k]])) : credentials];
  });
  return JSON.stringify({ url: sandbox.url, controlToken: sandbox.controlToken, ...Object.fromEntries(entries) });
}
