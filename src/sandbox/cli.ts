// Standalone sandbox: `npm run sandbox -- [--port N] [--companies N] [--latency MS]
// [--max-concurrent N] [--seed N] [--token T] [--viewer-token T] [--control-token T] [--host H] [--kare-token-ttl S]`.
// Prints exactly one JSON line to stdout once listening (scripts and tests read it), then serves
// until SIGINT/SIGTERM. Bad flags: a message on stderr and exit code 2.
import { parseArgs } from 'node:util';
import { MAX_COMPANIES } from './bitsight/seed.js';
import type { SandboxOptions } from './server.js';
import { startSandbox } from './server.js';

const USAGE =
  'usage: sandbox [--port N] [--companies N] [--latency MS] [--max-concurrent N] [--seed N] [--token T] [--viewer-token T] [--control-token T] [--host H] [--kare-token-ttl S]';

class UsageError extends Error {}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseCliArgs(argv: string[]): SandboxOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        companies: { type: 'string' },
        latency: { type: 'string' },
        'max-concurrent': { type: 'string' },
        seed: { type: 'string' },
        token: { type: 'string' },
        'viewer-token': { type: 'string' },
        'control-token': { type: 'string' },
        host: { type: 'string' },
        'kare-token-ttl': { type: 'string' },
      },
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options: SandboxOptions = {};
  const port = integerFlag('port', values.port, 0, 65535);
  const companies = integerFlag('companies', values.companies, 0, MAX_COMPANIES);
  const latencyMs = integerFlag('latency', values.latency, 0, 600_000);
  const maxConcurrent = integerFlag('max-concurrent', values['max-concurrent'], 1, 1_000_000);
  const seed = integerFlag('seed', values.seed, 0, 0xffffffff);
  if (port !== undefined) options.port = port;
  if (companies !== undefined) options.companies = companies;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (maxConcurrent !== undefined) options.maxConcurrent = maxConcurrent;
  if (seed !== undefined) options.seed = seed;
  const kareTtl = integerFlag('kare-token-ttl', values['kare-token-ttl'], 1, 86_400 * 365);
  if (kareTtl !== undefined) options.kareAccessTokenTtlSeconds = kareTtl;
  for (const [flag, value] of [['token', values.token], ['viewer-token', values['viewer-token']], ['control-token', values['control-token']], ['host', values.host]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${flag} must not be empty`);
  }
  if (values.token !== undefined) options.tokens = { bitsight: values.token };
  if (values['viewer-token'] !== undefined) options.bitsightViewerToken = values['viewer-token'];
  if (values['control-token'] !== undefined) options.controlToken = values['control-token'];
  if (values.host !== undefined) options.host = values.host;
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sandbox: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  const { bitsight, kare } = sandbox.apis;
  // The one line of stdout: the contract with scripts and tests that spawn the sandbox.
  console.log(JSON.stringify({ url: sandbox.url, controlToken: sandbox.controlToken, bitsight: { baseUrl: bitsight.baseUrl, token: bitsight.token }, kare, guidewire: sandbox.apis.guidewire }));
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
