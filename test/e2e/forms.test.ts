// The four forms, driven as a person would in the real workbench (code-server + Chromium): right-click
// in the tree, type into the webview form, submit, read the answer in the panel and in the tree.
// One code-server and one browser serve the whole file; the sandbox starts by itself (autoStart) and
// its seed is known: companies in name order, the first three with a point of contact, the 4th
// without one. Scenarios change that data, so they run in this order: invite (1st company: server
// error on its field, draft, then sent), bulk (1st, 2nd, 4th: the 4th is skipped), assign a contact
// (4th), edit a user, keyboard (3rd company). Each starts with no editor open and re-finds what it
// needs in the tree, so one failing does not take the others down.
// Screenshots: test-results/forms-*.png (every step, and forms-failure-*.png when one fails); one per
// form, in the Dark Modern theme, also in media/screenshots/ for the README.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  RESULTS_DIR,
  WAIT,
  chooseContextMenu,
  clearNotifications,
  clearScreenshots,
  collapseAllInView,
  closeAllEditorTabs,
  closeEditorTab,
  collapseTreeItem,
  contextMenuEntries,
  editorTab,
  openViewContainer,
  resizeSideBar,
  runCommandExact,
  setColorTheme,
  setTreeItemExpanded,
  screenshot,
  screenshotEditor,
  toast,
  treeItemByLabel,
  treeItemsAtLevel,
  treeRowText,
  waitForTreeItem,
  webviewWithHeading,
  cleanStep,
} from '../harness/browser';
import { REPO_ROOT } from '../harness/codeServer';
import { startWorkbench, type Workbench } from '../harness/workbench';
import { formatDate } from '../../src/tree/format';

const CONTAINER = 'Portfolio Contacts';
const SANDBOX = 'Sandbox (Bitsight)';
type ListName = 'Companies' | 'Users' | 'Sent Invitations';
const STEP_TIMEOUT = 180_000;
const README_DIR = join(REPO_ROOT, 'media', 'screenshots');

const MESSAGE = 'Hello from the e2e suite: we would like to work with you on your security rating.';
const BAD_OBSERVATION = 'not-a-real-observation=';

describe('forms in the real workbench', { timeout: 1_200_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  /** The first five companies in tree order (= the sandbox's name order). */
  let companies: string[] = [];

  before(async () => {
    clearScreenshots('forms-');
    wb = await startWorkbench({
      settings: {
        'portfolioContacts.sandbox.autoStart': true,
        // Dark Modern's settings id; if the web workbench honours it at start, no picking is needed.
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    page = wb.page;
    try {
      // VS Code's default theme on the desktop. The web workbench has started in Light+ here despite
      // workbench.colorTheme, so unless it is already dark the theme is picked by keyboard (see setColorTheme).
      await openViewContainer(page, CONTAINER);
      await setColorTheme(page, 'Dark Modern', 'vs-dark');
      const root = await waitForTreeItem(page, new RegExp(`^${escapeRe(SANDBOX)}`));
      await setTreeItemExpanded(root, true);
      await resizeSideBar(page, 420);
      const list = await listRow('Companies');
      await setTreeItemExpanded(list, true);
      const rows = treeItemsAtLevel(page, 3);
      await rows.nth(5).waitFor({ timeout: WAIT.tree });
      for (let i = 0; i < 5; i++) companies.push((await treeRowText(rows.nth(i))).label);
      console.log(`  companies[0..4]: ${companies.join(' | ')}`);
      assert.equal(companies.length, 5);
    } catch (err) {
      await screenshot(page, 'forms-failure-setup').catch(() => undefined);
      throw err;
    }
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  /** A test that starts from no open editor and no toast, and saves a screenshot when it fails. */
  const step = cleanStep('forms', () => (wb ? page : undefined), STEP_TIMEOUT);

  // ------------------------------------------------------------------ tree helpers

  async function listRow(name: ListName): Promise<Locator> {
    const row = treeItemByLabel(page, name, 2).first();
    await row.waitFor({ timeout: WAIT.tree });
    return row;
  }

  /**
   * Shows one of the connection's lists with everything else collapsed (the tree is virtual: rows
   * below a long expanded list are not rendered, so they could not be found).
   */
  async function showList(name: ListName): Promise<void> {
    await collapseAllInView(page);
    await setTreeItemExpanded(await waitForTreeItem(page, new RegExp(`^${escapeRe(SANDBOX)}`)), true);
    await setTreeItemExpanded(await listRow(name), true);
  }

  /** A row directly under an expanded list (level 3) or company (level 4). */
  async function row(label: string, level: number): Promise<Locator> {
    const r = treeItemByLabel(page, label, level).first();
    await r.waitFor({ timeout: WAIT.tree });
    return r;
  }

  /** The rows directly under `parent`, in display order (rows sorted by their list index). */
  async function rowsUnder(parent: Locator): Promise<Array<{ label: string; description: string }>> {
    const parentIndex = Number(await parent.getAttribute('data-index'));
    const parentLevel = Number(await parent.getAttribute('aria-level'));
    const rows = await page.locator('.part.sidebar [role="treeitem"][data-index]').evaluateAll((els) =>
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

  /** The invitations listed under Sent Invitations for a company (expands the list, waits for it to load). */
  async function invitationsFor(company: string): Promise<Array<{ label: string; description: string }>> {
    await showList('Sent Invitations');
    const list = await listRow('Sent Invitations');
    const deadline = Date.now() + WAIT.tree;
    let all = await rowsUnder(list);
    while (all.length === 0 && Date.now() < deadline) {
      await page.waitForTimeout(250);
      all = await rowsUnder(list);
    }
    assert.ok(all.length > 0, 'Sent Invitations shows nothing');
    return all.filter((r) => r.label === company);
  }

  // ------------------------------------------------------------------ webview helpers

  const field = (wv: FrameLocator, name: string) => wv.locator(`.field[data-name="${name}"]`);
  /** The real <input>/<textarea> inside a vscode-elements control (Playwright's CSS crosses shadow roots). */
  const textInput = (wv: FrameLocator, name: string) => field(wv, name).locator('input, textarea').first();
  const fieldError = (wv: FrameLocator, name: string) => field(wv, name).locator('.field-error');
  const fieldWarning = (wv: FrameLocator, name: string) => field(wv, name).locator('.field-warning');
  const successBanner = (wv: FrameLocator) => wv.locator('[role="status"] > .banner.success');
  const errorBanner = (wv: FrameLocator) => wv.locator('[role="alert"] > .banner.error');
  const submitButton = (wv: FrameLocator) => wv.locator('vscode-button.submit');

  /** The FormSpec field name of the element focused inside the webview ('(submit)' for the button). */
  async function focusedField(wv: FrameLocator): Promise<string> {
    return wv.locator('body').evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body) return '(none)';
      if (a.matches('vscode-button.submit')) return '(submit)';
      return a.closest<HTMLElement>('.field')?.dataset.name ?? `${a.localName}#${a.id}`;
    });
  }

  async function waitForFocus(wv: FrameLocator, name: string): Promise<void> {
    const deadline = Date.now() + WAIT.short;
    let seen = '';
    while (Date.now() < deadline) {
      seen = await focusedField(wv);
      if (seen === name) return;
      await page.waitForTimeout(100);
    }
    assert.fail(`focus is on ${seen}, expected ${name}`);
  }

  async function expectText(locator: Locator, expected: string, what: string): Promise<void> {
    await locator.first().waitFor({ timeout: WAIT.tree }).catch(() => undefined);
    const deadline = Date.now() + WAIT.short;
    let actual = '';
    while (Date.now() < deadline) {
      actual = ((await locator.first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
      if (actual === expected) return;
      await page.waitForTimeout(150);
    }
    assert.equal(actual, expected, what);
  }

  /** The form's editor area, scrolled to the top, as test-results/forms-readme-<name>.png and media/screenshots/<name>.png. */
  async function readmeShot(wv: FrameLocator, name: string, height?: number): Promise<void> {
    await clearNotifications(page);
    await page.mouse.move(5, 880);
    await wv.locator('body').evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    const file = await screenshotEditor(page, join(RESULTS_DIR, `forms-readme-${name}.png`), height);
    await wv.locator('body').evaluate(() => window.scrollTo(0, 0));
    // The README's copies change only when asked (UPDATE_SCREENSHOTS=1), so a test run leaves git clean.
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_DIR, { recursive: true });
      copyFileSync(file, join(README_DIR, `${name}.png`));
    }
  }

  // ------------------------------------------------------------------ b. invite: server error, draft

  let pocEmail = '';

  step('b1. invite: the API error about an observation id appears next to that field and the message stays', async () => {
    const [c1] = companies as [string];
    await showList('Companies');
    const c1Row = await row(c1, 3);
    const menu = await contextMenuEntries(page, c1Row);
    // The write actions, in this order, among the company's entries (navigation and copy entries around them).
    const writes = menu.map((m) => m.split('\n')[0]!).filter((m) => ['Invite to Collaborate…', 'Create Contact…'].includes(m));
    assert.deepEqual(writes, ['Invite to Collaborate…', 'Create Contact…'], `context menu of a company: ${menu.join(' | ')}`);
    await chooseContextMenu(page, c1Row, 'Invite to Collaborate…');
    const wv = await webviewWithHeading(page, `Invite to Collaborate — ${c1}`);
    await waitForFocus(wv, 'requestee_formal_name');
    pocEmail = await textInput(wv, 'requestee_email').inputValue();
    assert.match(pocEmail, /^[^@\s]+@[^@\s]+\.[a-z.]+$/, 'the recipient e-mail is not prefilled with the point of contact');
    const pocNote = (await wv.locator('ul.notes li').first().innerText()).trim();
    assert.ok(pocNote.startsWith('Point of contact: ') && pocNote.endsWith(`<${pocEmail}>`), `unexpected note: ${pocNote}`);

    // A pristine form does not greet the person with "Cannot send yet"; the help agrees with the prefilled recipient.
    assert.equal(((await wv.locator('#submit-summary').textContent()) ?? '').trim(), '', 'the pristine form lists problems');
    assert.match((await field(wv, 'requestee_formal_name').locator('vscode-form-helper').innerText()).trim(), /^Prefilled with the point of contact/);
    await textInput(wv, 'message').fill(MESSAGE);
    await textInput(wv, 'rolledup_observation_ids').fill(BAD_OBSERVATION);
    // Client-side rules pass: nothing can know which ids the server accepts.
    assert.equal(await fieldError(wv, 'rolledup_observation_ids').isHidden(), true);
    await screenshot(page, 'forms-b1-filled');
    await submitButton(wv).click();

    await expectText(fieldError(wv, 'rolledup_observation_ids'), `Some of these findings are not ${c1}’s observations.`, 'error under Shared findings');
    assert.equal(await fieldError(wv, 'rolledup_observation_ids').isVisible(), true);
    // Plain words naming the field and the company; the API's own text on the details line.
    await expectText(errorBanner(wv).locator('.banner-text'), `Bitsight refused the invitation. Shared findings (observation ids): Some of these findings are not ${c1}’s observations.`, 'error banner');
    await expectText(errorBanner(wv).locator('.banner-details'), 'Details: The observations ids did not match the entity', 'error details');
    // The error is tied to the control for assistive technology, and focus went to it.
    assert.equal(await field(wv, 'rolledup_observation_ids').locator('vscode-textarea').getAttribute('aria-invalid'), 'true');
    await waitForFocus(wv, 'rolledup_observation_ids');
    assert.equal(await textInput(wv, 'message').inputValue(), MESSAGE, 'the typed message was lost');
    assert.equal(await textInput(wv, 'rolledup_observation_ids').inputValue(), BAD_OBSERVATION);
    // No other field carries an error.
    const shown = await wv.locator('.field-error:not([hidden])').count();
    assert.equal(shown, 1, 'more than one field shows an error');
    await screenshot(page, 'forms-b1-server-error');
    await readmeShot(wv, 'invite', 1800);
  });

  step('b2. invite: the typed message survives hiding the tab and showing it again', async () => {
    const [c1] = companies as [string];
    const title = `Invite to Collaborate — ${c1}`;
    await showList('Companies');
    await chooseContextMenu(page, await row(c1, 3), 'Invite to Collaborate…');
    let wv = await webviewWithHeading(page, title);
    await textInput(wv, 'message').fill(MESSAGE);
    // Another editor in front: the hidden webview is torn down, then rebuilt from its saved state.
    await runCommandExact(page, 'File: New Untitled Text File');
    await editorTab(page, 'Untitled-1').first().waitFor({ timeout: WAIT.short });
    await editorTab(page, title).first().click();
    wv = await webviewWithHeading(page, title);
    assert.equal(await textInput(wv, 'message').inputValue(), MESSAGE, 'the message was lost when the tab was hidden and shown again');
    await screenshot(page, 'forms-b2-shown-again');
  });

  test('b2. invite: the typed message survives closing the panel and reopening the form from the tree', { timeout: STEP_TIMEOUT }, async () => {
    assert.ok(wb, 'the workbench did not start');
    const [c1] = companies as [string];
    const title = `Invite to Collaborate — ${c1}`;
    await page.keyboard.press('Escape');
    await closeAllEditorTabs(page);
    try {
      await showList('Companies');
      await chooseContextMenu(page, await row(c1, 3), 'Invite to Collaborate…');
      let wv = await webviewWithHeading(page, title);
      await textInput(wv, 'message').fill(MESSAGE);
      await page.waitForTimeout(300);
      await closeEditorTab(page, title);
      await chooseContextMenu(page, await row(c1, 3), 'Invite to Collaborate…');
      wv = await webviewWithHeading(page, title);
      await textInput(wv, 'message').waitFor({ timeout: WAIT.short });
      await page.waitForTimeout(500);
      await screenshot(page, 'forms-b2-reopened');
      assert.equal(await textInput(wv, 'message').inputValue(), MESSAGE, 'the draft message was lost when the panel was closed and reopened');
    } finally {
      await closeAllEditorTabs(page);
    }
  });

  step('b3. invite: without the bad id it is sent, and Sent Invitations lists the company', async () => {
    const [c1] = companies as [string];
    const title = `Invite to Collaborate — ${c1}`;
    assert.deepEqual(await invitationsFor(c1), [], `the seed already has an invitation to ${c1}`);
    await showList('Companies');
    await chooseContextMenu(page, await row(c1, 3), 'Invite to Collaborate…');
    const wv = await webviewWithHeading(page, title);
    pocEmail = await textInput(wv, 'requestee_email').inputValue();
    assert.ok(pocEmail, 'the recipient e-mail is not prefilled with the point of contact');
    await textInput(wv, 'message').fill(MESSAGE);
    await textInput(wv, 'rolledup_observation_ids').fill('');
    await submitButton(wv).click();
    await expectText(successBanner(wv), `Invitation sent to ${pocEmail} at ${c1}.`, 'success banner');
    assert.equal(await errorBanner(wv).count(), 0);
    assert.equal(await wv.locator('.field-error:not([hidden])').count(), 0);
    // Done: the same invitation cannot be sent again from this form, only "Send another…" or Close.
    assert.equal(await submitButton(wv).getAttribute('disabled'), '', 'Send Invitation is still enabled after the invitation was sent');
    assert.equal(await wv.locator('.done-actions vscode-button.send-another').isVisible(), true, 'no "Send another…" after success');
    assert.equal(await wv.locator('.done-actions vscode-button.close').isVisible(), true, 'no "Close" after success');
    await screenshot(page, 'forms-b3-sent');

    const sent = await invitationsFor(c1);
    assert.equal(sent.length, 1, `expected one invitation to ${c1}: ${JSON.stringify(sent)}`);
    // "<status> · <date sent> · <recipient>"
    // The date as the tree shows it: in the workbench's locale (code-server runs in English).
    const today = formatDate(new Date().toISOString().slice(0, 10), 'en');
    assert.match(sent[0]!.description, new RegExp(`^[A-Z][a-z]+ · ${escapeRe(today)} · ${escapeRe(pocEmail)}$`), `invitation row: ${JSON.stringify(sent[0])}`);
    await screenshot(page, 'forms-b3-sent-invitations');
  });

  // ------------------------------------------------------------------ d. bulk invite

  step('d. bulk: three selected companies → the one without a point of contact is skipped, two are sent', async () => {
    const [c1, c2, , c4] = companies as [string, string, string, string];
    const before1 = (await invitationsFor(c1)).length;
    const before2 = (await invitationsFor(c2)).length;
    await showList('Companies');
    const r1 = await row(c1, 3);
    await r1.click();
    await (await row(c2, 3)).click({ modifiers: ['Control'] });
    await (await row(c4, 3)).click({ modifiers: ['Control'] });
    for (const name of [c1, c2, c4]) assert.equal(await (await row(name, 3)).getAttribute('aria-selected'), 'true', `${name} is not selected`);
    await screenshot(page, 'forms-d-selected');
    await chooseContextMenu(page, await row(c4, 3), 'Invite to Collaborate…');

    // The title counts the companies that will be invited (two), not the three selected.
    const wv = await webviewWithHeading(page, 'Invite 2 Companies to Collaborate');
    const targets = wv.locator('section.targets');
    await expectText(targets.locator('h2'), 'Companies (3)', 'targets heading');
    await expectText(targets.locator('.targets-count'), '2 companies will be invited.', 'targets count');
    assert.deepEqual((await targets.locator('ul[aria-label="Will be invited"] li').allInnerTexts()).map((t) => t.trim()).sort(), [c1, c2].sort());
    await expectText(targets.locator('.skipped h3'), 'Will be skipped (1)', 'skipped heading');
    assert.deepEqual((await targets.locator('.skipped li').allTextContents()).map((t) => t.trim()), [`${c4} — no point of contact (assign one first)`]);
    await screenshot(page, 'forms-d-bulk-form');

    await textInput(wv, 'message').fill(MESSAGE);
    await submitButton(wv).click();
    await expectText(wv.locator('.bulk-summary'), 'Finished: 2 sent, 1 skipped of 3 companies.', 'results summary');
    await expectText(successBanner(wv), 'Invitations: 2 sent, 1 skipped.', 'success banner');
    const rows = await wv.locator('table.results tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );
    const byName = Object.fromEntries(rows.map((r) => [r[0], r.slice(1)]));
    assert.equal(rows.length, 3, `results: ${JSON.stringify(rows)}`);
    assert.deepEqual(byName[c1], ['Sent', '']);
    assert.deepEqual(byName[c2], ['Sent', '']);
    assert.deepEqual(byName[c4], ['Skipped', 'no point of contact: bulk invitations go to the point of contact, so this company was not sent one']);
    assert.equal(await targets.isHidden(), true, 'the target list is still shown next to the results');
    // The results come before the form, in view at once.
    assert.equal(await wv.locator('section.bulk').evaluate((el) => !!(el.compareDocumentPosition(el.ownerDocument.querySelector('form')!) & Node.DOCUMENT_POSITION_FOLLOWING)), true, 'the results are below the form');
    const top = await wv.locator('section.bulk').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top < 600, `the results start ${top}px down, out of sight`);
    // Sent once per panel: the button is off and says why.
    assert.equal(await submitButton(wv).getAttribute('disabled'), '');
    await expectText(wv.locator('#submit-summary .summary-title'), 'These invitations were sent from this panel. Use Retry Failed for the failures, or start a new bulk invitation.', 'blocked note');
    await toast(page, 'Invitations: 2 sent, 1 skipped.').waitFor({ timeout: WAIT.short });
    await screenshot(page, 'forms-d-results');
    await readmeShot(wv, 'bulk-invite', 1500);

    assert.equal((await invitationsFor(c1)).length, before1 + 1, `Sent Invitations should list one more invitation to ${c1}`);
    assert.equal((await invitationsFor(c2)).length, before2 + 1, `Sent Invitations should list one more invitation to ${c2}`);
    assert.deepEqual(await invitationsFor(c4), [], `${c4} was skipped, yet Sent Invitations lists it`);
    await screenshot(page, 'forms-d-sent-invitations');
  });

  // ------------------------------------------------------------------ a. assign point of contact

  step('a. assign: a point of contact for the 4th company appears under it in the tree', async () => {
    const c4 = companies[3]!;
    await showList('Companies');
    const c4Row = await row(c4, 3);
    await collapseTreeItem(c4Row);
    await setTreeItemExpanded(c4Row, true);
    await row('No contacts yet', 4);
    assert.deepEqual(await rowsUnder(c4Row), [{ label: 'No contacts yet', description: '' }], `${c4} should have no contact yet`);

    await chooseContextMenu(page, c4Row, 'Create Contact…');
    const wv = await webviewWithHeading(page, `Assign Point of Contact — ${c4}`);
    await waitForFocus(wv, 'formal_name');
    const notes = (await wv.locator('ul.notes li').allInnerTexts()).map((t) => t.trim());
    assert.equal(notes[0], `Company: ${c4}`);
    const domainsNote = notes.find((n) => n.startsWith('Domains: '));
    assert.ok(domainsNote, `no "Domains:" note: ${notes.join(' | ')}`);
    const domains = domainsNote.slice('Domains: '.length).split(', ');
    assert.equal((await field(wv, 'email').locator('vscode-form-helper').innerText()).trim(), `Bitsight expects an address on the company’s domains: ${domains.join(', ')}.`);

    await textInput(wv, 'formal_name').fill('Grace Hopper');
    await textInput(wv, 'friendly_name').fill('Grace');
    // An address off the company's domains is warned about as it is typed; Bitsight decides, so Submit stays on.
    await textInput(wv, 'email').fill('grace@example.com');
    await expectText(fieldWarning(wv, 'email'), `This e-mail address is not on one of ${c4}’s domains (${domains.join(', ')}). Bitsight decides: you can still send.`, 'domain warning');
    assert.equal(await fieldError(wv, 'email').isHidden(), true, 'the domain warning is shown as an error');
    assert.equal(await submitButton(wv).getAttribute('disabled'), null, 'Submit is disabled by the domain warning');
    const email = `grace.hopper@${domains[0]}`;
    await textInput(wv, 'email').fill(email);
    assert.equal(await fieldWarning(wv, 'email').isHidden(), true);
    await submitButton(wv).click();
    await expectText(successBanner(wv), `Grace Hopper is assigned as the point of contact of ${c4}.`, 'success banner');
    // Done: the form is now the Edit form, finished (Send another… / Close), never a second Assign.
    const edit = await webviewWithHeading(page, `Edit Point of Contact — ${c4}`);
    await expectText(successBanner(edit), `Grace Hopper is assigned as the point of contact of ${c4}.`, 'success banner on the edit form');
    assert.equal(await submitButton(edit).getAttribute('disabled'), '', 'Submit stays off once done');
    assert.equal(await edit.locator('.done-actions .send-another').isVisible(), true, 'no Send another…');
    await screenshot(page, 'forms-a-assigned');
    await readmeShot(wv, 'assign-contact');

    const contact = await row('Grace Hopper', 4);
    assert.equal((await treeRowText(contact)).description, `${email} · point of contact`);
    assert.deepEqual(await rowsUnder(c4Row), [{ label: 'Grace Hopper', description: `${email} · point of contact` }]);
    await screenshot(page, 'forms-a-tree');
  });

  // ------------------------------------------------------------------ c. edit user

  step('c. edit user: a new role and preferred name are saved and shown', async () => {
    const user = 'Liam Chen';
    await showList('Users');
    const userRow = await row(user, 3);
    assert.equal((await treeRowText(userRow)).description, 'User · liam@blueseas.com');
    await chooseContextMenu(page, userRow, 'Edit User…');
    let wv = await webviewWithHeading(page, `Edit User — ${user}`);
    const role = field(wv, 'role').locator('select');
    assert.equal(await role.inputValue(), 'customer_user');
    assert.equal(await textInput(wv, 'friendly_name').inputValue(), 'Liam');
    await role.selectOption('vrm_admin');
    await textInput(wv, 'friendly_name').fill('Lee');
    await submitButton(wv).click();
    await expectText(successBanner(wv), `Saved 2 changes to ${user}.`, 'success banner');
    await screenshot(page, 'forms-c-saved');
    await readmeShot(wv, 'edit-user', 1120);

    await expectTreeDescription(user, 3, 'VRM Admin · liam@blueseas.com');
    // The form reads the user from the API when it opens: the saved values come back.
    await closeEditorTab(page, `Edit User — ${user}`);
    await chooseContextMenu(page, await row(user, 3), 'Edit User…');
    wv = await webviewWithHeading(page, `Edit User — ${user}`);
    assert.equal(await field(wv, 'role').locator('select').inputValue(), 'vrm_admin');
    assert.equal(await textInput(wv, 'friendly_name').inputValue(), 'Lee');
    await screenshot(page, 'forms-c-tree');
  });

  async function expectTreeDescription(label: string, level: number, expected: string): Promise<void> {
    const deadline = Date.now() + WAIT.short;
    let seen = '';
    while (Date.now() < deadline) {
      seen = (await treeRowText(await row(label, level)).catch(() => ({ description: '' }))).description;
      if (seen === expected) return;
      await page.waitForTimeout(250);
    }
    assert.equal(seen, expected, `tree row "${label}"`);
  }

  // ------------------------------------------------------------------ e. keyboard

  step('e. keyboard: focus starts on the first field and Tab walks every field in order, then Submit', async () => {
    const c3 = companies[2]!;
    await showList('Companies');
    await chooseContextMenu(page, await row(c3, 3), 'Invite to Collaborate…');
    const wv = await webviewWithHeading(page, `Invite to Collaborate — ${c3}`);
    const order = [
      'requestee_formal_name',
      'requestee_friendly_name',
      'requestee_email',
      'requestee_phone',
      'message',
      'notes',
      'read',
      'reason',
      'risk_vectors',
      'trial_duration',
      'ccs',
      'third_parties',
      'rolledup_observation_ids',
    ];
    const rendered = await wv.locator('.field').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name));
    assert.deepEqual(rendered, order, 'the invite form does not render the fields in FormSpec order');
    await waitForFocus(wv, order[0]!);
    // The risk vectors' suggestion picker is a second stop inside that field.
    const stops = order.flatMap((n) => (n === 'risk_vectors' ? [n, n] : [n]));
    const visited: string[] = [await focusedField(wv)];
    for (let i = 1; i <= stops.length; i++) {
      await page.keyboard.press('Tab');
      visited.push(await focusedField(wv));
    }
    assert.deepEqual(visited, [...stops, '(submit)']);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedField(wv), 'rolledup_observation_ids', 'Shift+Tab does not go back');
    // Typing goes where focus is.
    await page.keyboard.type('abc');
    assert.equal(await textInput(wv, 'rolledup_observation_ids').inputValue(), 'abc');
    await screenshot(page, 'forms-e-keyboard');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
