// Runs Node's test runner over every *.test.ts under the given folders, with tsx, spec reporter.
// Needed because Node 20's `--test` takes no glob patterns and does not look for .ts files itself.
//   node scripts/node-test.mjs test/unit            (npm run test:unit)
//   node scripts/node-test.mjs --serial test/e2e    (npm run test:e2e: one file at a time)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const serial = args.includes('--serial');
const dirs = args.filter((a) => !a.startsWith('--'));
const passthrough = args.filter((a) => a.startsWith('--') && a !== '--serial');

function find(p) {
  if (!existsSync(p)) return [];
  if (statSync(p).isFile()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : find(join(p, e.name))) : /\.test\.[cm]?ts$/.test(e.name) ? [join(p, e.name)] : []))
    .sort();
}

const files = dirs.flatMap(find).map((f) => relative(process.cwd(), f));
if (files.length === 0) {
  console.log(`no *.test.ts files under ${dirs.join(', ')}`);
  console.log('ℹ pass 0\nℹ fail 0');
  process.exit(0);
}
const nodeArgs = ['--import', 'tsx', '--test', '--test-reporter=spec', ...(serial ? ['--test-concurrency=1'] : []), ...passthrough, ...files];
const child = spawn(process.execPath, nodeArgs, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
