import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company } from '../../src/core/model';
import { entryKey, noDecisions, readDecisions, withConfirmed, withSplit } from '../../src/match/decisions';
import { CompanyMatcher } from '../../src/match/matcher';
import { normaliseDomain, normaliseName } from '../../src/match/normalise';

const co = (id: string, name: string, primaryDomain?: string): Company => ({ id, name, ...(primaryDomain ? { primaryDomain } : {}) });

describe('normalising domains', () => {
  it('drops the scheme, www., port, path and case', () => {
    assert.equal(normaliseDomain('https://WWW.Example.com:8443/about?x=1'), 'example.com');
    assert.equal(normaliseDomain('www.acme.co.uk'), 'acme.co.uk');
    assert.equal(normaliseDomain('Example.COM.'), 'example.com');
  });
  it('gives nothing for what is not a domain', () => {
    assert.equal(normaliseDomain(''), undefined);
    assert.equal(normaliseDomain('not a domain'), undefined);
    assert.equal(normaliseDomain(null), undefined);
  });
});

describe('normalising names', () => {
  it('ignores case, accents, punctuation and legal suffixes', () => {
    assert.equal(normaliseName('Société Générale S.A.'), 'societe generale');
    assert.equal(normaliseName('ACME, Inc.'), 'acme');
    assert.equal(normaliseName('Acme Holdings Co., Ltd'), 'acme holdings');
    assert.equal(normaliseName('Müller GmbH'), 'muller');
    assert.equal(normaliseName('The Widget Corporation'), 'widget');
    for (const s of ['LLC', 'Limited', 'SAS', 'SARL', 'AG', 'BV', 'N.V.', 'Corp', 'plc', 'SpA']) assert.equal(normaliseName(`Northwind ${s}`), 'northwind', s);
  });
  it('keeps a name that is only a suffix-like word', () => {
    assert.equal(normaliseName('Inc'), 'inc');
  });
});

describe('matching companies across connections', () => {
  it('matches by domain even when the names differ', () => {
    const m = new CompanyMatcher();
    m.add('a', [co('1', 'Acme Corporation', 'acme.com')]);
    m.add('b', [co('x', 'ACME Europe', 'https://www.acme.com/')]);
    const [g, ...rest] = m.groups();
    assert.equal(rest.length, 0);
    assert.equal(g!.domain, 'acme.com');
    assert.deepEqual(g!.entries.map((e) => [e.connectionId, e.reason]), [['a', 'domain'], ['b', 'domain']]);
  });

  it('matches by name when a side has no domain, not when known domains differ', () => {
    const m = new CompanyMatcher();
    m.add('a', [co('1', 'Globex Ltd', 'globex.com'), co('2', 'Initech SA', 'initech.fr')]);
    m.add('b', [co('1', 'globex'), co('2', 'Initech, Inc.', 'initech.com')]);
    const groups = m.groups();
    assert.deepEqual(groups.map((g) => g.name), ['globex'], 'named by its shortest record');
    assert.deepEqual(groups[0]!.entries.map((e) => e.reason), ['name', 'name']);
  });

  it('names a group the same whichever page arrived first', () => {
    const a = new CompanyMatcher();
    a.add('k', [co('1', 'Jade Freight Group SAS')]);
    a.add('b', [co('2', 'Jade Freight Group', 'jadefreight.com')]);
    const b = new CompanyMatcher();
    b.add('b', [co('2', 'Jade Freight Group', 'jadefreight.com')]);
    b.add('k', [co('1', 'Jade Freight Group SAS')]);
    assert.equal(a.groups()[0]!.name, 'Jade Freight Group');
    assert.equal(b.groups()[0]!.name, 'Jade Freight Group');
  });

  it('lists only groups spanning two connections', () => {
    const m = new CompanyMatcher();
    m.add('a', [co('1', 'Solo', 'solo.io'), co('2', 'Solo Inc', 'solo.io')]);
    assert.deepEqual(m.groups(), []);
  });

  it('grows as pages arrive and forgets a cleared connection', () => {
    const m = new CompanyMatcher();
    m.add('a', [co('1', 'Umbrella', 'umbrella.com')]);
    assert.equal(m.groups().length, 0);
    m.add('b', [co('9', 'Umbrella Corp')]);
    assert.equal(m.groups().length, 1);
    m.add('c', [co('7', 'Umbrella', 'umbrella.com')]);
    assert.equal(m.groups()[0]!.connections, 3);
    m.clear('b');
    m.clear('c');
    assert.equal(m.groups().length, 0);
  });

  it('lets the person split an entry out and confirm a name match, over the rules', () => {
    const m = new CompanyMatcher();
    m.add('a', [co('1', 'Hooli', 'hooli.com')]);
    m.add('b', [co('2', 'Hooli LLC')]);
    m.add('c', [co('3', 'hooli', 'hooli.com')]);
    let d = withConfirmed(noDecisions(), [entryKey('b', '2')]);
    m.setDecisions(d);
    assert.equal(m.groupOf('b', '2')!.entries.find((e) => e.connectionId === 'b')!.reason, 'confirmed');
    d = withSplit(d, entryKey('b', '2'));
    m.setDecisions(d);
    assert.equal(m.groupOf('b', '2'), undefined);
    assert.equal(m.groupOf('a', '1')!.entries.length, 2);
    assert.deepEqual(d.confirmed, []);
  });

  it('reads stored decisions through a schema, ignoring what is not its shape', () => {
    assert.deepEqual(readDecisions({ version: 1, split: ['k'], confirmed: [] }).split, ['k']);
    assert.deepEqual(readDecisions({ version: 2 }), noDecisions());
    assert.deepEqual(readDecisions('garbage'), noDecisions());
    assert.deepEqual(readDecisions(undefined), noDecisions());
  });

  it('groups 3 × 10,000 companies quickly', () => {
    const m = new CompanyMatcher();
    for (const c of ['a', 'b', 'c']) {
      for (let p = 0; p < 100; p++) {
        m.add(c, Array.from({ length: 100 }, (_, i) => { const n = p * 100 + i; return co(`${n}`, `Company ${n} ${c === 'b' ? 'Inc.' : ''}`, n % 3 ? `c${n}.example` : undefined); }));
      }
    }
    const t = performance.now();
    const groups = m.groups();
    const ms = performance.now() - t;
    assert.equal(groups.length, 10_000);
    assert.ok(ms < 2000, `${ms} ms`);
  });
});
