// Figures 1–2: bundle sizes from `npm run build` (its esbuild metafiles) and the packaged .vsix.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KB, REPO_ROOT, exec, round, type Row, type SectionResult } from './lib';

interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

function readMeta(name: string): Metafile {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'dist', `meta-${name}.json`), 'utf8')) as Metafile;
}

/** Which part of the source tree an input belongs to: "src/sandbox", "node_modules/zod", … */
function groupOf(input: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (nm) return `node_modules/${nm[1]}`;
  const src = /^(src\/[^/]+)(\/|$)/.exec(input);
  if (src) return src[1]!.replace(/\.ts$/, '');
  return input.split('/')[0] ?? input;
}

/** KB of dist/extension.js per source group, largest first. */
export function extensionComposition(): Array<{ group: string; kb: number }> {
  const meta = readMeta('extension');
  const out = Object.entries(meta.outputs).find(([f]) => f.endsWith('extension.js'))?.[1];
  if (!out) return [];
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
    groups.set(groupOf(input), (groups.get(groupOf(input)) ?? 0) + bytesInOutput);
  }
  return [...groups].map(([group, bytes]) => ({ group, kb: round(bytes / KB) })).sort((a, b) => b.kb - a.kb);
}

export async function bundleSizes(): Promise<SectionResult> {
  const notes: string[] = [];
  const build = await exec('npm', ['run', 'build'], { timeoutMs: 120_000 });
  // The build exits 1 when a bundle is over budget but still writes its outputs and metafiles.
  if (build.code !== 0) notes.push(`npm run build exited ${build.code}: ${(build.stderr || build.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};

  const ext = Object.entries(readMeta('extension').outputs).find(([f]) => f.endsWith('.js'));
  if (!ext) throw new Error('dist/meta-extension.json lists no .js output');
  figures.extensionBundleKB = round(ext[1].bytes / KB);
  rows.push({ label: `extension bundle (${ext[0]}, the one activation loads)`, value: figures.extensionBundleKB as number, unit: 'KB', target: 300 });
  const others: Record<string, number> = {};
  for (const [file, out] of Object.entries(readMeta('extension').outputs)) {
    if (!file.endsWith('.js') || file === ext[0]) continue;
    others[file] = round(out.bytes / KB);
    rows.push({ label: `  bundle of its own (${file})`, value: others[file]!, unit: 'KB', target: 300 });
  }
  figures.extensionBundlesKB = others;

  const webview: Record<string, number> = {};
  for (const [file, out] of Object.entries(readMeta('webview').outputs)) {
    if (!file.endsWith('.js')) continue;
    webview[file] = round(out.bytes / KB);
    rows.push({ label: `webview bundle (${file})`, value: webview[file]!, unit: 'KB', target: 150 });
  }
  // One webview bundle today: the figure is its size; with several, the largest (each is listed above).
  figures.webviewBundleKB = Math.max(...Object.values(webview));
  figures.webviewBundles = webview;

  const parts = extensionComposition().slice(0, 6);
  notes.push(`dist/extension.js by source (KB in the minified output): ${parts.map((p) => `${p.group} ${p.kb}`).join(', ')}`);
  return { title: 'Bundles (npm run build)', rows, figures, notes };
}

/** The flags of package.json's `package` script (`vsce package …`), without its output path. */
function packageScriptFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.package ?? '').split(/\s+/).filter(Boolean);
  const at = words.indexOf('package');
  const flags = at >= 0 && words[at - 1]?.endsWith('vsce') ? words.slice(at + 1) : [];
  const out = flags.findIndex((w) => w === '-o' || w === '--out');
  if (out >= 0) flags.splice(out, 2);
  return flags.includes('--no-dependencies') ? flags : ['--no-dependencies', ...flags];
}

export async function vsixSize(): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-vsix-'));
  const vsix = join(dir, 'x.vsix');
  const notes: string[] = [];
  try {
    // What `npm run package` builds: its own flags, our output path.
    const flags = packageScriptFlags();
    const base = ['vsce', 'package', ...flags, '-o', vsix];
    let run = await exec('npx', base, { timeoutMs: 120_000 });
    if (run.code !== 0 && /Couldn't detect the repository|will be broken in README/i.test(run.stdout + run.stderr)) {
      // README.md has a relative image and `repository` is not on GitHub/GitLab, so vsce refuses
      // to guess the image's URL. Any base URL works for measuring the size.
      notes.push(
        `\`vsce package ${flags.join(' ')}\` FAILED: "Couldn't detect the repository … will be broken in README.md" (so \`npm run package\` fails too). ` +
          'Measured with --baseImagesUrl/--baseContentUrl https://example.invalid/…; the product fix is a real repository URL, --no-rewrite-relative-links, or an absolute image URL in README.md.',
      );
      run = await exec('npx', [...base, '--baseImagesUrl', 'https://example.invalid/portfolio-contacts/raw/HEAD/', '--baseContentUrl', 'https://example.invalid/portfolio-contacts/blob/HEAD/'], { timeoutMs: 120_000 });
    }
    if (run.code !== 0 || !existsSync(vsix)) throw new Error(`vsce package failed (${run.code}): ${(run.stderr || run.stdout).trim().slice(-800)}`);
    const vsixKB = round(statSync(vsix).size / KB);
    const rows: Row[] = [{ label: `vsix (vsce package ${flags.join(' ')})`, value: vsixKB, unit: 'KB', target: 1024 }];
    // `unzip -v`: Length Method Size Cmpr Date Time CRC-32 Name — one row per file, biggest first.
    const listing = await exec('unzip', ['-v', vsix]);
    const files = listing.stdout
      .split('\n')
      .map((l) => /^\s*(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+[0-9a-f]{8}\s+(.+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[3]!, kb: round(Number(m[1]) / KB), packedKB: round(Number(m[2]) / KB) }))
      .sort((a, b) => b.kb - a.kb);
    for (const f of files) rows.push({ label: `  ${f.name}`, value: f.kb, unit: 'KB', note: `${f.packedKB} KB packed` });
    return { title: 'Package', rows, figures: { vsixKB, vsixFiles: files.map((f) => f.name) }, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
