// Figure 3: activation time in a real extension host (code-server + headless Chromium, the test
// harness), split into the extension's own part and the host's, plus plain-Node cross-checks.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type Browser } from '../test/harness/browser';
import { startCodeServer, workbenchUrl, type CodeServer } from '../test/harness/codeServer';
import { bundleForExtensionHost } from '../test/harness/hostBundle';
import type { ProbeResult } from './activationProbe';
import { REPO_ROOT, median, round, type Row, type SectionResult } from './lib';

import { nodeCrossCheck } from './nodeLoad';
import { extensionComposition } from './size';

/** An extension that does nothing, activated the same way in the same host: the reference. */
export const EMPTY_EXTENSION = join(REPO_ROOT, 'bench', 'fixtures', 'empty-extension');

/** Fresh workbenches measured as soon as the extension host runs the probe; an even count, so ours and the empty one go first equally often. */
const RUNS = 4;
/** One more, after letting the workbench finish starting: what a later click on the view costs. */
const SETTLE_MS = 8000;
/** Stop starting new workbenches once this much time went into them (keeps the bench < 5 min). */
const BUDGET_MS = 120_000;
const RUN_TIMEOUT_MS = 120_000;

type Run = ProbeResult & { wallS: number };

async function buildProbe(dir: string): Promise<string> {
  return bundleForExtensionHost(join(REPO_ROOT, 'bench', 'activationProbe.ts'), join(dir, 'activationProbe.js'));
}

/**
 * Installs the empty extension as a user extension of this code-server: the web workbench takes one
 * extensionDevelopmentPath (a second replaces the first), but the host loads every extension in
 * --extensions-dir. Done after the server started and before the workbench connects, which is when
 * the remote extension host scans that folder. code-server 4.100 reads the folder through the
 * default profile's extensions.json (an unlisted folder is not loaded), so that file lists it.
 */
function installEmpty(extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(join(EMPTY_EXTENSION, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const folder = `${id}-${manifest.version}`;
  const location = join(extensionsDir, folder);
  cpSync(EMPTY_EXTENSION, location, { recursive: true });
  const entry = { identifier: { id }, version: manifest.version, location: { $mid: 1, scheme: 'file', path: location }, relativeLocation: folder, metadata: { installedTimestamp: Date.now(), source: 'resource' } };
  writeFileSync(join(extensionsDir, 'extensions.json'), JSON.stringify([entry]));
}

/** One fresh code-server + Chromium; the probe runs as the workbench's extension test module. */
async function measureOnce(probe: string, outFile: string, settleMs: number, order: 'ours-first' | 'empty-first'): Promise<Run> {
  const t0 = Date.now();
  let cs: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    cs = await startCodeServer({
      extensionDevelopmentPath: REPO_ROOT,
      env: { PC_BENCH_OUT: outFile, PC_BENCH_SETTLE_MS: String(settleMs), PC_BENCH_ORDER: order },
      settings: { 'portfolioContacts.sandbox.autoStart': false },
    });
    installEmpty(cs.extensionsDir);
    let done!: (code: number) => void;
    const finished = new Promise<number>((r) => (done = r));
    browser = await launchBrowser({
      forwardConsole: false,
      beforeGoto: async (page: Page) => {
        await page.exposeFunction('codeAutomationLog', () => undefined);
        await page.exposeFunction('codeAutomationExit', (code: number) => done(Number(code)));
      },
    });
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`no codeAutomationExit within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
    });
    await Promise.race([openWorkbench(browser.page, workbenchUrl(cs, { extensionTestsPath: probe })), timeout]);
    const code = await Promise.race([finished, timeout]);
    let result: ProbeResult;
    if (existsSync(outFile)) result = JSON.parse(readFileSync(outFile, 'utf8')) as ProbeResult;
    else {
      const line = browser.consoleLines.find((l) => l.includes('PC_BENCH_ACTIVATION'));
      if (!line) throw new Error(`the probe wrote no result (exit code ${code})`);
      result = JSON.parse(line.slice(line.indexOf('{'))) as ProbeResult;
    }
    if (result.ms === undefined) throw new Error(`activation probe failed: ${result.error}`);
    return { ...result, wallS: (Date.now() - t0) / 1000 };
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await cs?.stop().catch(() => undefined);
  }
}

const med = (xs: Array<number | undefined>): number | null => {
  const ok = xs.filter((x): x is number => typeof x === 'number');
  return ok.length ? round(median(ok), 1) : null;
};
const list = (runs: Run[], k: keyof ProbeResult) => runs.map((r) => (typeof r[k] === 'number' ? round(r[k] as number, 1) : '?')).join(', ');

/** Our part = compile+evaluate the bundle + activate(); the host's part = the rest of ext.activate(). */
function split(runs: Run[]) {
  const total = round(median(runs.map((r) => r.ms!)), 1);
  const evalMs = med(runs.map((r) => r.evalMs));
  const callMs = med(runs.map((r) => r.activateCallMs));
  const hostMs = med(runs.map((r) => r.ms! - (r.evalMs ?? 0) - (r.activateCallMs ?? 0)));
  return { total, evalMs, callMs, hostMs };
}

export async function activation(): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-activation-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const probe = await buildProbe(dir);
    const runs: Run[] = [];
    let settled: Run | undefined;
    const t0 = Date.now();
    for (let i = 0; i <= RUNS; i++) {
      if (i > 0 && Date.now() - t0 > BUDGET_MS) {
        notes.push(`Stopped after ${i} workbench run(s): the ${BUDGET_MS / 1000} s budget for this section was used up.`);
        break;
      }
      // Alternating which goes first, so neither always meets the host's warm-up.
      if (i < RUNS) runs.push(await measureOnce(probe, join(dir, `result-${i}.json`), 0, i % 2 ? 'empty-first' : 'ours-first'));
      else settled = await measureOnce(probe, join(dir, 'result-settled.json'), SETTLE_MS, 'ours-first');
    }
    const all = runs.map((r) => round(r.ms!, 1));
    const wasActive = [...runs, ...(settled ? [settled] : [])].some((r) => r.wasActive);
    if (wasActive) notes.push('WARNING: the extension was already active before ext.activate() in at least one run, so that figure is not an activation time.');
    const s = split(runs);
    rows.push({
      label: `activation: await ext.activate(), fresh code-server extension host (median of ${all.length})`,
      value: s.total,
      unit: 'ms',
      target: 20,
      note: `runs: ${all.join(', ')} ms; isActive before: ${runs.map((r) => r.wasActive).join('/')}`,
    });
    rows.push({ label: '  ours: compile + evaluate dist/extension.js (Module._compile)', value: s.evalMs, unit: 'ms', note: `runs: ${list(runs, 'evalMs')}` });
    rows.push({ label: "  ours: the extension's activate() call", value: s.callMs, unit: 'ms', note: `runs: ${list(runs, 'activateCallMs')}` });
    rows.push({ label: "  host: the rest of ext.activate() (context, storage RPC, busy start-up host)", value: s.hostMs, unit: 'ms' });
    rows.push({ label: '  host marks will→didLoadExtensionCode (file read + compile + evaluate)', value: med(runs.map((r) => r.codeLoadingMs)), unit: 'ms', note: `runs: ${list(runs, 'codeLoadingMs')} (1 ms resolution)` });
    const own = (m: { evalMs?: number; activateCallMs?: number }) => (m.evalMs ?? 0) + (m.activateCallMs ?? 0);
    const oursOwn = round(median(runs.map(own)), 1);
    // The empty extension is a user extension of the same code-server (installEmpty), activated by
    // the same probe in the same host, before or after ours (alternating), so both see the same host.
    const withEmpty = runs.filter((r) => r.empty?.ms !== undefined);
    if (withEmpty.length < runs.length) notes.push(`The empty extension was measured in ${withEmpty.length} of ${runs.length} runs: ${[...new Set(runs.map((r) => r.empty?.error).filter(Boolean))].join('; ')}`);
    const emptyOwn = withEmpty.length ? round(median(withEmpty.map((r) => own(r.empty!))), 2) : null;
    const emptyTotal = withEmpty.length ? round(median(withEmpty.map((r) => r.empty!.ms!)), 1) : null;
    // Per run, in the same host: what ours costs beyond what any extension costs.
    const diffs = withEmpty.map((r) => own(r) - own(r.empty!));
    const ownMinusEmpty = diffs.length ? round(median(diffs), 1) : null;
    const ownToEmpty = emptyOwn ? round(oursOwn / emptyOwn, 0) : null;
    rows.push({ label: 'OURS: load + activate() (compile/evaluate every file of ours + the activate() call)', value: oursOwn, unit: 'ms', target: 10, note: `runs: ${runs.map((r) => round(own(r), 1)).join(', ')}; order ${runs.map((r) => r.order).join('/')}` });
    rows.push({ label: '  EMPTY extension, same host run, same probe and measure', value: emptyOwn, unit: 'ms', note: withEmpty.length ? `runs: ${withEmpty.map((r) => round(own(r.empty!), 2)).join(', ')}` : 'not measured' });
    rows.push({ label: '  ours − empty (median of the per-run differences)', value: ownMinusEmpty, unit: 'ms', note: `runs: ${diffs.map((d) => round(d, 1)).join(', ')}` });
    rows.push({ label: '  ours / empty', value: ownToEmpty, unit: '×', note: 'the empty one is a 2-line file: a ratio over ~0.1 ms says little, the difference above is the figure' });
    rows.push({ label: '  EMPTY extension: await ext.activate() in all (host included)', value: emptyTotal, unit: 'ms', note: `ours ${s.total} ms` });
    rows.push({ label: '  files of ours compiled during activation', value: [...new Set(runs.flatMap((r) => r.loaded ?? []))].join(', ') });
    const paints = runs.filter((r) => typeof r.firstPaintMs === 'number');
    const firstPaintMs = paints.length ? round(median(paints.map((r) => r.firstPaintMs!)), 1) : null;
    rows.push({ label: 'first paint: tree.getChildren() of the root right after activation', value: firstPaintMs, unit: 'ms', note: `loads ${[...new Set(paints.flatMap((r) => r.firstPaintLoaded ?? []))].join(', ') || 'nothing more'}` });
    if (settled) {
      rows.push({
        label: `same, workbench left to settle ${SETTLE_MS / 1000} s first (1 run)`,
        value: round(settled.ms!, 1),
        unit: 'ms',
        target: 20,
        note: `ours ${round((settled.evalMs ?? 0) + (settled.activateCallMs ?? 0), 1)} ms (load ${round(settled.evalMs ?? NaN, 1)} + activate() ${round(settled.activateCallMs ?? NaN, 1)}), host ${round(settled.ms! - (settled.evalMs ?? 0) - (settled.activateCallMs ?? 0), 1)} ms`,
      });
    }
    rows.push({ label: '  workbench start → result, per run', value: [...runs, ...(settled ? [settled] : [])].map((r) => `${r.wallS.toFixed(1)} s`).join(', ') });

    const node = await nodeCrossCheck(dir);
    // Min of 7 as the figure: on a shared 2-core machine the median mostly measures the neighbours.
    const mn = (f: { minMs: number; loadMs: number }) => ({ value: f.minMs, unit: 'ms', note: `min of 7 (median ${f.loadMs})` });
    rows.push({ label: 'plain Node: require(dist/extension.js), stub vscode, cold process', ...mn(node.cold) });
    rows.push({ label: 'plain Node: same, the Node built-ins it uses preloaded (as in a host)', ...mn(node.preloaded) });
    rows.push({ label: 'plain Node: activate() with stub vscode/context', value: node.preloaded.activateMs, unit: 'ms', note: node.preloaded.error ? `activate threw: ${node.preloaded.error}` : 'median of 7' });
    rows.push({ label: 'plain Node: the EMPTY extension, same probe (built-ins preloaded)', ...mn(node.empty) });
    rows.push({ label: '  plain Node: ours / empty (load + activate())', value: round((node.preloaded.minMs + (node.preloaded.activateMs ?? 0)) / Math.max(0.1, node.empty.minMs + (node.empty.activateMs ?? 0)), 1), unit: '×' });
    rows.push({ label: `plain Node, everything in one bundle as before the split (${node.sameBuild.kb} KB, sandbox included)`, ...mn(node.sameBuild) });
    rows.push({ label: `plain Node, one bundle with src/sandbox/server emptied (${node.withoutSandbox.kb} KB: the old dist/extension.js)`, ...mn(node.withoutSandbox) });
    rows.push({ label: `plain Node, zod runtime + the Bitsight client's schemas alone (${node.schemasOnly.kb} KB)`, ...mn(node.schemasOnly) });
    const parts = extensionComposition();
    notes.push(
      'Method: a fresh code-server per run; the workbench loads bench/activationProbe.ts (esbuild, vscode external) as extensionTestsPath; it checks ext.isActive === false and ' +
        'times `await ext.activate()` with performance.now() inside the extension host, wrapping Module.prototype._compile (for the bundle) and the exported activate() to split it up; result via $PC_BENCH_OUT. ' +
        'The first runs activate while the workbench is still starting (built-in extensions, file watcher, first RPC traffic), the settled run 8 s later.',
    );
    notes.push(`dist/extension.js by source (KB minified): ${parts.slice(0, 6).map((p) => `${p.group} ${p.kb}`).join(', ')}. Activation compiles it plus the small bundles it requires (listed above); dist/onDemand.js (commands, forms, providers, HTTP client, node-fetch, schemas) and dist/sandbox.js load at first use.`);
    const ours = (s.evalMs ?? 0) + (s.callMs ?? 0);
    const settledOurs = settled ? (settled.evalMs ?? 0) + (settled.activateCallMs ?? 0) : undefined;
    if (s.total > 20 || (settled && settled.ms! > 20)) {
      const saved = round(node.sameBuild.minMs - node.withoutSandbox.minMs, 1);
      const hostDominates = (s.hostMs ?? 0) > ours;
      notes.push(
        `Target missed. At start-up the ${hostDominates ? "host's own part dominates" : 'extension\'s own part dominates'} (host ${s.hostMs} ms, ours ${round(ours, 1)} ms of ${s.total} ms; ` +
          'the host part is the extension host creating the context, waiting on storage over RPC while it is busy starting the workbench — nothing the extension can remove)' +
          (settled ? `; when settled, ours is ${round(settledOurs!, 1)} of ${round(settled.ms!, 1)} ms` : '') +
          `. Our part is almost all compiling and evaluating the bundle (activate() itself: ${s.callMs} ms). ` +
          `Plain Node agrees (${node.preloaded.minMs} ms to require it with built-ins preloaded, best of 7). The sandbox (dist/sandbox.js) and the Bitsight client already load on first use ` +
          `(a build with the sandbox emptied differs by ~${saved} ms, i.e. nothing left to gain there); zod's runtime with the client's schemas costs ${node.schemasOnly.minMs} ms on its own. ` +
          'What would close more of our part: build the remaining schemas (connection store, settings, journals) lazily rather than at import, and split the form/bulk code into on-demand chunks ' +
          '(esbuild splits only ESM output; a CommonJS split must not duplicate classes that are checked with instanceof, such as ApiError).' +
          ((s.hostMs ?? 0) > 20 ? ` Even then, ≤ 20 ms end-to-end at start-up is below what this host alone took (${s.hostMs} ms); a target on our own part (load + activate()) is the one the extension controls.` : ''),
      );
    }
    return {
      title: 'Activation',
      rows,
      figures: {
        activationMs: s.total,
        activationRunsMs: all,
        activationWasActive: wasActive,
        activationOwnMs: round(ours, 1),
        activationOwnMedianMs: oursOwn,
        activationEmptyOwnMs: emptyOwn,
        activationEmptyMs: emptyTotal,
        activationOwnToEmpty: ownToEmpty,
        activationOwnMinusEmptyMs: ownMinusEmpty,
        activationEmptyOwnRunsMs: withEmpty.map((r) => round(own(r.empty!), 2)),
        activationOwnRunsMs: runs.map((r) => round(own(r), 1)),
        activationOrder: runs.map((r) => r.order),
        activationLoadedFiles: [...new Set(runs.flatMap((r) => r.loaded ?? []))],
        firstPaintMs,
        activationEvalMs: s.evalMs,
        activationCallMs: s.callMs,
        activationHostMs: s.hostMs,
        activationSettledMs: settled ? round(settled.ms!, 1) : null,
        activationSettledOwnMs: settledOurs !== undefined ? round(settledOurs, 1) : null,
        nodeRequireEmptyMs: node.empty.minMs,
        nodeRequireColdMs: node.cold.minMs,
        nodeRequirePreloadedMs: node.preloaded.minMs,
        nodeActivateCallMs: node.preloaded.activateMs,
        nodeRequireSameBuildMs: node.sameBuild.minMs,
        nodeRequireWithoutSandboxMs: node.withoutSandbox.minMs,
        nodeRequireZodAndSchemasMs: node.schemasOnly.minMs,
      },
      notes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
