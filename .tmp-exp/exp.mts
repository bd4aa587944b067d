import * as esbuild from 'esbuild';
import { exec, median } from '/work/wt/bench/bench/lib';
import { readFileSync } from 'node:fs';
const src = readFileSync('/work/wt/bench/bench/nodeLoad.ts','utf8');
const probe = /const NODE_PROBE = String.raw`([\s\S]*?)`;\n/.exec(src)![1]!;
const drop = { name: 'd', setup(b: esbuild.PluginBuild) { b.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, (a) => ({ path: a.path, namespace: 'e' })); b.onLoad({ filter: /.*/, namespace: 'e' }, () => ({ contents: 'module.exports={}', loader: 'js' })); } };
async function build(entry: string, out: string) { await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], minify: true, plugins: [drop], logLevel: 'silent' }); return out; }
const cases: Record<string,string> = {
  full: await build('/work/wt/bench/src/extension.ts', '/tmp/bench-nl/full.js'),
  lazy: await build('/tmp/bench-nl/lazyentry.ts', '/tmp/bench-nl/lazy.js'),
  zodmini: await build('/work/wt/bench/src/core/zod.ts', '/tmp/bench-nl/zod.js'),
  nodefetch: await build('/work/wt/bench/node_modules/node-fetch/src/index.js', '/tmp/bench-nl/nf.js'),
};
const types = '/work/wt/bench/node_modules/@types/vscode/index.d.ts';
const res: Record<string, number[]> = {};
for (let i = 0; i < 7; i++) for (const [k, f] of Object.entries(cases)) {
  const r = await exec(process.execPath, ['-e', probe, f, 'preload', types]);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!); (res[k] ??= []).push(j.loadMs);
}
for (const [k, v] of Object.entries(res)) console.log(k, 'min', Math.min(...v).toFixed(1), 'med', median(v).toFixed(1));
