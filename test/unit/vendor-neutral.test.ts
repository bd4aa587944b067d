// Issue 8's "done": outside the vendor folders and the registries, no source file names a vendor or
// a vendor's vocabulary, comments included (API_LABELS is the one place the names are spelt).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const VOCABULARY = /bitsight|kare\b|guidewire|point of contact|vendor_access_request|nbInsertion|primaryContactReference/i;
const ALLOWED = /^src\/(providers|sandbox)\/(bitsight|kare|guidewire)\/|^src\/providers\/index\.ts$|^src\/sandbox\/(apis|index|registry|connections)\.ts$/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

it('no generic source file names a vendor or its vocabulary, bar the API_LABELS line', () => {
  const files = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'webview'))].filter((f) => !ALLOWED.test(f));
  assert.ok(files.some((f) => f === 'src/protocol/forms.ts'), `the generic sources were found (${files.length})`);
  const hits = files.flatMap((f) =>
    readFileSync(join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (VOCABULARY.test(line) && !/^export const API_LABELS = /.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(hits, []);
});
