// The .vsix must carry every bundle the extension loads: dist/extension.js requires the others at
// first use, so one left out by .vscodeignore breaks the installed extension at its first command
// while every test run from the repository still passes. Reads the built dist/ (npm test builds first).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

/** What `vsce ls` says the package holds (no network, no zip written). */
function packaged(): Set<string> {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  return new Set(out.split('\n').map((l) => l.trim()).filter(Boolean));
}

/** The relative modules a bundle requires (esbuild writes them as require("./name.js")). */
function requiresOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/require\("\.\/([\w.-]+\.js)"\)/g)].map((m) => `dist/${m[1]}`);
}

describe('the packaged extension', () => {
  it('holds the main bundle and, transitively, every bundle it requires', () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'extension.js')), 'dist/ is not built: run npm run build first (npm test does)');
    const files = packaged();
    const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main.replace(/^\.\//, '');
    assert.ok(files.has(main), `${main} is not in the package`);
    const seen = new Set<string>();
    const queue = [main];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const dep of requiresOf(file)) {
        assert.ok(files.has(dep), `${file} requires ${dep}, which .vscodeignore leaves out of the package`);
        queue.push(dep);
      }
    }
    assert.ok(seen.size > 3, `only ${[...seen].join(', ')} found: the require scan no longer matches the bundles`);
  });
});
