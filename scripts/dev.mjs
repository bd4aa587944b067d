#!/usr/bin/env node
// `npm start`: from a fresh clone to a running VS Code workbench (code-server) with the extension
// loaded from this folder and the sandbox started by itself. Plain Node, no dependencies needed:
// it installs them first.
//   npm start [-- --port 8080] [-- --watch]   (--watch: rebuild on change; reload the window to pick it up)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const watch = argv.includes('--watch');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title, cmd, args) {
  const t = Date.now();
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json')) || !existsSync(join(root, 'node_modules', 'tsx'))) {
  step('install dependencies', npm, ['ci', '--no-audit', '--no-fund']);
}
step('build the extension', npm, ['run', 'build']);
step('install code-server (once)', 'bash', [join(root, 'scripts', 'install-code-server.sh')]);

const children = [];
if (watch) {
  children.push(spawn(npm, ['run', 'watch'], { cwd: root, stdio: 'inherit' }));
}
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'dev.ts'), ...argv], { cwd: root, stdio: 'inherit' });
children.push(server);

let stopping = false;
function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill(sig);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
server.on('exit', (code) => {
  shutdown('SIGTERM');
  process.exit(code ?? 0);
});
