// The layers DESIGN.md draws, checked on the source: every import under src/ (static, type-only,
// re-export, dynamic import() and require) is resolved to a file, then the forbidden directions and
// any cycle between files fail the test with the offending path.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** [importing folder, imported folder]: the importing side must not depend on the other. */
const FORBIDDEN: Array<[string, string]> = [
  ['src/commands', 'src/tree'],
  ['src/connections', 'src/tree'],
  ['src/tree', 'src/connections'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers a file imports (comments stripped so a quoted example is not an import). */
export function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!).filter((s) => s.startsWith('.'));
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
}

function graph(files: string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) g.set(f, specifiers(readFileSync(f, 'utf8')).map((s) => resolveImport(f, s)).filter((p): p is string => p !== undefined));
  return g;
}

/** Every elementary cycle found by a depth-first search, each as the list of files around it. */
export function cycles(g: Map<string, string[]>): string[][] {
  const out: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of g.get(n) ?? []) {
      if (state.get(m) === 'open') out.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return out;
}

const rel = (p: string) => relative(ROOT, p).split('\\').join('/');

describe('layering of src/', () => {
  const g = graph(sourceFiles(SRC));

  it('reads the imports it checks (the parser finds static, type, re-export and dynamic imports)', () => {
    assert.deepEqual(
      specifiers(`import a from './a';\nimport type { B } from "../b";\nexport * from './c';\nconst d = await import('./d.js');\n// import x from './commented';\nimport 'node:fs';\nconst e = require('./e');`),
      ['./a', '../b', './c', './d.js', './e'],
    );
    assert.ok(g.size > 50, 'the source files were found');
    const extension = g.get(join(SRC, 'extension.ts')) ?? [];
    assert.ok(extension.includes(join(SRC, 'tree/treeProvider.ts')), 'imports resolve to files');
  });

  for (const [from, to] of FORBIDDEN) {
    it(`no file in ${from} imports from ${to}`, () => {
      const bad = [...g].flatMap(([f, deps]) => (rel(f).startsWith(`${from}/`) ? deps.filter((d) => rel(d).startsWith(`${to}/`)).map((d) => `${rel(f)} → ${rel(d)}`) : []));
      assert.deepEqual(bad, []);
    });
  }

  it('finds a cycle when there is one (the check can fail)', () => {
    const fake = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(cycles(fake), [['a', 'b', 'c', 'a']]);
  });

  it('has no import cycle between files', () => {
    assert.deepEqual(cycles(g).map((c) => c.map(rel).join(' → ')), []);
  });
});
