// The audit trail as a person meets it: Try the Sandbox, create a contact in the sandbox's Kare
// (Companies → "Dupont Maintenance", the seed's first company), then Show Audit Trail lists that
// write with its method, path and status, filters to it, and shows no secret anywhere on the page
// (the sandbox's Kare password and control token, read from test/e2e/bridge, are searched for).
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/audit-*.png.
import * as assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT, chainedStep, chooseContextMenu, clearNotifications, clearScreenshots, collapseAllInView, openViewContainer, resizeSideBar, runCommand, screenshot, setTreeItemExpanded, treeItemByLabel, waitForTreeItem, webviewWithHeading, welcomeButton } from '../harness/browser';
import { startBridgedWorkbench, type BridgedWorkbench } from './bridge/workbench';

const CONTAINER = 'Portfolio Contacts';
const CONNECTION = /^Sandbox \(Kare\)/;
const COMPANY = 'Dupont Maintenance';
const PERSON = { name: 'Lucie Martin', email: 'lucie.martin@dupont-maintenance.fr' };
const STEP_TIMEOUT = 180_000;

describe('Audit trail in the real workbench: a form write is listed with method, path and status, and no secret', { timeout: 900_000 }, () => {
  let bridged: BridgedWorkbench | undefined;
  let page: Page;
  const step = chainedStep('audit', () => (bridged ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('audit-');
    bridged = await startBridgedWorkbench('audit');
    page = bridged.wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await bridged?.stop();
  });

  step('1. Try the Sandbox, then Create Contacts… in Dupont Maintenance sends one write', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    const connection = await waitForTreeItem(page, CONNECTION);
    await resizeSideBar(page, 460);
    await clearNotifications(page);
    await collapseAllInView(page);
    await setTreeItemExpanded(connection, true);
    const list = treeItemByLabel(page, 'Companies', 2).first();
    await list.waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(list, true);
    const company = treeItemByLabel(page, COMPANY, 3).first();
    await company.waitFor({ timeout: WAIT.tree });
    await chooseContextMenu(page, company, 'Create Contacts…');
    const wv = await webviewWithHeading(page, `Create Contacts — ${COMPANY}`);
    const input = (path: string) => wv.locator(`.field[data-name="${path}"]`).locator('input, textarea').first();
    await input('contacts.0.name').fill(PERSON.name);
    await input('contacts.0.email').fill(PERSON.email);
    await wv.locator('vscode-button.submit').click();
    await wv.locator('[role="status"] > .banner.success').waitFor({ timeout: WAIT.tree });
    await screenshot(page, 'audit-01-created');
  });

  step('2. Show Audit Trail lists the write (POST, the contacts path, its status) and no secret', async () => {
    await runCommand(page, 'Portfolio Contacts: Show Audit Trail');
    const wv = await webviewWithHeading(page, 'Audit Trail');
    const row = wv.locator('#rows tr', { hasText: '/contacts' }).first();
    await row.waitFor({ timeout: WAIT.tree });
    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    // Time, Connection, API, Method, Path, Result, Company, Request ID
    assert.match(cells[1]!, CONNECTION, `connection: ${cells.join(' | ')}`);
    assert.equal(cells[2], 'Kare');
    assert.equal(cells[3], 'POST');
    assert.match(cells[4]!, /\/companies\/v2\/rs\/[^/]+\/contacts$/, `path: ${cells[4]}`);
    assert.match(cells[5]!, /^done 20\d$/, `result: ${cells[5]}`);
    assert.equal(cells[6], COMPANY, 'the company is named, from what the tree had loaded');

    // The text filter keeps it and hides what does not match.
    await wv.locator('#text').fill('no-such-path');
    await wv.locator('#count').filter({ hasText: /^0 of / }).waitFor({ timeout: WAIT.short });
    await wv.locator('#text').fill('/contacts');
    await row.waitFor({ state: 'visible', timeout: WAIT.short });
    await screenshot(page, 'audit-02-trail');

    const facts = await bridged!.facts();
    const html = await wv.locator('html').evaluate((e) => e.outerHTML);
    for (const [what, secret] of [['the Kare password', facts.kare.password], ['the control token', facts.controlToken]] as const) {
      assert.ok(secret && secret.length >= 8, `the bridge gave ${what}`);
      assert.ok(!html.includes(secret), `the audit trail page shows ${what}`);
    }
    assert.ok(!html.includes(PERSON.email), 'the page shows a body value (the e-mail typed)');
  });
});
