// Two targets: the extension (Node, CommonJS, `vscode` external) and the webview forms (browser,
// ESM). Both are minified so the size report measures what ships; a bundle over its budget fails
// the build rather than growing silently.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

// Bundles loaded on first use. CommonJS output cannot be split by esbuild, so each module below is
// an entry point of its own (dist/<name>.js) and every import of it from another module becomes
// `require('./<name>.js')`: the activation path stays small, and a module (with its classes, checked
// with instanceof, and its state) lives in exactly one bundle. Activation code must reach the heavy
// ones only through a require() at first use: a static import is a require at load.
// zod is not one of them: as an entry point all of zod/mini would ship (400 KB) instead of what the
// schemas use. connectionSchema.js and onDemand.js (and sandbox.js) each carry the part they use; no schema or
// zod error crosses from one of them to another, so the copies never meet.
const OWN_BUNDLES = {
  // ApiError is thrown by the HTTP client and checked by the tree.
  errors: 'src/core/errors.ts',
  // The redactor: made at activation, fed by every client.
  redact: 'src/core/redact.ts',
  // The connection list: read by the tree at first paint, written by the commands.
  store: 'src/connections/store.ts',
  // The stored connections' schema, with the part of zod it uses: required by the store at its
  // first read (the tree's first paint), so activation compiles none of zod.
  connectionSchema: 'src/connections/connectionSchema.ts',
  // Commands, forms, providers, the HTTP client and node-fetch: loaded by the first command, the
  // first expansion of a connection, or a form panel restored after a reload.
  onDemand: 'src/onDemand.ts',
  // Try the Sandbox.
  sandbox: 'src/sandbox/server.ts',
  // CSV reading and writing (papaparse), for the import and the export: outside onDemand's budget.
  csv: 'src/csv/index.ts',
};
const bundleOf = new Map(Object.entries(OWN_BUNDLES).map(([name, file]) => [resolve(file), name]));

function candidates(path) {
  const p = path.replace(/\.js$/, '');
  return [p, `${p}.ts`, join(p, 'index.ts')];
}

const ownBundles = {
  name: 'own-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      for (const c of candidates(resolve(args.resolveDir, args.path))) {
        const name = bundleOf.get(c);
        if (name) return { path: `./${name}.js`, external: true };
      }
      return undefined;
    });
  },
};

/** @type {esbuild.BuildOptions} */
const extension = {
  entryPoints: { extension: 'src/extension.ts', ...OWN_BUNDLES },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [dropStreamsPolyfill, ownBundles],
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

/** Source files with a class that ended up in more than one bundle (instanceof would then lie). */
function classesInTwoBundles(metafile) {
  const seen = new Map();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(out.inputs)) {
      if (!input.startsWith('src/')) continue;
      seen.set(input, [...(seen.get(input) ?? []), file]);
    }
  }
  return [...seen].filter(([input, files]) => files.length > 1 && /^\s*(export\s+)?(abstract\s+)?class\s/m.test(readFileSync(input, 'utf8')));
}

function report(name, result, budget) {
  const rows = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  let failed = false;
  for (const [file, out] of rows) {
    const over = out.bytes > budget;
    failed ||= over;
    console.log(`${over ? '✗' : '✓'} ${file.padEnd(36)} ${(out.bytes / KB).toFixed(1).padStart(7)} KB  (budget ${budget / KB} KB)`);
  }
  for (const [input, files] of classesInTwoBundles(result.metafile)) {
    failed = true;
    console.log(`✗ ${input} declares a class and is in ${files.join(', ')}: give it a bundle of its own (OWN_BUNDLES)`);
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
