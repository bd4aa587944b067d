// The Bitsight client's folders against the embedded sandbox: listing folders, and paging through
// one folder's companies (the folder filter must survive links.next).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redactor, silentLogger } from '../../src/core/redact';
import { BitsightProvider } from '../../src/providers/bitsight/client';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { tokenAuth } from './helpers/auth';

let sandbox: RunningSandbox;
let provider: BitsightProvider;

before(async () => {
  sandbox = await startSandbox({ companies: 120, seed: 7 });
  provider = new BitsightProvider({ baseUrl: sandbox.apis.bitsight.baseUrl, ...tokenAuth(sandbox.apis.bitsight.token), logger: silentLogger, redactor: new Redactor(), timeoutMs: 5000 });
});
after(() => sandbox.close());

describe('BitsightProvider folders', () => {
  it('has the folders capability and lists folders with their company counts', async () => {
    assert.equal(provider.capabilities.folders, true);
    const list = await provider.listFolders();
    assert.deepEqual(
      list,
      sandbox.data.folders.map((f) => ({ id: f.guid, name: f.name, companyCount: f.companies.length })),
    );
  });

  it("pages through one folder's companies only, in name order, with the filter kept on later pages", async () => {
    const folder = [...sandbox.data.folders].sort((a, b) => b.companies.length - a.companies.length)[0]!;
    assert.ok(folder.companies.length > 3, 'the biggest folder is too small to page');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await provider.listCompanies(cursor, 3, undefined, { folderId: folder.guid });
      assert.equal(page.total, folder.companies.length);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.equal(pages, Math.ceil(folder.companies.length / 3));
    const members = new Set(folder.companies);
    assert.deepEqual(seen, sandbox.data.companies.filter((c) => members.has(c.guid)).map((c) => c.guid));
  });

  it('lists the whole portfolio without a folder', async () => {
    const page = await provider.listCompanies(undefined, 500);
    assert.equal(page.total, 120);
  });
});
