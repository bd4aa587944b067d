// Standalone sandbox: `npm run sandbox -- [flags]` (the common flags and those the registered APIs
// declare; see `usage` in commandLine.ts). Prints exactly one JSON line to stdout once listening
// (scripts and tests read it), then serves until SIGINT/SIGTERM. Bad flags: a message on stderr
// and exit code 2.
import { SANDBOX_APIS } from './apis.js';
import type { SandboxOptions } from './server.js';
import { startSandbox } from './server.js';
import { UsageError, cliLine, parseCliArgs, usage } from './commandLine.js';

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseCliArgs(process.argv.slice(2), SANDBOX_APIS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sandbox: ${error.message}\n${usage(SANDBOX_APIS)}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  console.log(cliLine(sandbox, SANDBOX_APIS));
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
