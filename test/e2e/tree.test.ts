// A person's first minutes: open the Portfolio Contacts view, click "Try the Sandbox" in the welcome
// view, expand the sandbox connection → Companies → the first company and see its contacts.
// Real workbench (code-server) + Chromium; screenshots in test-results/, the tree one also in
// media/screenshots/tree.png for the README.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  RESULTS_DIR,
  WAIT,
  expandTreeItem,
  openViewContainer,
  resizeSideBar,
  screenshot,
  screenshotSideBar,
  treeItemsAtLevel,
  waitForTreeItem,
  welcomeButton,
  clearScreenshots,
  chainedStep,
} from '../harness/browser';
import { REPO_ROOT } from '../harness/codeServer';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const SANDBOX = 'Sandbox (Bitsight)';
const STEP_TIMEOUT = 150_000;

describe('tree: sandbox → companies → contacts', { timeout: 600_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;

  /** Runs a step; on failure saves test-results/failure-<name>.png and marks the rest as skipped. */
  const step = chainedStep('tree', () => (wb ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('tree');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  step('the Portfolio Contacts container shows the welcome view', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').waitFor({ timeout: WAIT.tree });
    await welcomeButton(page, 'Add Connection…').waitFor({ timeout: WAIT.short });
    await screenshot(page, 'tree-01-welcome');
  });

  let connection: Locator;
  step('Try the Sandbox adds the sandbox connection', async () => {
    await welcomeButton(page, 'Try the Sandbox').click();
    connection = await waitForTreeItem(page, new RegExp(escapeRe(SANDBOX)));
    assert.equal(await connection.getAttribute('aria-level'), '1');
    // It adds one connection per API it serves; the rows move while they arrive, so wait for all of
    // them before clicking one.
    await waitForTreeItem(page, /^Sandbox \(Kare\)/);
    await waitForTreeItem(page, /^Sandbox \(Guidewire\)/);
    await screenshot(page, 'tree-02-connection');
  });

  let firstCompany: Locator;
  let firstCompanyName = '';
  step('expanding the connection and Companies lists companies', async () => {
    await expandTreeItem(connection);
    const companies = await waitForTreeItem(page, /^Companies\b/);
    await waitForTreeItem(page, /^Users\b/);
    await expandTreeItem(companies);
    firstCompany = treeItemsAtLevel(page, 3).filter({ hasNotText: /Load more|Loading/i }).first();
    await firstCompany.waitFor({ timeout: WAIT.tree });
    firstCompanyName = (await firstCompany.locator('.label-name').first().innerText()).trim();
    assert.ok(firstCompanyName.length > 0, 'first company has no label');
  });

  step('expanding the first company shows its contacts, the point of contact marked', async () => {
    await expandTreeItem(firstCompany);
    const poc = treeItemsAtLevel(page, 4).filter({ hasText: 'point of contact' }).first();
    await poc.waitFor({ timeout: WAIT.tree });
    const contactName = (await poc.locator('.label-name').first().innerText()).trim();
    assert.ok(contactName.length > 0, 'point of contact has no label');
    console.log(`  first company: ${firstCompanyName}; point of contact: ${contactName}`);
    // README image: a wider side bar (descriptions not cut), focus off the tree, no hover highlight.
    await resizeSideBar(page, 560);
    await page.locator('.part.editor').click({ position: { x: 400, y: 300 } });
    await page.mouse.move(1000, 600);
    await page.waitForTimeout(500);
    await screenshot(page, 'tree-03-contacts');
    const readme = join(RESULTS_DIR, 'tree.png');
    await screenshotSideBar(page, readme);
    // The README's copy changes only when asked (UPDATE_SCREENSHOTS=1), so a test run leaves git clean.
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(REPO_ROOT, 'media', 'screenshots'), { recursive: true });
      copyFileSync(readme, join(REPO_ROOT, 'media', 'screenshots', 'tree.png'));
    }
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
