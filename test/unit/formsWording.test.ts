// The three providers' forms held to the same words: placeholders are hints, never data that looks prefilled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldSpec } from '../../src/protocol/forms';
import { contactFields as bitsightContact, invitationFields } from '../../src/providers/bitsight/forms';
import { createContactFields } from '../../src/providers/guidewire/forms';
import { contactFields as kareContact } from '../../src/providers/kare/forms';
import { defaultPlaceholder } from '../../webview/lib/fields';

const flat = (fields: FieldSpec[]): FieldSpec[] => fields.flatMap((f) => [f, ...flat(f.fields ?? [])]);

describe('form wording across providers', () => {
  const forms: Array<[string, FieldSpec[]]> = [
    ['Bitsight point of contact', bitsightContact(['acme.example'], 'Acme')],
    ['Bitsight invite', invitationFields({ domains: ['acme.example'], pointOfContact: 'Jane <jane@acme.example>', bulk: false, company: 'Acme' })],
    ['Kare contact', kareContact()],
    ['Guidewire contact', createContactFields('Acme Insurance')],
  ];
  for (const [name, fields] of forms) {
    it(`${name}: every placeholder is a hint ("e.g. …")`, () => {
      const placeholders = flat(fields).map((f) => f.placeholder).filter((p): p is string => p !== undefined);
      assert.ok(placeholders.length > 0, 'no placeholder at all');
      for (const p of placeholders) assert.match(p, /^e\.g\. /, `"${p}"`);
    });
  }

  it('the webview’s own placeholders for lists are hints too', () => {
    for (const kind of ['emailList', 'nameEmailList'] as const) assert.match(defaultPlaceholder({ name: 'x', label: 'X', kind }) ?? '', /^e\.g\. /, kind);
  });

  it('every e-mail field hints the same address', () => {
    const emails = forms.flatMap(([, fields]) => flat(fields).filter((f) => f.kind === 'email'));
    assert.ok(emails.length >= 4);
    assert.deepEqual([...new Set(emails.map((f) => f.placeholder))], ['e.g. name@company.com']);
  });
});
