// Contacts health as a person meets it in the real workbench (code-server + Chromium): Try the
// Sandbox, the Needs Attention view fills with entries and its count shows as the badge; the fix of
// a "no primary contact" entry of the Bitsight sandbox opens that company's create form, a valid
// contact is submitted, and the entry leaves the view as the badge goes down by one.
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/health-*.png.
import * as assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { WAIT, chainedStep, clearScreenshots, openViewContainer, screenshot, sideBar, treeRowText, webviewWithHeading, welcomeButton } from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const SANDBOX = 'Sandbox (Bitsight)';
const GROUP = 'No primary contact';
const STEP_TIMEOUT = 180_000;

describe('contacts health in the real workbench: entries, badge, fix a missing point of contact', { timeout: 900_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  let before_ = 0;
  let company = '';

  const step = chainedStep('health', () => (wb ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('health-');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  /** The Needs Attention pane of the side bar. */
  const pane = () => sideBar(page).locator('.pane', { has: page.locator('.pane-header', { hasText: /needs attention/i }) });
  const rows = (level: number) => pane().locator(`[role="treeitem"][aria-level="${level}"]`);
  // The tab's accessible name carries the badge's tooltip once there is one, so it is matched by prefix.
  const BADGE = `.part.activitybar [role="tab"][aria-label^="${CONTAINER}"] .badge .badge-content`;
  const badge = () => page.locator(BADGE);
  const badgeCount = async () => Number((await badge().innerText()).replace(/[^\d]/g, ''));

  /** The entries of the "no primary contact" group from the Bitsight sandbox, in view order. */
  async function sandboxEntries(): Promise<Locator> {
    return rows(2).filter({ has: page.locator('.label-description', { hasText: SANDBOX }) });
  }

  step('1. Try the Sandbox: Needs Attention lists entries and shows their count as the badge', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    const header = sideBar(page).locator('.pane-header', { hasText: /needs attention/i });
    await header.waitFor({ timeout: WAIT.tree });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await rows(1).filter({ hasText: GROUP }).first().waitFor({ timeout: WAIT.tree });
    await (await sandboxEntries()).first().waitFor({ timeout: WAIT.tree });
    // The scan ends when the progress message leaves the view; counts are final then.
    await pane().locator('.message', { hasText: /Checking companies/ }).waitFor({ state: 'hidden', timeout: WAIT.tree }).catch(() => undefined);
    await badge().waitFor({ timeout: WAIT.tree });
    // The tree is virtual: with groups expanded, later ones may not be rendered; each is collapsed to count them.
    for (let open = rows(1).and(pane().locator('[aria-expanded="true"]')); (await open.count()) > 0; ) {
      const label = (await treeRowText(open.first())).label;
      await open.first().locator('.label-name').click();
      await rows(1).filter({ hasText: label }).and(pane().locator('[aria-expanded="false"]')).waitFor({ timeout: WAIT.short });
    }
    const groups = await rows(1).evaluateAll((els) => els.map((e) => Number(e.querySelector('.label-description')?.textContent ?? '0')));
    before_ = await badgeCount();
    assert.ok(before_ > 0, 'no badge count');
    assert.equal(before_, groups.reduce((a, b) => a + b, 0), 'the badge is the sum of the groups');
    await rows(1).filter({ hasText: GROUP }).locator('.label-name').click();
    await (await sandboxEntries()).first().waitFor({ timeout: WAIT.short });
    await screenshot(page, 'health-1-entries');
  });

  step('2. the fix of a "no primary contact" entry opens that company\'s create form; a valid contact removes the entry', async () => {
    const entry = (await sandboxEntries()).first();
    company = (await treeRowText(entry)).label;
    await entry.click();
    const wv: FrameLocator = await webviewWithHeading(page, `Assign Point of Contact — ${company}`);
    const field = (name: string) => wv.locator(`.field[data-name="${name}"]`).locator('input, textarea').first();
    const notes = (await wv.locator('ul.notes li').allInnerTexts()).map((t) => t.trim());
    const domains = notes.find((n) => n.startsWith('Domains: '))?.slice('Domains: '.length).split(', ') ?? [];
    assert.ok(domains.length, `no domains note: ${notes.join(' | ')}`);
    await field('formal_name').fill('Ada Lovelace');
    await field('friendly_name').fill('Ada');
    await field('email').fill(`ada.lovelace@${domains[0]}`);
    await wv.locator('vscode-button.submit').click();
    await wv.locator('[role="status"] > .banner.success').waitFor({ timeout: WAIT.short });
    await screenshot(page, 'health-2-submitted');
    const gone = pane().locator('[role="treeitem"][aria-level="2"]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${company.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).filter({ hasText: SANDBOX });
    await gone.first().waitFor({ state: 'detached', timeout: WAIT.tree });
    await page.waitForFunction(
      ([sel, want]) => Number((document.querySelector(sel as string)?.textContent ?? '').replace(/[^\d]/g, '')) === want,
      [BADGE, before_ - 1] as const,
      { timeout: WAIT.tree },
    );
    assert.equal(await badgeCount(), before_ - 1);
    await screenshot(page, 'health-3-fixed');
  });
});
