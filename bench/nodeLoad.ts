// Activation cross-checks in plain Node: how long require(bundle) and activate() take outside VS Code,
// with a stub `vscode`, and what the load would cost without the sandbox code in the bundle.
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { REPO_ROOT, exec, median, round } from './lib';

// Requires the bundle with a stub `vscode` (every name @types/vscode exports, each a do-anything
// Proxy), then calls activate() with a stub context. A cold process each time, no tsx hooks. With
// "preload", the Node built-ins the bundle uses are loaded first, as they already are in a host.
const NODE_PROBE = String.raw`
const Module = require('module');
const fs = require('fs');
const { performance } = require('perf_hooks');
const [bundle, mode, types] = process.argv.slice(1);
if (mode === 'preload') for (const m of ['buffer', 'crypto', 'fs', 'http', 'https', 'net', 'process', 'stream', 'stream/web', 'url', 'util', 'zlib', 'worker_threads']) require(m);
function any(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(t, p) {
      if (p === 'then') return undefined;
      if (p === 'prototype') return fn.prototype;
      if (p === Symbol.toPrimitive) return () => 0;
      if (p === Symbol.iterator) return function* () {};
      return any(name + '.' + String(p));
    },
    apply() { return any(name + '()'); },
    construct() { return any('new ' + name); },
  });
}
const vscodeStub = {};
for (const m of fs.readFileSync(types, 'utf8').matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm)) vscodeStub[m[1]] = any(m[1]);
const load = Module._load;
Module._load = function (request) { return request === 'vscode' ? vscodeStub : load.apply(this, arguments); };
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} }; };
const context = {
  subscriptions: [], globalState: memento(), workspaceState: memento(), extensionMode: 1, extensionUri: any('uri'),
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
};
const t0 = performance.now();
const ext = require(bundle);
const loadMs = performance.now() - t0;
let activateMs = null, activateError = null;
try { const t1 = performance.now(); ext.activate(context); activateMs = performance.now() - t1; } catch (e) { activateError = String(e && e.message || e); }
console.log(JSON.stringify({ loadMs, activateMs, activateError }));
process.exit(0);
`;

export interface LoadFigures {
  loadMs: number;
  minMs: number;
  activateMs: number | null;
  error?: string;
}

async function once(bundle: string, mode: 'cold' | 'preload'): Promise<{ loadMs: number; activateMs: number | null; activateError: string | null }> {
  const types = join(REPO_ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts');
  const r = await exec(process.execPath, ['-e', NODE_PROBE, bundle, mode, types], { timeoutMs: 30_000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !last.startsWith('{')) throw new Error(`plain-Node load of ${bundle} failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(last) as { loadMs: number; activateMs: number | null; activateError: string | null };
}

/** Runs the cases round-robin (so a busy moment on the machine hits them alike), `runs` times each. */
async function measure(cases: Array<{ bundle: string; mode: 'cold' | 'preload' }>, runs: number): Promise<LoadFigures[]> {
  const raw = cases.map(() => ({ loads: [] as number[], activates: [] as number[], error: undefined as string | undefined }));
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of cases.entries()) {
      const j = await once(c.bundle, c.mode);
      raw[k]!.loads.push(j.loadMs);
      if (j.activateMs !== null) raw[k]!.activates.push(j.activateMs);
      if (j.activateError) raw[k]!.error = j.activateError;
    }
  }
  return raw.map((r) => ({
    loadMs: round(median(r.loads), 1),
    minMs: round(Math.min(...r.loads), 1),
    activateMs: r.activates.length ? round(median(r.activates), 1) : null,
    error: r.error,
  }));
}

/** esbuild.mjs's extension build (minified), optionally with some imports replaced by an empty module. */
async function variant(outfile: string, emptied: RegExp[], entry = join(REPO_ROOT, 'src', 'extension.ts')): Promise<number> {
  const plugins = [/^web-streams-polyfill(\/|$)/, ...emptied].map((filter, i) => ({
    name: `empty-${i}`,
    setup(build: esbuild.PluginBuild) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: `empty-${i}` }));
      build.onLoad({ filter: /.*/, namespace: `empty-${i}` }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  }));
  const r = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  return Object.values(r.metafile.outputs)[0]!.bytes;
}

export interface NodeCrossCheck {
  empty: LoadFigures;
  cold: LoadFigures;
  preloaded: LoadFigures;
  withoutSandbox: LoadFigures & { kb: number };
  sameBuild: LoadFigures & { kb: number };
  schemasOnly: LoadFigures & { kb: number };
}

export async function nodeCrossCheck(dir: string, runs = 7): Promise<NodeCrossCheck> {
  const dist = join(REPO_ROOT, 'dist', 'extension.js');
  // "What if the sandbox were loaded on first use": the same build with src/sandbox/server emptied,
  // next to a fresh build of the full bundle. zod's share: its runtime plus the Bitsight client's
  // schemas, built at import as everywhere else.
  const full = join(dir, 'full.js');
  const lean = join(dir, 'without-sandbox.js');
  const schemas = join(dir, 'schemas.js');
  const fullKB = round((await variant(full, [])) / 1024, 1);
  const leanKB = round((await variant(lean, [/\/sandbox\/server(\.js)?$/])) / 1024, 1);
  const schemasKB = round((await variant(schemas, [], join(REPO_ROOT, 'src', 'providers', 'bitsight', 'schemas.ts'))) / 1024, 1);
  const empty = join(REPO_ROOT, 'bench', 'fixtures', 'empty-extension', 'extension.js');
  const [emptyExt, cold, preloaded, sameBuild, withoutSandbox, schemasOnly] = await measure(
    [
      { bundle: empty, mode: 'preload' },
      { bundle: dist, mode: 'cold' },
      { bundle: dist, mode: 'preload' },
      { bundle: full, mode: 'preload' },
      { bundle: lean, mode: 'preload' },
      { bundle: schemas, mode: 'preload' },
    ],
    runs,
  );
  return {
    empty: emptyExt!,
    cold: cold!,
    preloaded: preloaded!,
    sameBuild: { ...sameBuild!, kb: fullKB },
    withoutSandbox: { ...withoutSandbox!, kb: leanKB },
    schemasOnly: { ...schemasOnly!, kb: schemasKB },
  };
}
