// Kare as a person meets it in the real workbench (code-server + Chromium): Try the Sandbox, then
// Add Connection… with the sandbox's Kare account (e-mail and password), browse Companies →
// "Dupont Maintenance" (seed: the first company, 3 contacts, the first primary), create three
// contacts in one submission with one row refused as it is typed, then edit one and clear its phones.
// The sandbox mints its Kare password at start: the extension runs in Test mode with
// test/e2e/bridge as its extensionTestsPath, which hands the account to this file (see there).
// Steps build on each other: once one fails the rest are skipped. Screenshots: test-results/kare-*.png.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  WAIT,
  acceptQuickInputRow,
  chooseContextMenu,
  clearNotifications,
  clearScreenshots,
  collapseAllInView,
  openViewContainer,
  resizeSideBar,
  screenshot,
  setTreeItemExpanded,
  sideBar,
  toast,
  treeItemByLabel,
  treeRowText,
  waitForTreeItem,
  webviewWithHeading,
  welcomeButton,
  chainedStep,
} from '../harness/browser';
import { startBridgedWorkbench, type BridgedWorkbench } from './bridge/workbench';
import type { BridgeFacts } from './bridge/index';

const CONTAINER = 'Portfolio Contacts';
const CONNECTION = 'Kare (my account)';
const COMPANY = 'Dupont Maintenance';
const STEP_TIMEOUT = 180_000;

/** The three contacts of the one submission; Anne's e-mail is first typed with a double dot. */
const NEW = [
  { name: 'Camille Rousseau', email: 'camille.rousseau@dupont-maintenance.fr', phones: [] as string[] },
  { name: 'Anne Leroy', email: 'anne.leroy@dupont-maintenance.fr', badEmail: 'anne..leroy@dupont-maintenance.fr', phones: [] as string[] },
  { name: 'Paul Girard', email: 'paul.girard@dupont-maintenance.fr', phones: ['+33 1 42 68 53 00', 'atelier: 06 12 34 56 78'] },
];
const EDITED = NEW[2]!;

describe('Kare in the real workbench: sign in, browse, create three contacts, clear a phone list', { timeout: 1_200_000 }, () => {
  let bridged: BridgedWorkbench | undefined;
  let page: Page;

  const step = chainedStep('kare', () => (bridged ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('kare-');
    bridged = await startBridgedWorkbench('kare');
    page = bridged.wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await bridged?.stop();
  });

  // ------------------------------------------------------------------ helpers

  /** What the bridge published about the sandbox the extension started (waits for it). */
  const sandboxFacts = (): Promise<BridgeFacts> => bridged!.facts();

  const quickInput = () => page.locator('.quick-input-widget');
  const quickInputBox = () => quickInput().locator('.quick-input-box input');

  /** A text step of the multi-step input, recognised by its prompt; types the value and accepts it. */
  async function answerText(prompt: string, value: string, shot?: string): Promise<void> {
    await quickInput().locator('.quick-input-message', { hasText: prompt }).waitFor({ timeout: WAIT.short });
    await quickInputBox().fill(value);
    if (shot) await screenshot(page, shot);
    await page.keyboard.press('Enter');
    await quickInput().locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'hidden', timeout: WAIT.short });
  }

  /** A pick step, recognised by its placeholder; accepts the row labelled `label`. */
  async function answerPick(placeholder: string, label: string, shot?: string): Promise<void> {
    await page.locator(`.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`).waitFor({ timeout: WAIT.short });
    if (shot) await screenshot(page, shot);
    await acceptQuickInputRow(page, label);
    await page.locator(`.quick-input-widget .quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`).waitFor({ state: 'hidden', timeout: WAIT.short });
  }

  /** Our connection → Companies → Dupont Maintenance, everything else collapsed (the tree is virtual). */
  async function showCompany(): Promise<Locator> {
    await collapseAllInView(page);
    await setTreeItemExpanded(await waitForTreeItem(page, new RegExp(`^${escapeRe(CONNECTION)}`)), true);
    const list = treeItemByLabel(page, 'Companies', 2).first();
    await list.waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(list, true);
    const company = treeItemByLabel(page, COMPANY, 3).first();
    await company.waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(company, true);
    return company;
  }

  /** The rows directly under `parent`, in display order. */
  async function rowsUnder(parent: Locator): Promise<Array<{ label: string; description: string }>> {
    const parentIndex = Number(await parent.getAttribute('data-index'));
    const parentLevel = Number(await parent.getAttribute('aria-level'));
    const rows = await sideBar(page).locator('[role="treeitem"][data-index]').evaluateAll((els) =>
      els.map((e) => ({
        index: Number(e.getAttribute('data-index')),
        level: Number(e.getAttribute('aria-level')),
        label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (e.querySelector('.label-description')?.textContent ?? '').trim(),
      })),
    );
    rows.sort((a, b) => a.index - b.index);
    const out: Array<{ label: string; description: string }> = [];
    for (const r of rows.filter((x) => x.index > parentIndex)) {
      if (r.level <= parentLevel) break;
      if (r.level === parentLevel + 1) out.push({ label: r.label, description: r.description });
    }
    return out;
  }

  /** Waits until the rows under the company satisfy `ok` (they load, then refresh after a write). */
  async function contactsUntil(company: Locator, ok: (rows: Array<{ label: string; description: string }>) => boolean, what: string) {
    const deadline = Date.now() + WAIT.tree;
    let rows = await rowsUnder(company);
    while (!ok(rows)) {
      if (Date.now() > deadline) assert.fail(`${what}; the company shows: ${JSON.stringify(rows)}`);
      await page.waitForTimeout(200);
      rows = await rowsUnder(company);
    }
    return rows;
  }

  const field = (wv: FrameLocator, path: string) => wv.locator(`.field[data-name="${path}"]`);
  const textInput = (wv: FrameLocator, path: string) => field(wv, path).locator('input, textarea').first();
  const fieldError = (wv: FrameLocator, path: string) => field(wv, path).locator('.field-error');
  const successBanner = (wv: FrameLocator) => wv.locator('[role="status"] > .banner.success');
  const submitButton = (wv: FrameLocator) => wv.locator('vscode-button.submit');

  async function expectText(locator: Locator, expected: string, what: string): Promise<void> {
    const deadline = Date.now() + WAIT.tree;
    let actual = '';
    while (Date.now() < deadline) {
      actual = ((await locator.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
      if (actual === expected) return;
      await page.waitForTimeout(150);
    }
    assert.equal(actual, expected, what);
  }

  /** The tooltip of a contact row, as a person hovers it (built when asked: waits for the contact's e-mail in it). */
  async function tooltipOf(name: string, email: string): Promise<string> {
    const row = treeItemByLabel(page, name, 4).first();
    await row.waitFor({ timeout: WAIT.tree });
    // Off any row first, so the hover starts afresh.
    await page.mouse.move(5, 5);
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => undefined);
    await row.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: email }).first();
    await hover.waitFor({ state: 'visible', timeout: WAIT.short });
    // The rendered Markdown keeps names together with no-break spaces.
    return (await hover.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The company's contacts as Kare itself holds them: read with the account, not through the extension. */
  async function kareContacts(): Promise<Array<{ id: number; name: string; email: string | null; phones?: string[] }>> {
    const { kare } = await sandboxFacts();
    const login = await fetch(`${kare.baseUrl}/auth/v1/rs/login/credentials`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: kare.email, password: kare.password }),
    });
    assert.equal(login.status, 201, 'the sandbox refused its own account');
    const { data: t } = (await login.json()) as { data: { accessToken: string; sessionToken: string } };
    const headers = { Authorization: `Bearer ${t.accessToken}`, 'X-Session-Token': t.sessionToken, 'Content-Type': 'application/json' };
    const companies = (await (await fetch(`${kare.baseUrl}/companies/v2/rs?whereName=${encodeURIComponent(COMPANY)}`, { headers })).json()) as { data: Array<{ id: number; name: string }> };
    const company = companies.data.find((c) => c.name === COMPANY);
    assert.ok(company, `${COMPANY} is not in the sandbox`);
    const contacts = (await (await fetch(`${kare.baseUrl}/companies/v2/rs/${company.id}/contacts?pageSize=200`, { headers })).json()) as { data: Array<{ id: number; name: string; email: string | null; phones?: string[] }> };
    return contacts.data;
  }

  // ------------------------------------------------------------------ 1. sign in

  step('1. Add Connection… signs in to the sandbox’s Kare with e-mail and password', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    await waitForTreeItem(page, /^Sandbox \(Kare\)/);
    const { kare } = await sandboxFacts();
    await resizeSideBar(page, 460);
    await clearNotifications(page);

    await sideBar(page).hover();
    await sideBar(page).locator('.action-label[aria-label="Add Connection…"]').first().click();
    await answerPick('Which API does this connection use?', 'Kare');
    await answerText('A name to tell this connection apart in the tree', CONNECTION);
    await answerText('The Kare API address', kare.baseUrl, 'kare-01-base-url');
    await answerPick('How do you sign in to Kare?', 'E-mail and password', 'kare-02-scheme');
    await answerText('The e-mail address you sign in to Kare with', kare.email);
    await answerText('Your Kare password', kare.password);
    await answerPick('Keep the password in VS Code secret storage?', 'Use it once, keep only the tokens', 'kare-03-keep-password');

    await toast(page, /^Connected to Kare as /).or(toast(page, 'Connected to Kare as')).first().waitFor({ timeout: WAIT.tree });
    const row = await waitForTreeItem(page, new RegExp(`^${escapeRe(CONNECTION)}`));
    assert.equal((await treeRowText(row)).description, 'Kare', 'the new connection is not a plain Kare connection');
    await toast(page, 'Signing in to Kare…').waitFor({ state: 'hidden', timeout: WAIT.short });
    await screenshot(page, 'kare-04-connected');
  });

  // ------------------------------------------------------------------ 2. browse

  step('2. Companies → Dupont Maintenance lists its three contacts, the primary one marked', async () => {
    await clearNotifications(page);
    const company = await showCompany();
    const rows = await contactsUntil(company, (r) => r.length >= 3 && !r.some((x) => /^Loading/.test(x.label)), 'the seed’s three contacts did not show');
    assert.equal(rows.length, 3, `Dupont Maintenance should have the seed's 3 contacts: ${JSON.stringify(rows)}`);
    const primaries = rows.filter((r) => r.description.endsWith('primary contact'));
    assert.equal(primaries.length, 1, `exactly one contact is marked primary: ${JSON.stringify(rows)}`);
    assert.equal(primaries[0], rows[0], 'the seed makes the first contact primary');
    await screenshot(page, 'kare-05-contacts');
  });

  // ------------------------------------------------------------------ 3. create three contacts

  step('3. Create Contacts…: three rows, a double-dot e-mail refused on its row as it is typed, fixed, then one submission', async () => {
    const company = await showCompany();
    await chooseContextMenu(page, company, 'Create Contacts…');
    const wv = await webviewWithHeading(page, `Create Contacts — ${COMPANY}`);
    await field(wv, 'contacts.0.name').waitFor({ timeout: WAIT.short });
    const addRow = wv.locator('vscode-button.add-row');
    await addRow.click();
    await field(wv, 'contacts.1.name').waitFor({ timeout: WAIT.short });
    await addRow.click();
    await field(wv, 'contacts.2.name').waitFor({ timeout: WAIT.short });
    assert.deepEqual((await wv.locator('fieldset.row > legend').allInnerTexts()).map((t) => t.trim()), ['Contact 1', 'Contact 2', 'Contact 3']);

    for (const [i, c] of NEW.entries()) {
      await textInput(wv, `contacts.${i}.name`).fill(c.name);
      if (c.badEmail) await textInput(wv, `contacts.${i}.email`).pressSequentially(c.badEmail);
      else await textInput(wv, `contacts.${i}.email`).fill(c.email);
      if (c.phones.length) await textInput(wv, `contacts.${i}.phones`).fill(c.phones.join('\n'));
    }
    const bad = NEW.findIndex((c) => c.badEmail);
    const badError = fieldError(wv, `contacts.${bad}.email`);
    await badError.waitFor({ state: 'visible', timeout: WAIT.short });
    const message = ((await badError.textContent()) ?? '').trim();
    // The seed's rule in words, on the row that breaks it.
    assert.match(message, /no two dots in a row/, `the error under Contact ${bad + 1}'s e-mail: ${message}`);
    assert.equal(await wv.locator('.field-error:not([hidden])').count(), 1, 'only the double-dot e-mail carries an error');
    await field(wv, `contacts.${bad}.email`).scrollIntoViewIfNeeded();
    await screenshot(page, 'kare-06-row-error');

    await textInput(wv, `contacts.${bad}.email`).fill(NEW[bad]!.email);
    await badError.waitFor({ state: 'hidden', timeout: WAIT.short });
    await submitButton(wv).click();
    await expectText(successBanner(wv), `3 contacts created in ${COMPANY}.`, 'success banner');
    await screenshot(page, 'kare-07-created');

    // The company's contacts refresh by themselves; a person collapses and expands it again anyway.
    const again = await showCompany();
    await setTreeItemExpanded(again, false);
    await setTreeItemExpanded(again, true);
    const rows = await contactsUntil(again, (r) => NEW.every((c) => r.some((x) => x.label === c.name)), 'the three new contacts are not in the tree');
    assert.equal(rows.length, 6, `3 seeded + 3 new contacts: ${JSON.stringify(rows)}`);
    for (const c of NEW) assert.equal(rows.find((r) => r.label === c.name)?.description, c.email, `${c.name}'s row`);
    await screenshot(page, 'kare-08-tree-new-contacts');
    const tip = await tooltipOf(EDITED.name, EDITED.email);
    for (const p of EDITED.phones) assert.equal(tip.split(p).length - 1, 1, `the tooltip should show ${p} once: ${tip}`);
    await screenshot(page, 'kare-08b-tooltip-phones');
    const held = (await kareContacts()).find((c) => c.name === EDITED.name);
    assert.deepEqual(held?.phones, EDITED.phones, `Kare should hold ${EDITED.name}'s phones`);
  });

  // ------------------------------------------------------------------ 4. edit: clear the phones

  step('4. Edit Contact…: clearing the phones saves them cleared, and the tooltip shows no phone', async () => {
    const company = await showCompany();
    const row = treeItemByLabel(page, EDITED.name, 4).first();
    await row.waitFor({ timeout: WAIT.tree });
    await chooseContextMenu(page, row, 'Edit Contact…');
    const wv = await webviewWithHeading(page, `Edit Contact — ${EDITED.name}`);
    const phones = textInput(wv, 'phones');
    assert.equal(await phones.inputValue(), EDITED.phones.join('\n'), 'the form does not show the phones Kare holds');
    await phones.fill('');
    await screenshot(page, 'kare-09-edit-cleared');
    await submitButton(wv).click();
    await expectText(successBanner(wv), `Saved 1 change to ${EDITED.name}.`, 'success banner');
    await expectText(wv.locator('.done-actions vscode-button.send-another'), 'Edit again…', 'the action offered after saving');
    await screenshot(page, 'kare-10-saved');

    const held = (await kareContacts()).find((c) => c.name === EDITED.name);
    assert.ok(held, `${EDITED.name} is gone from Kare`);
    assert.deepEqual(held.phones ?? [], [], 'Kare still holds phones');

    // The tooltip, as a person hovers the row.
    await setTreeItemExpanded(company, true);
    const text = await tooltipOf(EDITED.name, EDITED.email);
    assert.ok(text.startsWith(EDITED.name), `tooltip: ${text}`);
    assert.doesNotMatch(text, /Phone/i, `the tooltip still shows a phone: ${text}`);
    for (const p of EDITED.phones) assert.ok(!text.includes(p), `the tooltip still shows ${p}`);
    await screenshot(page, 'kare-11-tooltip');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
