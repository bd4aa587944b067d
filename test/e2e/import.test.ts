// Import Contacts from CSV as a person does it in the real workbench: Try the Sandbox, a French
// Excel CSV (BOM, `;`) in the workspace folder with one good row and one bad e-mail, the command
// from the palette, the dry run naming the bad row's field, Create, the new contact in the tree
// under its company (refreshed, not re-expanded), and <name>.result.csv beside the input.
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/import-*.png.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT, chainedStep, clearScreenshots, collapseAllInView, openViewContainer, runCommand, screenshot, setTreeItemExpanded, toast, treeItemByLabel, waitForTreeItem, welcomeButton } from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const CONNECTION = 'Sandbox (Kare)';
// The Kare seed's first company (src/sandbox/kare/seed.ts).
const COMPANY = 'Dupont Maintenance';
const GOOD = { first: 'Lucie', last: 'Importée', email: 'lucie.importee@dupont-maintenance.fr' };
const BAD_EMAIL = 'marc..faure@dupont-maintenance.fr';
const STEP_TIMEOUT = 180_000;

describe('Import Contacts from CSV in the real workbench: dry run, create, tree, result file', { timeout: 900_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  const step = chainedStep('import', () => (wb ? page : undefined), STEP_TIMEOUT);
  const csvPath = () => join(wb!.cs.workspace, 'contacts.csv');

  before(async () => {
    clearScreenshots('import-');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  const pickPlaceholder = (text: string) => page.locator(`.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(text)}]`);

  step('Try the Sandbox, and the company shown expanded in the tree', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    await waitForTreeItem(page, /^Sandbox \(Kare\)/);
    await waitForTreeItem(page, /^Sandbox \(Guidewire\)/);
    await collapseAllInView(page);
    await setTreeItemExpanded(treeItemByLabel(page, CONNECTION, 1), true);
    await setTreeItemExpanded(treeItemByLabel(page, 'Companies', 2), true);
    await setTreeItemExpanded(treeItemByLabel(page, COMPANY, 3), true);
    await page.locator('.monaco-list-row[aria-level="4"]').first().waitFor({ timeout: WAIT.tree });
    assert.equal(await treeItemByLabel(page, `${GOOD.first} ${GOOD.last}`, 4).count(), 0, 'the contact is not there before the import');
  });

  step('a French Excel CSV in the workspace: the dry run names the bad row and its field', async () => {
    writeFileSync(csvPath(), `\ufeffSociété;Prénom;Nom;Courriel\r\n${COMPANY};${GOOD.first};${GOOD.last};${GOOD.email}\r\n${COMPANY};Marc;Faure;${BAD_EMAIL}\r\n`, 'utf8');
    await runCommand(page, 'Portfolio Contacts: Import Contacts from CSV…');
    await pickPlaceholder('Which CSV file?').waitFor({ timeout: WAIT.short });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'contacts.csv' }).first().click();
    // The connection is asked unless the tree's selection (here inside Sandbox (Kare)) names it.
    const askConnection = pickPlaceholder('Import the contacts into which connection?');
    await askConnection.or(pickPlaceholder('Pick a column to change what it holds, or continue')).first().waitFor({ timeout: WAIT.short });
    if (await askConnection.isVisible()) await page.locator('.quick-input-list .monaco-list-row', { hasText: CONNECTION }).first().click();
    // The guessed mapping: Société → company, Prénom/Nom → first/last name, Courriel → e-mail.
    await pickPlaceholder('Pick a column to change what it holds, or continue').waitFor({ timeout: WAIT.short });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Courriel → E-mail' }).first().waitFor({ timeout: WAIT.short });
    await screenshot(page, 'import-01-mapping');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Continue: check every row' }).first().click();
    // The report's text as the editor renders it (no-break spaces made plain), until it names row 2's e-mail.
    const shown = await page.waitForFunction(
      () => {
        const text = [...document.querySelectorAll('.editor-instance .view-line')].map((l) => l.textContent ?? '').join('\n').replace(/\u00a0/g, ' ');
        return /dry run/.test(text) && /\|\s*2\s*\|\s*Dupont Maintenance\s*\|\s*E-mail\s*\|/.test(text) ? text : undefined;
      },
      undefined,
      { timeout: WAIT.tree },
    );
    assert.match(String(await shown.jsonValue()), /1 ready to create, 1 invalid/);
    await page.locator('.monaco-dialog-box').filter({ hasText: '1 ready to create, 1 invalid' }).waitFor({ timeout: WAIT.short });
    await screenshot(page, 'import-02-dry-run');
  });

  step('Create: the new contact appears under its company, and the result CSV is beside the input', async () => {
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Create 1 Contact', exact: true }).click();
    await toast(page, /Import of contacts\.csv: 1 invalid, 1 created/).waitFor({ timeout: WAIT.tree });
    await treeItemByLabel(page, `${GOOD.first} ${GOOD.last}`, 4).waitFor({ timeout: WAIT.tree });
    await screenshot(page, 'import-03-created');
    const result = join(wb!.cs.workspace, 'contacts.result.csv');
    assert.ok(existsSync(result), 'contacts.result.csv is beside contacts.csv');
    const text = readFileSync(result, 'utf8');
    assert.match(text, /^\ufeffrow;status;message;Société;Prénom;Nom;Courriel\r\n/);
    assert.match(text, /\r\n1;created;[^\r\n]*;Dupont Maintenance;Lucie;Importée;/);
    assert.match(text, /\r\n2;invalid;[^\r\n]*E-mail[^\r\n]*;Dupont Maintenance;Marc;Faure;/);
  });
});
