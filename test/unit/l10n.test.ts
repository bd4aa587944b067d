import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { format, setTranslator } from '../../src/core/l10n';
import { fieldLabel } from '../../src/forms/import/columns';
import { karePassword } from '../../src/providers/kare/auth';
import { KARE_LABELS } from '../../src/providers/kare/client';
// @ts-expect-error: a plain .mjs script, without type declarations
import { audit, codeKeys, placeholders } from '../../scripts/l10n.mjs';

const root = join(__dirname, '../..');
const json = (p: string): Record<string, string> => JSON.parse(readFileSync(join(root, p), 'utf8'));

describe('localisation: English and French', () => {
  it('every manifest key and every t() message has its English and French text, with the same placeholders, and French has no unused key', () => {
    const { errors } = audit() as { errors: string[] };
    assert.deepEqual(errors, [], `\n${errors.join('\n')}\n(npm run l10n:check lists the same)`);
  });

  it('l10n/bundle.l10n.json is what npm run l10n:export writes from the code', () => {
    const { keys } = codeKeys() as { keys: Map<string, string> };
    assert.deepEqual(Object.keys(json('l10n/bundle.l10n.json')).sort(), [...keys.keys()].sort(), 'run npm run l10n:export');
  });

  it('finds the messages of vscode.l10n.t, l10n.t and the neutral t, not those in comments, templates or other t methods', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l10n-'));
    const file = join(dir, 'sample.ts');
    writeFileSync(
      file,
      [
        "const a = vscode.l10n.t('Hello {0}', x); // t('in a comment')",
        'const b = t("It\'s \\"ok\\"");',
        "/* t('in a block comment') */ const r = /t\\('in a regex'/g; const c = `${t('inside a template')} t('template text')`;",
        'const d = l10n.t(`plain template`);',
        "const e = obj.t('another t method'); t(variable);",
        'export function t(message: string) {}',
      ].join('\n'),
    );
    const { keys, dynamic } = codeKeys([file]) as { keys: Map<string, string>; dynamic: string[] };
    assert.deepEqual([...keys.keys()], ['Hello {0}', 'It\'s "ok"', 'inside a template', 'plain template']);
    assert.equal(dynamic.length, 1, 't(variable) is reported as uncheckable');
    assert.deepEqual(placeholders('{1} of {0}, {0}'), ['0', '1']);
  });

  it('the French manifest translates what a person reads (not a copy of the English)', () => {
    const en = json('package.nls.json');
    const fr = json('package.nls.fr.json');
    const same = Object.keys(en).filter((k) => en[k] === fr[k] && !/Portfolio Contacts/.test(en[k]!));
    assert.deepEqual(same, []);
  });

  it('every walkthrough page has its French page beside it (<name>.nls.fr.md, which VS Code reads for a French UI)', () => {
    const pkg = json('package.json') as unknown as { contributes: { walkthroughs: Array<{ steps: Array<{ media: { markdown?: string } }> }> } };
    const pages = pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)).filter((m): m is string => !!m);
    assert.ok(pages.length > 0, 'the walkthrough shows markdown pages');
    for (const page of pages) {
      const french = readFileSync(join(root, page.replace(/\.md$/, '.nls.fr.md')), 'utf8');
      assert.notEqual(french.trim(), readFileSync(join(root, page), 'utf8').trim(), `${page} is translated`);
    }
  });

  it('words built before the translator is wired (provider labels, sign-in fields, import columns) are French once it is', () => {
    const fr = json('l10n/bundle.l10n.fr.json');
    setTranslator((m, args) => format(fr[m] ?? m, args));
    try {
      assert.equal(KARE_LABELS.primaryContact, 'contact principal');
      assert.equal(karePassword.fields[1]!.label, 'Mot de passe');
      assert.equal(fieldLabel('firstName'), 'Prénom');
    } finally {
      setTranslator(undefined);
    }
    assert.equal(KARE_LABELS.primaryContact, 'primary contact');
  });
});
