// Two targets: the extension (Node, CommonJS, `vscode` external) and the webview forms (browser,
// ESM). Both are minified so the size report measures what ships; a bundle over its budget fails
// the build rather than growing silently.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = !watch;
const KB = 1024;
const BUDGET = { extension: 300 * KB, webview: 150 * KB };

const webviewEntries = existsSync('webview')
  ? readdirSync('webview').filter((f) => /^[a-z][\w-]*\.ts$/.test(f) && !f.endsWith('.d.ts')).map((f) => join('webview', f))
  : [];

// node-fetch's Blob falls back to a 60 KB streams polyfill when globalThis.ReadableStream is
// missing. Node 20 always has it, so the fallback is dead weight: resolve it to an empty module.
const dropStreamsPolyfill = {
  name: 'drop-web-streams-polyfill',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, (args) => ({ path: args.path, namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// The sandbox is its own file, required on first use (Try the Sandbox): most sessions never load
// it, and compiling it is a quarter of the extension's load time. It shares no classes with the
// extension (only types and zod), so a second copy of zod in it is harmless.
const sandboxOnDemand = {
  name: 'sandbox-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/sandbox\/server(\.js)?$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './sandbox.js', external: true } : undefined,
    );
  },
};

/** @type {esbuild.BuildOptions} */
const extension = {
  entryPoints: { extension: 'src/extension.ts', sandbox: 'src/sandbox/server.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [dropStreamsPolyfill, sandboxOnDemand],
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions} */
const webview = {
  entryPoints: webviewEntries,
  outdir: 'dist/webview',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  loader: { '.css': 'text' },
};

function report(name, result, budget) {
  const rows = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  let failed = false;
  for (const [file, out] of rows) {
    const over = out.bytes > budget;
    failed ||= over;
    console.log(`${over ? '✗' : '✓'} ${file.padEnd(36)} ${(out.bytes / KB).toFixed(1).padStart(7)} KB  (budget ${budget / KB} KB)`);
  }
  mkdirSync('dist', { recursive: true });
  writeFileSync(`dist/meta-${name}.json`, JSON.stringify(result.metafile));
  return failed;
}

if (watch) {
  const contexts = [await esbuild.context(extension)];
  if (webviewEntries.length) contexts.push(await esbuild.context(webview));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching src/ and webview/ …');
} else {
  let failed = report('extension', await esbuild.build(extension), BUDGET.extension);
  if (webviewEntries.length) failed = report('webview', await esbuild.build(webview), BUDGET.webview) || failed;
  if (failed) {
    console.error('A bundle is over its size budget (see ✗ above).');
    process.exit(1);
  }
}
