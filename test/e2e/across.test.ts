// One company, every vendor, in the real workbench (code-server + Chromium): Try the Sandbox adds
// three connections whose seeded data share some companies (src/sandbox/README.md: with seed 1,
// "Jade Freight Group" is in Bitsight, "Jade Freight Group SAS" in Kare, "Jade Freight Group LLC"
// in Guidewire). Company Across Connections lists it once with each connection's entry; Copy
// Contact to… from the Kare primary contact onto the Guidewire organization opens its Create
// Contact form prefilled with the person; once the address is typed and sent, the contact is in
// the Guidewire tree. Steps build on each other. Screenshots: test-results/across-*.png.
import * as assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  WAIT,
  acceptQuickInputRow,
  chainedStep,
  chooseContextMenu,
  clearNotifications,
  clearScreenshots,
  openViewContainer,
  resizeSideBar,
  screenshot,
  setTreeItemExpanded,
  sideBar,
  toast,
  treeItemByLabel,
  treeRowText,
  webviewWithHeading,
  welcomeButton,
} from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const VIEW = 'Company Across Connections';
const STEP_TIMEOUT = 180_000;
const GROUP = 'Jade Freight Group';
const KARE_ENTRY = 'Sandbox (Kare): Jade Freight Group SAS';
const GW_ENTRY = 'Sandbox (Guidewire): Jade Freight Group LLC';
const GW_ORG = 'Jade Freight Group LLC';
/** The Kare company's first (primary) contact in seed 1. */
const PERSON = { name: 'Thomas Michel', first: 'Thomas', last: 'Michel', email: 'thomas.michel@jade-freight-group-sas.fr' };
const ADDRESS = { addressLine1: '12 Harbor Road', city: 'Oakland', postalCode: '94607', state: 'CA' };

describe('Company Across Connections in the real workbench: a matched company, Copy Contact to another connection', { timeout: 1_200_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  const step = chainedStep('across', () => (wb ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('across-');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  /** The pane of the across view (the container shows both views). */
  const pane = () => sideBar(page).locator('.pane', { has: page.locator('.pane-header', { hasText: VIEW }) });
  const row = (label: string, level: number) => pane().locator(`[role="treeitem"][aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }) }).first();
  /** Opens or closes a pane of the container by its title (exact, as VS Code's title attribute holds it). */
  async function setPaneExpanded(title: string, expanded: boolean): Promise<void> {
    const header = sideBar(page).locator('.pane-header').filter({ has: page.locator('h3.title', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`, 'i') }) });
    await header.waitFor({ timeout: WAIT.short });
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await header.and(page.locator(`[aria-expanded="${expanded}"]`)).waitFor({ timeout: WAIT.short });
  }
  const field = (wv: FrameLocator, name: string) => wv.locator(`.field[data-name="${name}"]`);
  const textInput = (wv: FrameLocator, name: string) => field(wv, name).locator('input, textarea').first();
  const select = (wv: FrameLocator, name: string) => field(wv, name).locator('select');

  step('1. Try the Sandbox, then Company Across Connections lists the shared company once, with entries from three connections', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    await toast(page, /The sandbox is running at http:\/\/127\.0\.0\.1:\d+/).waitFor({ timeout: WAIT.tree });
    for (const name of ['Sandbox (Bitsight)', 'Sandbox (Kare)', 'Sandbox (Guidewire)']) await treeItemByLabel(page, name, 1).first().waitFor({ timeout: WAIT.tree });
    await resizeSideBar(page, 640);
    const header = pane().locator('.pane-header');
    await header.waitFor({ timeout: WAIT.short });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    // The view starts collapsed and opens small: the connections' pane gives it its room.
    await setPaneExpanded('Connections', false);
    const group = row(GROUP, 1);
    await group.waitFor({ timeout: WAIT.tree });
    assert.match((await treeRowText(group)).description, /^3 connections · jadefreight\.com$/);
    await setTreeItemExpanded(group, true);
    await row(KARE_ENTRY, 2).waitFor({ timeout: WAIT.tree });
    await row(GW_ENTRY, 2).waitFor({ timeout: WAIT.tree });
    await row('Sandbox (Bitsight): Jade Freight Group', 2).waitFor({ timeout: WAIT.tree });
    assert.equal((await treeRowText(row(KARE_ENTRY, 2))).description, 'same name, not confirmed');
    const contact = row(PERSON.name, 3);
    await contact.waitFor({ timeout: WAIT.tree });
    assert.match((await treeRowText(contact)).description, new RegExp(`^${escapeRe(PERSON.email)} · primary contact$`));
    await screenshot(page, 'across-1-matched');
  });

  let wv: FrameLocator;

  step('2. Copy Contact to… from the Kare contact proposes the matched Guidewire organization and opens its form prefilled', async () => {
    await clearNotifications(page);
    await chooseContextMenu(page, row(PERSON.name, 3), 'Copy Contact to…');
    await acceptQuickInputRow(page, 'Sandbox (Guidewire)');
    await acceptQuickInputRow(page, GW_ORG);
    wv = await webviewWithHeading(page, `Create Contact — ${GW_ORG}`);
    await textInput(wv, 'firstName').waitFor({ timeout: WAIT.short });
    assert.equal(await select(wv, 'subtype').inputValue(), 'Person');
    assert.equal(await textInput(wv, 'firstName').inputValue(), PERSON.first);
    assert.equal(await textInput(wv, 'lastName').inputValue(), PERSON.last);
    assert.equal(await textInput(wv, 'emailAddress1').inputValue(), PERSON.email);
    assert.equal(await textInput(wv, 'addressLine1').inputValue(), '', 'no address is invented');
    await screenshot(page, 'across-2-prefilled');
  });

  step('3. With the address typed, the form creates the contact and it appears under the Guidewire organization', async () => {
    for (const name of ['addressLine1', 'city', 'postalCode'] as const) await textInput(wv, name).fill(ADDRESS[name]);
    await select(wv, 'state').locator(`option[value="${ADDRESS.state}"]`).waitFor({ state: 'attached', timeout: WAIT.tree });
    await select(wv, 'state').selectOption(ADDRESS.state);
    await wv.locator('vscode-button.submit').click();
    await wv.locator('[role="status"] > .banner.success').filter({ hasText: new RegExp(`${PERSON.first} ${PERSON.last} was created`) }).waitFor({ timeout: WAIT.tree });

    await setPaneExpanded(VIEW, false);
    await setPaneExpanded('Connections', true);
    const main = (label: string, level: number): Locator => treeItemByLabel(page, label, level).first();
    await setTreeItemExpanded(main('Sandbox (Guidewire)', 1), true);
    await setTreeItemExpanded(main('Organizations', 2), true);
    await main(GW_ORG, 3).waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(main(GW_ORG, 3), true);
    await main(`${PERSON.first} ${PERSON.last}`, 4).waitFor({ timeout: WAIT.tree });
    await screenshot(page, 'across-3-created');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
