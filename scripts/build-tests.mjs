// Bundles the extension-host integration suite (test/integration/index.ts + *.test.ts) into
// out/test/integration/*.js, CommonJS, with `vscode` and `mocha` left to the extension host's require.
// Used by scripts/run-integration.ts (code-server) and test/integration/runElectron.ts (VS Code desktop).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'test', 'integration');
const outDir = join(root, 'out', 'test', 'integration');

export async function buildIntegrationTests() {
  const entries = readdirSync(srcDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(srcDir, f));
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { outDir, index: join(outDir, 'index.js'), files: entries.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  const r = await buildIntegrationTests();
  console.log(`built ${r.files} integration test module(s) into ${r.outDir} in ${Date.now() - t} ms`);
}
