// The webview's pure value handling: control text ⇄ protocol values, and the checks run as you type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldSpec, FormSpec } from '../../src/protocol/forms';
import { invitationFields } from '../../src/providers/bitsight/forms';
import { collect, displayText, fromRaw, isBlank, parseNameEmailLines, toRaw, withLine } from '../../webview/lib/values';

const f = (kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ name: 'x', label: 'X', kind, ...extra });

describe('webview values: toRaw', () => {
  it('shows lists one entry per line and name/e-mail pairs as "Name <e-mail>"', () => {
    assert.equal(toRaw(f('emailList'), ['a@x.com', 'b@x.com']), 'a@x.com\nb@x.com');
    assert.equal(toRaw(f('nameEmailList'), [{ name: 'Jane Doe', email: 'jane@x.com' }, { name: '', email: 'j@x.com' }]), 'Jane Doe <jane@x.com>\nj@x.com');
  });
  it('shows numbers as text, null as empty, and checkboxes as booleans', () => {
    assert.equal(toRaw(f('number'), 30), '30');
    assert.equal(toRaw(f('text'), null), '');
    assert.equal(toRaw(f('text'), undefined), '');
    assert.equal(toRaw(f('checkbox'), true), true);
    assert.equal(toRaw(f('checkbox'), null), false);
  });
});

describe('webview values: fromRaw', () => {
  it('sends a number field as a number, and empty as null', () => {
    assert.deepEqual(fromRaw(f('number'), ' 42 '), { value: 42 });
    assert.deepEqual(fromRaw(f('number'), ''), { value: null });
  });
  it('leaves a non-number as text, so the rules name the problem', () => {
    assert.deepEqual(fromRaw(f('number'), '12abc'), { value: '12abc' });
  });
  it('trims single-line text but sends a textarea as typed', () => {
    assert.deepEqual(fromRaw(f('email'), '  jane@x.com '), { value: 'jane@x.com' });
    assert.deepEqual(fromRaw(f('textarea'), '  Hello\n'), { value: '  Hello\n' });
  });
  it('reads lists line by line, skipping blank lines', () => {
    assert.deepEqual(fromRaw(f('emailList'), 'a@x.com\n\n  b@x.com  \r\n'), { value: ['a@x.com', 'b@x.com'] });
    assert.deepEqual(fromRaw(f('lineList'), ''), { value: [] });
  });
  it('reads a checkbox as a boolean', () => {
    assert.deepEqual(fromRaw(f('checkbox'), true), { value: true });
    assert.deepEqual(fromRaw(f('checkbox'), false), { value: false });
  });
});

describe('webview values: name/e-mail lines', () => {
  it('parses every line', () => {
    assert.deepEqual(parseNameEmailLines('Jane Doe <jane@x.com>\nJoe, joe@x.com'), {
      value: [
        { name: 'Jane Doe', email: 'jane@x.com' },
        { name: 'Joe', email: 'joe@x.com' },
      ],
    });
  });
  it('names the first unparsable line by its number in the textarea', () => {
    const r = parseNameEmailLines('Jane Doe <jane@x.com>\n\nnot an address');
    assert.match(r.problem ?? '', /^Line 3, "not an address", is not "Name <e-mail>"/);
  });
});

describe('webview values: collect', () => {
  const spec: Pick<FormSpec, 'fields' | 'values'> = {
    fields: [
      { name: 'email', label: 'E-mail', kind: 'email', required: true },
      { name: 'days', label: 'Days', kind: 'number', min: 1, max: 365, rangeMessage: 'Days must be between 1 and 365' },
      { name: 'third', label: 'Third parties', kind: 'nameEmailList' },
      { name: 'ccs', label: 'CCs', kind: 'emailList', maxJoinedLength: 20, maxJoinedMessage: 'Too long' },
      { name: 'id', label: 'Id', kind: 'text', readonly: true },
    ],
    values: { email: '', days: 30, third: [], ccs: [], id: 'abc' },
  };

  it('returns typed values and no errors when all is well', () => {
    const r = collect(spec, { email: 'jane@x.com', days: '10', third: 'Jane <jane@x.com>', ccs: 'a@x.com' });
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.values, { email: 'jane@x.com', days: 10, third: [{ name: 'Jane', email: 'jane@x.com' }], ccs: ['a@x.com'], id: 'abc' });
  });

  it('uses the shared rules and the API’s own words', () => {
    const r = collect(spec, { email: 'nope', days: '400', third: 'garbage', ccs: 'aaaaaa@x.com\nbbbbbb@x.com' });
    assert.equal(r.errors.email, '"nope" is not a valid e-mail address');
    assert.equal(r.errors.days, 'Days must be between 1 and 365');
    assert.match(r.errors.third!, /^Line 1, "garbage"/);
    assert.equal(r.errors.ccs, 'Too long (25 of 20 characters)');
  });

  it('says a required field is required, and falls back to the form’s values for missing raws', () => {
    const r = collect(spec, {});
    assert.equal(r.errors.email, 'E-mail is required');
    assert.equal(r.values.days, 30);
  });

  it('reports an address off the known domains as a warning, not an error, and a malformed one as an error only', () => {
    const withDomains = { fields: [{ name: 'email', label: 'E-mail', kind: 'email' as const, emailDomains: ['x.com'] }], values: {} };
    const off = collect(withDomains, { email: 'jane@evil-x.com' });
    assert.deepEqual(off.errors, {});
    assert.match(off.warnings.email ?? '', /^"evil-x\.com" is not one of the company’s known domains \(x\.com\)/);
    assert.deepEqual(collect(withDomains, { email: 'jane@X.com' }).warnings, {});
    const bad = collect(withDomains, { email: 'jane@' });
    assert.deepEqual([Object.keys(bad.errors), bad.warnings], [['email'], {}]);
  });

  it('sends read-only fields as the host gave them and never flags them', () => {
    const r = collect(spec, { id: 'changed', email: 'jane@x.com' });
    assert.equal(r.values.id, 'abc');
    assert.equal(r.errors.id, undefined);
  });
});

describe('webview values: helpers', () => {
  it('isBlank', () => {
    assert.equal(isBlank('  '), true);
    assert.equal(isBlank(false), true);
    assert.equal(isBlank('a'), false);
    assert.equal(isBlank(true), false);
  });
  it('displayText shows a select’s label and a checkbox as Yes/No', () => {
    assert.equal(displayText(f('select', { options: [{ value: 'r', label: 'Remediation' }] }), 'r'), 'Remediation');
    assert.equal(displayText(f('checkbox'), true), 'Yes');
    assert.equal(displayText(f('text'), ''), '—');
  });
});

describe('webview values: risk vectors (several, suggested or typed by hand)', () => {
  const rv = invitationFields({ domains: [], bulk: false }).find((x) => x.name === 'risk_vectors')!;

  it('a suggestion adds its slug as a line of its own, once', () => {
    assert.equal(withLine('', 'botnet'), 'botnet');
    assert.equal(withLine('my_custom_slug\n\n', 'botnet'), 'my_custom_slug\nbotnet');
    assert.equal(withLine('botnet\ndnssec', ' dnssec'), 'botnet\ndnssec', 'already there: unchanged');
  });

  it('sends every line, documented or not, as the list the body needs, and flags none of them', () => {
    const spec = { fields: [rv], values: { risk_vectors: [] } };
    const r = collect(spec, { risk_vectors: withLine(withLine('', 'botnet'), 'open_ports') + '\n  web_appsec  ' });
    assert.deepEqual(r.values.risk_vectors, ['botnet', 'open_ports', 'web_appsec']);
    assert.deepEqual(r.errors, {});
  });
});
