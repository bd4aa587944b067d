// Searching the whole portfolio in the real workbench (code-server + Chromium) against the sandbox
// Try the Sandbox starts: Find Company… with a typed name finds a company that is NOT on the first
// loaded page (Bitsight, then Kare) and reveals it selected in the tree; Filter Companies… on the
// Kare connection shows the server's matches and the view's message, survives Refresh, and Clear
// Filter restores the full list. Which companies are on which page is read from a sandbox of the
// same seed and size started in this process, through the same providers the extension uses.
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/search-*.png.
import * as assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { ApiKind, Company } from '../../src/core/model';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { ContractConnection, listAll } from '../contract/kit';
import {
  WAIT,
  acceptQuickInputRow,
  chainedStep,
  clearScreenshots,
  collapseAllInView,
  openViewContainer,
  runCommandExact,
  screenshot,
  sideBar,
  treeItemByLabel,
  waitForTreeItem,
  welcomeButton,
} from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const STEP_TIMEOUT = 180_000;
/** The extension's defaults: Try the Sandbox serves seed 1 with 120 companies; pages of 50. */
const SANDBOX = { seed: 1, companies: 120 };
const PAGE_SIZE = 50;
const CONNECTION: Record<'bitsight' | 'kare', string> = { bitsight: 'Sandbox (Bitsight)', kare: 'Sandbox (Kare)' };

interface Target {
  company: Company;
  firstPage: Company[];
}

/** A company of `api` beyond the first page whose name no other company's name contains. */
async function targetOf(sb: RunningSandbox, api: ApiKind): Promise<{ target: Target; provider: Awaited<ReturnType<ContractConnection['provider']>> }> {
  const conn = ContractConnection.for(sb, api);
  await conn.signIn();
  const provider = await conn.provider();
  const firstPage = (await provider.listCompanies(undefined, PAGE_SIZE)).items;
  const { items } = await listAll(provider, PAGE_SIZE);
  const lower = (s: string) => s.toLowerCase();
  const company = [...items].reverse().find((c) => !firstPage.some((f) => f.id === c.id) && items.filter((o) => lower(o.name).includes(lower(c.name))).length === 1);
  assert.ok(company, `${api}: a company beyond the first page with a name of its own`);
  return { target: { company, firstPage }, provider };
}

describe('search: Find Company… reveals a company beyond the loaded page; Filter Companies… searches the server', { timeout: 1_200_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  let local: RunningSandbox;
  const targets = new Map<ApiKind, Target>();
  let kareFilter = { query: '', names: [] as string[] };

  const step = chainedStep('search', () => (wb ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('search-');
    local = await startSandbox(SANDBOX);
    for (const api of ['bitsight', 'kare'] as const) targets.set(api, (await targetOf(local, api)).target);
    // A Kare filter word shared by a few companies (so they fit the view), one of them beyond the first page.
    const kare = await targetOf(local, 'kare');
    const name = kare.target.company.name;
    for (const query of [...name.split(/\s+/).filter((w) => w.length >= 4), name]) {
      const found = await kare.provider.listCompanies(undefined, PAGE_SIZE, undefined, { query });
      kareFilter = { query, names: found.items.map((c) => c.name) };
      if (found.items.length >= 2 && found.items.length <= 20 && !found.next) break;
    }
    assert.ok(kareFilter.names.includes(name), 'the filter finds the far company');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
    await local?.close();
  });

  const quickInput = () => page.locator('.quick-input-widget');
  const quickInputBox = () => quickInput().locator('.quick-input-box input');
  const viewMessage = () => sideBar(page).locator('.message').filter({ hasText: /Filtered by/ });

  /** The rows directly under `parent` (labels), in display order. */
  async function labelsUnder(parent: Locator): Promise<string[]> {
    const parentIndex = Number(await parent.getAttribute('data-index'));
    const parentLevel = Number(await parent.getAttribute('aria-level'));
    const rows = await sideBar(page).locator('[role="treeitem"][data-index]').evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.getAttribute('data-index')), level: Number(e.getAttribute('aria-level')), label: (e.querySelector('.label-name')?.textContent ?? '').trim() })),
    );
    rows.sort((a, b) => a.index - b.index);
    const out: string[] = [];
    for (const r of rows.filter((x) => x.index > parentIndex)) {
      if (r.level <= parentLevel) break;
      if (r.level === parentLevel + 1) out.push(r.label);
    }
    return out;
  }

  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + WAIT.tree;
    let v = await read();
    while (!ok(v)) {
      if (Date.now() > deadline) assert.fail(`${what}; got ${JSON.stringify(v)}`);
      await page.waitForTimeout(200);
      v = await read();
    }
    return v;
  }

  /** The Kare connection's Companies row (level 2 under it). */
  async function kareCompanies(): Promise<Locator> {
    const conn = await waitForTreeItem(page, new RegExp(`^${escapeRe(CONNECTION.kare)}`));
    if ((await conn.getAttribute('aria-expanded')) !== 'true') await conn.click();
    const connIndex = Number(await conn.getAttribute('data-index'));
    const list = treeItemByLabel(page, 'Companies', 2).and(page.locator(`[data-index="${connIndex + 1}"]`));
    await list.waitFor({ timeout: WAIT.tree });
    if ((await list.getAttribute('aria-expanded')) !== 'true') await list.click();
    return list;
  }

  step('Try the Sandbox adds a connection per API', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    await waitForTreeItem(page, /^Sandbox \(Bitsight\)/);
    await waitForTreeItem(page, /^Sandbox \(Kare\)/);
    await waitForTreeItem(page, /^Sandbox \(Guidewire\)/);
  });

  for (const api of ['bitsight', 'kare'] as const) {
    step(`Find Company… finds a ${api} company beyond the first page and reveals it selected`, async () => {
      const { company, firstPage } = targets.get(api)!;
      assert.ok(!firstPage.some((c) => c.id === company.id));
      await collapseAllInView(page);
      await runCommandExact(page, 'Portfolio Contacts: Find Company…');
      await quickInput().locator('.quick-input-box input[placeholder="Type a company name to search every connection"]').waitFor({ timeout: WAIT.short });
      await quickInputBox().fill(company.name);
      // Grouped per connection: the separator names the connection the match is in.
      await quickInput().locator('.quick-input-list .quick-input-list-separator, .quick-input-list .monaco-list-row', { hasText: CONNECTION[api] }).first().waitFor({ timeout: WAIT.tree });
      await screenshot(page, `search-01-find-${api}`);
      await acceptQuickInputRow(page, company.name);
      await quickInput().waitFor({ state: 'hidden', timeout: WAIT.short });
      const row = treeItemByLabel(page, company.name, 3).first();
      await row.waitFor({ timeout: WAIT.tree });
      await until(() => row.getAttribute('aria-selected'), (v) => v === 'true', `${company.name} is selected`);
      await screenshot(page, `search-02-revealed-${api}`);
      // Placed after the loaded page, not paged to: "Load more" counts the first page and it.
      assert.equal(await treeItemByLabel(page, company.name, 3).count(), 1, `${company.name} once`);
      // The list is virtual: the row under the found company is drawn once the tree is scrolled to its end.
      await sideBar(page).locator('.pane-body').first().hover();
      await page.mouse.wheel(0, 5000);
      const more = sideBar(page).locator('[role="treeitem"][aria-level="3"]', { hasText: 'Load more' }).first();
      await more.waitFor({ timeout: WAIT.short });
      assert.match(await more.innerText(), new RegExp(`${firstPage.length + 1}( of \\d+)? shown`), 'the first page and the found company loaded');
    });
  }

  step('Filter Companies… on Kare shows the server\'s matches and the view\'s message', async () => {
    await collapseAllInView(page);
    const list = await kareCompanies();
    await list.click(); // selects the list: the command acts on its connection
    await until(() => list.getAttribute('aria-expanded'), (v) => v !== null, 'the list row is there');
    if ((await list.getAttribute('aria-expanded')) !== 'true') await list.click();
    await runCommandExact(page, 'Portfolio Contacts: Filter Companies…');
    await quickInput().locator('.quick-input-message', { hasText: /Searched on the server/ }).waitFor({ timeout: WAIT.short });
    await quickInputBox().fill(kareFilter.query);
    await page.keyboard.press('Enter');
    await viewMessage().filter({ hasText: kareFilter.query }).waitFor({ timeout: WAIT.tree });
    const shown = await until(async () => companiesOf(await labelsUnder(await kareCompanies())), (l) => JSON.stringify(l) === JSON.stringify(kareFilter.names), 'the server\'s matches');
    assert.match(await viewMessage().innerText(), /Clear Filter/, 'the message says how to clear it');
    assert.ok(shown.includes(targets.get('kare')!.company.name));
    await screenshot(page, 'search-03-filtered');
  });

  step('the filter survives Refresh', async () => {
    await runCommandExact(page, 'Portfolio Contacts: Refresh');
    await until(async () => companiesOf(await labelsUnder(await kareCompanies())), (l) => JSON.stringify(l) === JSON.stringify(kareFilter.names), 'the matches after Refresh');
    await viewMessage().filter({ hasText: kareFilter.query }).waitFor({ timeout: WAIT.short });
  });

  step('Clear Filter restores the full list', async () => {
    // From the palette with nothing selected (Escape cleared it): the command asks which connection.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await runCommandExact(page, 'Portfolio Contacts: Clear Filter');
    await page.locator('.quick-input-widget .quick-input-box input[placeholder="Clear the filter of which connection?"]').waitFor({ timeout: WAIT.short });
    await acceptQuickInputRow(page, CONNECTION.kare);
    // A company the filter had hidden is back (the list is virtual: rows past the view are not in the DOM to count).
    const hidden = targets.get('kare')!.firstPage.find((c) => !kareFilter.names.includes(c.name));
    assert.ok(hidden, 'a first-page company the filter hid');
    await treeItemByLabel(page, hidden.name, 3).first().waitFor({ timeout: WAIT.tree });
    assert.doesNotMatch(await (await kareCompanies()).innerText(), /filtered/, 'the list no longer says it is filtered');
    await viewMessage().waitFor({ state: 'detached', timeout: WAIT.short });
    await screenshot(page, 'search-04-cleared');
  });
});

/** The company rows of a list's rows ("Load more…" and messages left out). */
function companiesOf(labels: string[]): string[] {
  return labels.filter((l) => !/^Load more|^Loading/.test(l));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
