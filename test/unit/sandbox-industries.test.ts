// The seeded Bitsight portfolio's industries fit the company names: a bakery is in Food/Beverage,
// a semiconductor maker in Technology; the other seeded fields are drawn as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSandbox } from '../../src/sandbox/server';
import { INDUSTRIES, INDUSTRY_OF_NAME, NAME_SECOND } from '../../src/sandbox/bitsight/wordlists';

describe('Bitsight seed industries', () => {
  it('gives every company whose name has a trade word the industry and sub-industry of that trade', async () => {
    const sb = await startSandbox({ companies: 400, seed: 7 });
    try {
      const words = [...NAME_SECOND].sort((a, b) => b.length - a.length);
      let checked = 0;
      for (const c of sb.data.companies) {
        const word = words.find((w) => ` ${c.name} `.includes(` ${w} `));
        if (!word) continue;
        checked++;
        const [industry, sub] = INDUSTRY_OF_NAME[word];
        assert.equal(c.industry.slug, industry, `${c.name}: industry`);
        assert.equal(c.sub_industry.slug, sub, `${c.name}: sub-industry`);
      }
      assert.ok(checked > 300, `most names carry a trade word (${checked} of ${sb.data.companies.length})`);
      const bakery = sb.data.companies.find((c) => / Bakery\b/.test(c.name));
      assert.ok(bakery, 'a bakery among 400 companies');
      assert.equal(bakery.industry.name, 'Food/Beverage');
    } finally {
      await sb.close();
    }
  });

  it('maps every trade word to an industry and sub-industry that exist', () => {
    for (const word of NAME_SECOND) {
      const [slug, subSlug] = INDUSTRY_OF_NAME[word];
      const industry = INDUSTRIES.find((i) => i.slug === slug);
      assert.ok(industry, `${word}: no industry ${slug}`);
      assert.ok(industry.subs.some(([, s]) => s === subSlug), `${word}: ${slug} has no sub-industry ${subSlug}`);
    }
  });
});
