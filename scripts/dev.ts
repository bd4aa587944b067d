// Started by scripts/dev.mjs (`npm start`) once dependencies, the build and code-server are in place:
// runs code-server on 127.0.0.1 with this extension loaded through the workbench URL's
// extensionDevelopmentPath payload and portfolioContacts.sandbox.autoStart on; stops on Ctrl-C.
import { REPO_ROOT, isPortFree, freePort, startCodeServer, workbenchUrl } from '../test/harness/codeServer';

function portArg(): number | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`invalid --port ${raw}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const asked = portArg();
  let port: number;
  if (asked !== undefined) {
    if (!(await isPortFree(asked))) {
      console.error(`port ${asked} is in use; pick another with --port`);
      process.exit(1);
    }
    port = asked;
  } else {
    port = (await isPortFree(8080)) ? 8080 : await freePort();
  }

  const cs = await startCodeServer({
    extensionDevelopmentPath: process.env.PC_EXTENSION_PATH ?? REPO_ROOT,
    port,
    settings: { 'portfolioContacts.sandbox.autoStart': true },
    verbose: process.env.CS_VERBOSE === '1',
  });
  const url = workbenchUrl(cs);
  const line = '─'.repeat(72);
  console.log(`\n${line}`);
  console.log('  Portfolio Contacts is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log('  The sandbox starts by itself: click "Portfolio Contacts" in the activity bar.');
  console.log(`  code-server log: ${cs.logFile}`);
  console.log('  Press Ctrl-C to stop.');
  console.log(`${line}\n`);

  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${sig}: stopping code-server…`);
    await cs.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Keep the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
