// `npm run bench`: measures and prints figures (not pass/fail). A table per section, then as the
// very last line one JSON object with every figure. Targets are marked ✓/✗ but never change the
// exit code; it is non-zero only when a measurement itself crashed.
//   node --expose-gc --import tsx bench/run.ts [--only sizes,vsix,portfolio,health,bulk,bulkKare,import,activation,matching]
import { loadavg } from 'node:os';
import { activation } from './activation';
import { bulk } from './bulk';
import { bulkKare } from './bulkKare';
import { importBench } from './import';
import { met, type Row, type SectionResult } from './lib';
import { health } from './health';
import { matching } from './matching';
import { portfolio } from './portfolio';
import { bundleSizes, vsixSize } from './size';

// Order matters: the build comes first (the package and the workbench use dist/), and the
// in-process measurements run before anything else has warmed the modules they time.
const SECTIONS: Array<[string, () => Promise<SectionResult>]> = [
  ['sizes', bundleSizes],
  ['vsix', vsixSize],
  ['portfolio', portfolio],
  ['health', health],
  ['bulk', bulk],
  ['bulkKare', bulkKare],
  ['import', importBench],
  ['activation', activation],
  ['matching', matching],
];

function formatRow(r: Row): string {
  const ok = met(r);
  const mark = ok === undefined ? ' ' : ok ? '✓' : '✗';
  const value = r.value === null ? 'n/a' : typeof r.value === 'number' ? r.value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : r.value;
  const target = r.target === undefined ? '' : `target ≤ ${r.target}${r.unit && r.unit !== '×' ? ` ${r.unit}` : ''}`;
  const cells = `${mark} ${r.label.padEnd(84)} ${value.padStart(10)} ${(r.unit ?? '').padEnd(3)}`;
  return [cells, target.padEnd(17), r.note ?? ''].join(' ').trimEnd();
}

function print(s: SectionResult, seconds: number): void {
  console.log(`\n== ${s.title} (${seconds.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(2)})`);
  for (const r of s.rows) console.log(formatRow(r));
  for (const n of s.notes) console.log(`   · ${n}`);
}

async function main(): Promise<number> {
  const flag = process.argv.indexOf('--only');
  const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (flag >= 0 ? process.argv[flag + 1] : undefined))?.split(',');
  const selected = only ? SECTIONS.filter(([name]) => only.includes(name)) : SECTIONS;
  const t0 = Date.now();
  const figures: Record<string, unknown> = {};
  const crashed: string[] = [];
  const missed: string[] = [];
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`Portfolio Contacts bench — node ${process.version}, ${new Date().toISOString()}, load average ${load()}${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: heap figures unavailable)'}`);
  for (const [name, fn] of selected) {
    const started = Date.now();
    try {
      const s = await fn();
      print(s, (Date.now() - started) / 1000);
      Object.assign(figures, s.figures);
      for (const r of s.rows) if (met(r) === false) missed.push(r.label.trim());
    } catch (e) {
      crashed.push(name);
      console.log(`\n== ${name}: MEASUREMENT CRASHED after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(String(e instanceof Error ? (e.stack ?? e.message) : e).replace(/^/gm, '   '));
    }
  }
  console.log(`\nTotal ${((Date.now() - t0) / 1000).toFixed(1)} s, load average now ${load()}. Targets missed: ${missed.length ? missed.join('; ') : 'none'}.${crashed.length ? ` Crashed: ${crashed.join(', ')}.` : ''}`);
  console.log(JSON.stringify({ ...figures, targetsMissed: missed, crashed }));
  return crashed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
