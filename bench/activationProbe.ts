// Runs inside a real extension host (code-server), loaded as the workbench's extensionTestsPath.
// Times `ext.activate()` = loading dist/extension.js + running activate() + the host's own work,
// and splits it up:
//  - evalMs: Module.prototype._compile of dist/extension.js (compile + top-level evaluation),
//  - activateCallMs: the extension's activate() function itself,
//  - codeLoadingMs: the host's own marks code/extHost/{will,did}LoadExtensionCode/<id> (ms resolution).
// The same is measured for bench/fixtures/empty-extension in the same host (PC_BENCH_ORDER says which
// goes first), and for ours the first paint: the tree's root children right after activation.
// Writes the result to the file named by PC_BENCH_OUT (code-server's environment reaches the host).
// Bundled by bench/activation.ts with esbuild, `vscode` external.
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
export const EMPTY_ID = 'portfolio-contacts-bench.empty-extension';

export interface Measured {
  ms?: number;
  wasActive?: boolean;
  evalMs?: number;
  activateCallMs?: number;
  codeLoadingMs?: number;
  /** Files of the extension compiled while activating (ours: which dist/ bundles it loads). */
  loaded?: string[];
  error?: string;
}

export interface ProbeResult extends Measured {
  empty?: Measured;
  /** Ours first or the empty one first. */
  order?: 'ours-first' | 'empty-first';
  /** tree.getChildren() of the root right after activation, and what it compiled. */
  firstPaintMs?: number;
  firstPaintLoaded?: string[];
}

type Compile = (this: { exports: Record<string, unknown> }, content: string, filename: string) => unknown;

/** Times the compile+evaluation of `main` and its activate() call, by wrapping Module.prototype._compile once. */
function instrument(main: string, result: Measured): () => void {
  const proto = (Module as unknown as { prototype: { _compile: Compile } }).prototype;
  const original = proto._compile;
  const root = dirname(main);
  result.loaded = [];
  proto._compile = function (content, filename) {
    if (filename.startsWith(root)) result.loaded!.push(relative(root, filename));
    if (filename !== main) return original.call(this, content, filename);
    const t0 = performance.now();
    const out = original.call(this, content, filename);
    result.evalMs = performance.now() - t0;
    const activate = this.exports.activate;
    if (typeof activate === 'function') {
      // esbuild's CommonJS exports are getters: hand the host a copy with a timed activate().
      const timed = function (this: unknown, ...args: unknown[]) {
        const t1 = performance.now();
        try {
          return activate.apply(this, args);
        } finally {
          result.activateCallMs = performance.now() - t1;
        }
      };
      this.exports = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(this.exports), activate: { value: timed, enumerable: true } });
    }
    return out;
  };
  return () => (proto._compile = original);
}

function hostCodeLoadingMs(id: string): number | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks;
  const marks = perf?.getMarks() ?? [];
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${id}`)?.startTime;
  const will = at('willLoadExtensionCode');
  const did = at('didLoadExtensionCode');
  return will !== undefined && did !== undefined ? did - will : undefined;
}

async function measure(id: string): Promise<{ result: Measured; exports: unknown }> {
  const result: Measured = {};
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`${id} is not installed in this workbench`);
  result.wasActive = ext.isActive;
  const main = resolve(ext.extensionPath, (ext.packageJSON as { main: string }).main.replace(/(\.js)?$/, '.js'));
  const restore = instrument(main, result);
  let exports: unknown;
  try {
    const t0 = performance.now();
    exports = await ext.activate();
    result.ms = performance.now() - t0;
  } finally {
    restore();
  }
  result.codeLoadingMs = hostCodeLoadingMs(id);
  return { result, exports };
}

export async function run(): Promise<void> {
  const result: ProbeResult = {};
  try {
    // Optionally let the workbench finish starting first (PC_BENCH_SETTLE_MS).
    const settle = Number(process.env.PC_BENCH_SETTLE_MS ?? 0);
    if (settle > 0) await new Promise((r) => setTimeout(r, settle));
    result.order = process.env.PC_BENCH_ORDER === 'empty-first' ? 'empty-first' : 'ours-first';
    const empty = async () => (vscode.extensions.getExtension(EMPTY_ID) ? (await measure(EMPTY_ID)).result : { error: `${EMPTY_ID} is not installed` });
    if (result.order === 'empty-first') result.empty = await empty();
    const ours = await measure(EXTENSION_ID);
    Object.assign(result, ours.result);
    if (result.order === 'ours-first') result.empty = await empty();
    const tree = (ours.exports as { tree?: { getChildren(): unknown } } | undefined)?.tree;
    if (tree) {
      const paint: Measured = {};
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const restore = instrument(resolve(ext.extensionPath, 'dist', '-'), paint);
      try {
        const t0 = performance.now();
        await tree.getChildren();
        result.firstPaintMs = performance.now() - t0;
      } finally {
        restore();
      }
      result.firstPaintLoaded = paint.loaded;
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  const out = process.env.PC_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(result));
  console.log(`PC_BENCH_ACTIVATION ${JSON.stringify(result)}`);
}
