// WCAG AA contrast (4.5:1) of every visible text in every form, in the four themes VS Code ships
// for it (Light Modern, Dark Modern, Dark High Contrast, Light High Contrast), measured in the real
// workbench: each form is opened once, put in a state that shows its errors (and the bulk form its
// results table), then the theme is switched under it (settings.json, checked by the theme id the
// webview reports: see test/harness/theme.ts) and every text inside the webview frame is measured
// against its effective background (test/harness/contrast.ts). Disabled controls are skipped, as
// WCAG allows. Screenshots: test-results/contrast-<theme>-<form>.png.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  RESULTS_DIR,
  WAIT,
  chooseContextMenu,
  cleanStep,
  clearScreenshots,
  collapseAllInView,
  openViewContainer,
  resizeSideBar,
  screenshotEditor,
  setTreeItemExpanded,
  treeItemByLabel,
  treeItemsAtLevel,
  treeRowText,
  waitForTreeItem,
} from '../harness/browser';
import { measureTexts, type TextSample } from '../harness/contrast';
import { THEMES, applyTheme } from '../harness/theme';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const AA = 4.5;
const STEP_TIMEOUT = 240_000;
/** tsx compiles with keepNames, which calls a `__name` helper the page does not have: give it one. */
const inPage = (fn: () => unknown) => `(() => { const __name = (f) => f; return (${fn.toString()})(); })()`;
const MEASURE = inPage(measureTexts);

describe('contrast of every form in the four themes', { timeout: 1_800_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;

  before(async () => {
    clearScreenshots('contrast-');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': true } });
    page = wb.page;
    await openViewContainer(page, CONTAINER);
    for (const api of ['Bitsight', 'Kare', 'Guidewire']) await waitForTreeItem(page, new RegExp(`^Sandbox \\(${api}\\)`));
    await resizeSideBar(page, 380);
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  // ------------------------------------------------------------------ tree and webview helpers

  /** The rows of the first list (companies) of a sandbox connection, everything else collapsed. */
  async function companyRows(api: string): Promise<Locator> {
    await collapseAllInView(page);
    const root = await waitForTreeItem(page, new RegExp(`^Sandbox \\(${api}\\)`));
    await setTreeItemExpanded(root, true);
    const list = treeItemsAtLevel(page, 2).first();
    await list.waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(list, true);
    const rows = treeItemsAtLevel(page, 3);
    await rows.nth(3).waitFor({ timeout: WAIT.tree });
    return rows;
  }

  /** The one webview on screen, once its form has rendered. */
  async function form(): Promise<FrameLocator> {
    const wv = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await wv.locator('h1').first().waitFor({ timeout: WAIT.tree });
    await wv.locator('.field').first().waitFor({ timeout: WAIT.tree });
    return wv;
  }

  const field = (wv: FrameLocator, name: string) => wv.locator(`.field[data-name="${name}"]`);
  const input = (wv: FrameLocator, name: string) => field(wv, name).locator('input, textarea').first();

  /** Types into a field and leaves it, so its error shows. */
  async function typeInto(wv: FrameLocator, name: string, text: string): Promise<void> {
    await input(wv, name).fill(text);
    await input(wv, name).press('Tab');
  }

  async function shownErrors(wv: FrameLocator): Promise<number> {
    return wv.locator('.field-error:not([hidden])').count();
  }

  /**
   * Measures the form in each theme, saves contrast-<theme>-<name>.png, and fails with every text
   * under 4.5:1 (theme, where, text, colours, ratio).
   */
  async function checkInEveryTheme(wv: FrameLocator, name: string): Promise<void> {
    const failures: string[] = [];
    for (const theme of THEMES) {
      const how = await applyTheme(page, wb!.cs, wv, theme);
      const samples = (await wv.locator('body').evaluate(MEASURE)) as TextSample[];
      assert.ok(samples.length > 5, `${theme.label}: only ${samples.length} texts measured in ${name}`);
      const low = samples.filter((s) => s.ratio < AA);
      const worst = samples.reduce((a, b) => (b.ratio < a.ratio ? b : a));
      console.log(`  ${name} · ${theme.label} (${how}): ${samples.length} texts, lowest ${worst.ratio}:1 (${worst.where} "${worst.text}")`);
      for (const s of low) failures.push(`${theme.label} · ${s.where} · ${s.what} "${s.text}" · ${s.fg} on ${s.bg} = ${s.ratio}:1`);
      if (theme.kind.startsWith('hc')) failures.push(...(await invalidBorderProblems(wv)).map((p) => `${theme.label} · ${p}`));
      await page.mouse.move(5, 880);
      await wv.locator('body').evaluate(() => window.scrollTo(0, 0));
      await screenshotEditor(page, join(RESULTS_DIR, `contrast-${theme.slug}-${name}.png`), 1600);
    }
    assert.deepEqual(failures, [], `texts under ${AA}:1 in ${name}:\n${failures.join('\n')}`);
  }

  /**
   * High contrast: each invalid control must show it with its own border (the theme's error border
   * colour, unlike a valid control's) and the dashed outline, not only with the message under it.
   */
  async function invalidBorderProblems(wv: FrameLocator): Promise<string[]> {
    return (await wv.locator('body').evaluate(inPage(() => {
      const resolve = (value: string) => {
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = value;
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      };
      const errorBorder = resolve(getComputedStyle(document.body).getPropertyValue('--vscode-inputValidation-errorBorder').trim());
      const valid = document.querySelector('vscode-textfield:not([invalid])');
      const validBorder = valid ? getComputedStyle(valid).borderTopColor : undefined;
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('vscode-textfield[invalid], vscode-textarea[invalid], select[aria-invalid="true"]')) {
        if (!el.checkVisibility()) continue;
        const s = getComputedStyle(el);
        const name = el.closest<HTMLElement>('.field')?.dataset.name ?? el.localName;
        if (s.outlineStyle !== 'dashed' || s.outlineColor !== errorBorder) out.push(`[${name}] invalid without the dashed error outline (${s.outlineStyle} ${s.outlineColor}, error border ${errorBorder})`);
        // vscode-textarea draws its border inside; the host's border is checked where it has one.
        if (el.localName !== 'vscode-textarea' && (s.borderTopColor !== errorBorder || s.borderTopColor === validBorder)) out.push(`[${name}] invalid, yet its border ${s.borderTopColor} is not the error border ${errorBorder}`);
      }
      return out;
    }))) as string[];
  }

  const step = cleanStep('contrast', () => (wb ? page : undefined), STEP_TIMEOUT);

  // ------------------------------------------------------------------ Bitsight

  step('Bitsight: assign a point of contact, with an invalid e-mail', async () => {
    const rows = await companyRows('Bitsight');
    // The seed: the 4th company has no point of contact.
    await chooseContextMenu(page, rows.nth(3), 'Create Contact…');
    const wv = await form();
    await typeInto(wv, 'email', 'not an address');
    assert.ok((await shownErrors(wv)) > 0, 'no field error shown');
    await checkInEveryTheme(wv, 'bitsight-assign');
  });

  step('Bitsight: edit the point of contact, with an invalid e-mail', async () => {
    const rows = await companyRows('Bitsight');
    const company = rows.first();
    await setTreeItemExpanded(company, true);
    const contact = treeItemsAtLevel(page, 4).first();
    await contact.waitFor({ timeout: WAIT.tree });
    await chooseContextMenu(page, contact, 'Edit Contact…');
    const wv = await form();
    await typeInto(wv, 'email', 'not an address');
    assert.ok((await shownErrors(wv)) > 0, 'no field error shown');
    await checkInEveryTheme(wv, 'bitsight-edit');
  });

  step('Bitsight: edit a user', async () => {
    await collapseAllInView(page);
    await setTreeItemExpanded(await waitForTreeItem(page, /^Sandbox \(Bitsight\)/), true);
    const users = treeItemByLabel(page, 'Users', 2).first();
    await setTreeItemExpanded(users, true);
    const user = treeItemsAtLevel(page, 3).first();
    await user.waitFor({ timeout: WAIT.tree });
    await chooseContextMenu(page, user, 'Edit User…');
    const wv = await form();
    await checkInEveryTheme(wv, 'edit-user');
  });

  step('Bitsight: invite, with a server error on a field and an error banner', async () => {
    const rows = await companyRows('Bitsight');
    await chooseContextMenu(page, rows.first(), 'Invite to Collaborate…');
    const wv = await form();
    await input(wv, 'rolledup_observation_ids').fill('not-a-real-observation=');
    await wv.locator('vscode-button.submit').click();
    await wv.locator('[role="alert"] > .banner.error').waitFor({ timeout: WAIT.tree });
    await typeInto(wv, 'requestee_email', 'not an address');
    assert.ok((await shownErrors(wv)) >= 2, 'the server error and the e-mail error are not both shown');
    await checkInEveryTheme(wv, 'invite');
  });

  step('Bitsight: bulk invite, then its results table', async () => {
    const rows = await companyRows('Bitsight');
    const names: string[] = [];
    for (const i of [0, 1, 3]) names.push((await treeRowText(rows.nth(i))).label);
    await rows.nth(0).click();
    await rows.nth(1).click({ modifiers: ['Control'] });
    await rows.nth(3).click({ modifiers: ['Control'] });
    await chooseContextMenu(page, rows.nth(3), 'Invite to Collaborate…');
    const wv = await form();
    await wv.locator('section.targets .skipped').waitFor({ timeout: WAIT.short });
    await checkInEveryTheme(wv, 'bulk');
    await wv.locator('vscode-button.submit').click();
    await wv.locator('.bulk-summary', { hasText: /^Finished/ }).waitFor({ timeout: WAIT.tree });
    const states = await wv.locator('table.results tbody td.state').allInnerTexts();
    assert.ok(states.includes('Sent') && states.includes('Skipped'), `results: ${states.join(', ')} for ${names.join(', ')}`);
    await checkInEveryTheme(wv, 'bulk-results');
  });

  // ------------------------------------------------------------------ Kare and Guidewire

  step('Kare: create contacts, two rows, one with an invalid e-mail', async () => {
    const rows = await companyRows('Kare');
    await chooseContextMenu(page, rows.first(), 'Create Contacts…');
    const wv = await form();
    await wv.locator('vscode-button.add-row').click();
    await wv.locator('fieldset.row').nth(1).waitFor({ timeout: WAIT.short });
    const email = wv.locator('fieldset.row').first().locator('.field[data-name$=".email"] input').first();
    await email.fill('not an address');
    await email.press('Tab');
    assert.ok((await shownErrors(wv)) > 0, 'no field error shown');
    await checkInEveryTheme(wv, 'kare-create');
  });

  step('Guidewire: create a contact, with an invalid e-mail', async () => {
    const rows = await companyRows('Guidewire');
    await chooseContextMenu(page, rows.first(), 'Create Contact…');
    const wv = await form();
    const email = wv.locator('.field.email input').first();
    await email.fill('not an address');
    await email.press('Tab');
    assert.ok((await shownErrors(wv)) > 0, 'no field error shown');
    await checkInEveryTheme(wv, 'guidewire-create');
  });
});
