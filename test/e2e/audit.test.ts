// The audit trail as a person meets it: Try the Sandbox, create a contact in the sandbox's Kare
// (Companies → "Dupont Maintenance", the seed's first company), then Show Audit Trail lists that
// write with its method, path and status, filters to it, and shows no secret anywhere on the page
// (the sandbox's Kare password and control token, read from test/e2e/bridge, are searched for);
// then Export… on the connection saves a CSV in which the new contact sits with its company.
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/audit-*.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { WAIT, acceptQuickInputRow, chainedStep, chooseContextMenu, clearNotifications, clearScreenshots, collapseAllInView, openViewContainer, resizeSideBar, runCommand, screenshot, setTreeItemExpanded, treeItemByLabel, waitForTreeItem, webviewWithHeading, toast, welcomeButton } from '../harness/browser';
import { startBridgedWorkbench, type BridgedWorkbench } from './bridge/workbench';

const CONTAINER = 'Portfolio Contacts';
const CONNECTION = /^Sandbox \(Kare\)/;
const COMPANY = 'Dupont Maintenance';
const PERSON = { name: 'Lucie Martin', email: 'lucie.martin@dupont-maintenance.fr' };
const STEP_TIMEOUT = 180_000;

describe('Audit trail and export in the real workbench: a form write is listed with method, path and status and no secret, then exported to CSV', { timeout: 900_000 }, () => {
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

  step('3. Export… on the connection writes a CSV where the new contact sits with its company’s columns', async () => {
    await clearNotifications(page);
    const connection = await waitForTreeItem(page, CONNECTION);
    await chooseContextMenu(page, connection, 'Export…');
    await acceptQuickInputRow(page, 'CSV');
    // The untitled CSV opens, then the save dialog (code-server's own, a path in the quick input): accept its proposal.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Save the export' }).waitFor({ timeout: WAIT.tree });
    await screenshot(page, 'audit-03-save-dialog');
    assert.match(await input.inputValue(), /Sandbox \(Kare\)-contacts\.csv$/, 'the proposed file name');
    await page.keyboard.press('Enter');
    const file = join(bridged!.wb.cs.workspace, 'Sandbox (Kare)-contacts.csv');
    await toast(page, /^Saved /).waitFor({ timeout: WAIT.tree });
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith('\ufeff'), 'the file starts with a byte-order mark, for Excel');
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    assert.deepEqual(parsed.errors, []);
    for (const h of ['Company ID', 'Company', 'Domain', 'Name', 'E-mail', 'Phone', 'Primary']) assert.ok(parsed.meta.fields?.includes(h), `column ${h}`);
    const row = parsed.data.find((r) => r.Name === PERSON.name);
    assert.ok(row, `${PERSON.name} is in the export`);
    assert.equal(row.Company, COMPANY);
    assert.equal(row['E-mail'], PERSON.email);
    assert.equal(row.API, 'Kare');
    assert.ok(parsed.data.filter((r) => r.Company === COMPANY).length >= 4, 'the seed’s three contacts and the new one');
    // The saved file replaced the untitled copy: nothing is left unsaved.
    await page.locator('.tabs-container .tab', { hasText: 'Sandbox (Kare)-contacts.csv' }).first().waitFor({ timeout: WAIT.short });
    await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached', timeout: WAIT.short });
    await screenshot(page, 'audit-04-exported');
  });

  step('4. Export CSV… from the audit trail saves what its filter lists', async () => {
    await clearNotifications(page);
    await runCommand(page, 'Portfolio Contacts: Show Audit Trail');
    const wv = await webviewWithHeading(page, 'Audit Trail');
    await wv.locator('#text').fill('/contacts');
    await wv.locator('#count').filter({ hasText: /^1 of / }).waitFor({ timeout: WAIT.short });
    await wv.locator('#csv').click();
    await page.locator('.quick-input-widget', { hasText: 'Save the export' }).waitFor({ timeout: WAIT.tree });
    await page.keyboard.press('Enter');
    await toast(page, /^Saved /).waitFor({ timeout: WAIT.tree });
    const text = readFileSync(join(bridged!.wb.cs.workspace, 'audit-trail.csv'), 'utf8');
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    assert.equal(parsed.data.length, 1, `one write listed: ${text}`);
    assert.equal(parsed.data[0]!.Method, 'POST');
    assert.match(parsed.data[0]!.Path!, /\/contacts$/);
    const facts = await bridged!.facts();
    assert.ok(!text.includes(facts.kare.password) && !text.includes(facts.controlToken), 'the exported trail holds a secret');
    await screenshot(page, 'audit-05-trail-exported');
  });
});
