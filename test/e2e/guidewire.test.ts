// A Guidewire admin in the real workbench (code-server + Chromium): Try the Sandbox adds the
// Guidewire sandbox beside Bitsight and Kare; an agency organization shows its type and its primary
// contact with the contact's addresses; Create Contact… makes a Person its primary contact in one
// atomic PATCH (seed 004's shape, read back from the sandbox's write log); the same form, sent after
// someone else changed the organization, says so, reloads and keeps what was typed, then succeeds;
// Set Primary Contact… re-points it to one of the organization's users.
// The steps build on each other (one organization, changed step by step); a failed step skips the
// rest. The sandbox is driven behind the form's back through its control API: its token is given
// to the extension host by PORTFOLIO_CONTACTS_SANDBOX_CONTROL_TOKEN.
// Screenshots: test-results/guidewire-*.png (and guidewire-failure-*.png when a step fails).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  WAIT,
  acceptQuickInputRow,
  chooseContextMenu,
  clearNotifications,
  clearScreenshots,
  closeAllEditorTabs,
  openViewContainer,
  resizeSideBar,
  screenshot,
  setTreeItemExpanded,
  toast,
  treeItemByLabel,
  treeItemsAtLevel,
  treeRowText,
  waitForTreeItem,
  webviewWithHeading,
  welcomeButton,
  chainedStep,
} from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

const CONTAINER = 'Portfolio Contacts';
const GUIDEWIRE = 'Sandbox (Guidewire)';
const STEP_TIMEOUT = 180_000;
const CONTROL_TOKEN = `e2e-${randomBytes(12).toString('hex')}`;
/** Seed 004's example: PATCH /admin/v1/organizations/pc:5 creating Sarah Baker (pc:5 is an agency with a Person contact). */
const ORG_ID = 'pc:5';
const SARAH = { firstName: 'Sarah', lastName: 'Baker', addressLine1: '123 Hillsdale Blvd', city: 'San Mateo', postalCode: '94403', state: 'CA' };
const SECOND = { firstName: 'Ottilie', lastName: 'Quennell', addressLine1: '77 Market Street', addressLine2: 'Suite 400', city: 'Austin', postalCode: '78701', state: 'TX', emailAddress1: 'ottilie.quennell@example.com' };

type Json = Record<string, any>;

describe('Guidewire in the real workbench: organizations, create a primary contact, a conflict, set primary', { timeout: 1_200_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;
  /** http://127.0.0.1:PORT of the embedded sandbox, read from the notification Try the Sandbox shows. */
  let sandboxUrl = '';
  let gwToken = '';
  let orgName = '';
  let seedContact = { id: '', name: '' };
  let userContact = '';
  let userContactId = '';

  const step = chainedStep('guidewire', () => (wb ? page : undefined), STEP_TIMEOUT);

  before(async () => {
    clearScreenshots('guidewire-');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': false }, env: { PORTFOLIO_CONTACTS_SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN } });
    page = wb.page;
  }, { timeout: STEP_TIMEOUT });

  after(async () => {
    await wb?.stop();
  });

  // ------------------------------------------------------------------ the sandbox, from outside

  async function control(method: string, path: string): Promise<unknown> {
    const res = await fetch(`${sandboxUrl}/__sandbox/${path}`, { method, headers: { 'X-Sandbox-Control': CONTROL_TOKEN } });
    assert.ok(res.ok, `${method} /__sandbox/${path} answered ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  }

  /** A call to the Guidewire API as another client of the same tenant would make it. */
  async function gw(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await fetch(`${sandboxUrl}/guidewire/rest${path}`, {
      method,
      headers: { Authorization: `Bearer ${gwToken}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Json;
    assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }

  // ------------------------------------------------------------------ tree and webview helpers

  const orgRow = () => treeItemByLabel(page, orgName, 3).first();
  const field = (wv: FrameLocator, name: string) => wv.locator(`.field[data-name="${name}"]`);
  const textInput = (wv: FrameLocator, name: string) => field(wv, name).locator('input, textarea').first();
  const select = (wv: FrameLocator, name: string) => field(wv, name).locator('select');
  const successBanner = (wv: FrameLocator) => wv.locator('[role="status"] > .banner.success');
  const errorBanner = (wv: FrameLocator) => wv.locator('[role="alert"] > .banner.error');
  const submitButton = (wv: FrameLocator) => wv.locator('vscode-button.submit');

  /** Waits until the row shows exactly this description (the tree re-renders it after a refresh). */
  async function waitForDescription(row: Locator, description: string): Promise<void> {
    await row.locator('.label-description', { hasText: new RegExp(`^\\s*${escapeRe(description)}\\s*$`) }).waitFor({ timeout: WAIT.tree });
  }

  /** The labels of the rows at a level, in display order (only one branch of it is expanded). */
  async function labelsAt(level: number): Promise<string[]> {
    return (await treeItemsAtLevel(page, level).locator('.label-name').allInnerTexts()).map((t) => t.trim());
  }

  /** The organization's primary contact row (level 4), once it is `name`; the organization's own row names it too. */
  async function waitForPrimary(name: string): Promise<Locator> {
    const row = treeItemByLabel(page, name, 4).first();
    await row.waitFor({ timeout: WAIT.tree });
    await row.locator('.label-description', { hasText: /primary contact$/ }).waitFor({ timeout: WAIT.tree });
    await waitForDescription(orgRow(), `Agency · ${name}`);
    return row;
  }

  async function openCreateContact(): Promise<FrameLocator> {
    await page.keyboard.press('Escape');
    await closeAllEditorTabs(page);
    await clearNotifications(page);
    await chooseContextMenu(page, orgRow(), 'Create Contact…');
    return webviewWithHeading(page, `Create Contact — ${orgName}`);
  }

  async function fillPerson(wv: FrameLocator, p: Record<string, string>): Promise<void> {
    await select(wv, 'subtype').selectOption('Person');
    for (const name of ['firstName', 'lastName', 'emailAddress1', 'addressLine1', 'addressLine2', 'city', 'postalCode']) {
      if (p[name] !== undefined) await textInput(wv, name).fill(p[name]!);
    }
    // The States come from GET /common/v1/typelists/State: wait for the list before choosing.
    await select(wv, 'state').locator(`option[value="${p.state}"]`).waitFor({ state: 'attached', timeout: WAIT.tree });
    await select(wv, 'state').selectOption(p.state!);
  }

  /** Screenshot without a hover tooltip over the tree. */
  async function shot(name: string): Promise<void> {
    await page.mouse.move(700, 880);
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => undefined);
    await screenshot(page, `guidewire-${name}`);
  }

  async function checked(wv: FrameLocator, name: string): Promise<boolean> {
    return field(wv, name).locator('vscode-checkbox').evaluate((el) => (el as HTMLElement & { checked: boolean }).checked);
  }

  // ------------------------------------------------------------------ 1. browse

  step('1. Try the Sandbox adds Guidewire beside Bitsight and Kare; an agency shows its type, its primary contact and the contact’s addresses', async () => {
    await openViewContainer(page, CONTAINER);
    await welcomeButton(page, 'Try the Sandbox').click();
    const ready = toast(page, /The sandbox is running at http:\/\/127\.0\.0\.1:\d+/);
    await ready.waitFor({ timeout: WAIT.tree });
    sandboxUrl = /(http:\/\/127\.0\.0\.1:\d+)/.exec(await ready.innerText())![1]!;
    const facts = (await control('GET', 'facts')) as Json;
    gwToken = facts.guidewire.token;
    assert.ok(gwToken, 'the control API gave no Guidewire token');

    const org = (await gw('GET', `/admin/v1/organizations/${ORG_ID}`)).data.attributes;
    assert.equal(org.type.code, 'agency', `${ORG_ID} is not an agency`);
    orgName = org.name;
    seedContact = { id: org.contact.id, name: org.contact.displayName };
    const users = (await gw('GET', `/admin/v1/users?filter=organization:eq:${ORG_ID}`)).data as Json[];
    userContact = users[0]!.attributes.contact.displayName;
    userContactId = users[0]!.attributes.contact.id;
    console.log(`  ${ORG_ID}: ${orgName}; primary contact ${seedContact.name}; user contact ${userContact}`);

    for (const name of ['Sandbox (Bitsight)', 'Sandbox (Kare)', GUIDEWIRE]) await treeItemByLabel(page, name, 1).first().waitFor({ timeout: WAIT.tree });
    assert.deepEqual((await labelsAt(1)).sort(), ['Sandbox (Bitsight)', 'Sandbox (Guidewire)', 'Sandbox (Kare)']);
    await resizeSideBar(page, 600);
    await setTreeItemExpanded(treeItemByLabel(page, GUIDEWIRE, 1).first(), true);
    const organizations = treeItemByLabel(page, 'Organizations', 2).first();
    await organizations.waitFor({ timeout: WAIT.tree });
    await setTreeItemExpanded(organizations, true);
    await orgRow().waitFor({ timeout: WAIT.tree });
    assert.equal((await treeRowText(orgRow())).description, `Agency · ${seedContact.name}`, 'the organization row shows its type and its primary contact');

    await setTreeItemExpanded(orgRow(), true);
    const contact = await waitForPrimary(seedContact.name);
    assert.match((await treeRowText(contact)).description, /^\S+@\S+ · primary contact$/);
    await treeItemByLabel(page, 'Users', 4).first().waitFor({ timeout: WAIT.tree });
    assert.deepEqual(await labelsAt(4), [seedContact.name, 'Users'], 'under the organization: its primary contact, then its users');

    await setTreeItemExpanded(contact, true);
    await treeItemsAtLevel(page, 5).first().waitFor({ timeout: WAIT.tree });
    const addresses = await treeItemsAtLevel(page, 5).evaluateAll((els) => els.map((e) => (e.querySelector('.label-description')?.textContent ?? '').trim()));
    assert.equal(addresses.filter((d) => /· primary$/.test(d)).length, 1, `exactly one address is marked primary: ${JSON.stringify(addresses)}`);
    await shot('1-organization');
    await setTreeItemExpanded(contact, false);
  });

  // ------------------------------------------------------------------ 2. create and make primary

  step('2. Create Contact… makes a new Person the primary contact in one atomic PATCH of seed 004’s shape', async () => {
    const wv = await openCreateContact();
    assert.equal(await select(wv, 'subtype').inputValue(), 'Person');
    await field(wv, 'firstName').waitFor({ state: 'visible', timeout: WAIT.short });
    assert.equal(await field(wv, 'lastName').isVisible(), true, 'Last name is hidden for a Person');
    assert.equal(await field(wv, 'companyName').isHidden(), true, 'Company name is shown for a Person');
    await select(wv, 'subtype').selectOption('Company');
    await field(wv, 'companyName').waitFor({ state: 'visible', timeout: WAIT.short });
    assert.equal(await field(wv, 'firstName').isHidden(), true, 'First name is shown for a Company');
    await shot('2a-company-fields');

    await fillPerson(wv, SARAH);
    await field(wv, 'companyName').waitFor({ state: 'hidden', timeout: WAIT.short });
    assert.equal(await field(wv, 'makePrimary').locator('vscode-checkbox').evaluate((el) => (el as HTMLElement & { label: string }).label), `Make it the primary contact of ${orgName}`);
    assert.equal(await checked(wv, 'makePrimary'), true, 'Make it the primary contact is not checked when opened from the organization');
    await shot('2b-filled');

    const checksum = (await gw('GET', `/admin/v1/organizations/${ORG_ID}`)).data.checksum;
    await control('DELETE', 'writes');
    await submitButton(wv).click();
    await successBanner(wv).filter({ hasText: `Sarah Baker was created and is now the primary contact of ${orgName}.` }).waitFor({ timeout: WAIT.tree });
    await shot('2c-created');

    const writes = ((await control('GET', 'writes')) as Json[]).filter((w) => w.api === 'guidewire');
    assert.equal(writes.length, 1, `one write, got ${JSON.stringify(writes.map((w) => `${w.method} ${w.path}`))}`);
    const [write] = writes as [Json];
    assert.equal(`${write.method} ${write.path}`, `PATCH /admin/v1/organizations/${ORG_ID}`);
    assert.equal(write.status, 200);
    // Seed 004's body key by key, plus the checksum as read (the form may carry nothing else).
    const { state, ...address } = { addressLine1: SARAH.addressLine1, city: SARAH.city, postalCode: SARAH.postalCode, state: SARAH.state };
    assert.deepEqual(write.body, {
      data: { attributes: { primaryContactReference: { refid: 'newperson' } }, checksum },
      included: {
        Contact: [
          {
            attributes: { firstName: SARAH.firstName, lastName: SARAH.lastName, primaryAddress: { ...address, state: { code: state } }, subtype: { code: 'Person' } },
            method: 'post',
            refid: 'newperson',
            uri: '/common/v1/contacts',
          },
        ],
      },
    });

    await waitForPrimary('Sarah Baker');
    assert.deepEqual(await labelsAt(4), ['Sarah Baker', 'Users']);
    await waitForDescription(treeItemByLabel(page, 'Sarah Baker', 4).first(), 'primary contact');
    await shot('2d-tree');
  });

  // ------------------------------------------------------------------ 3. conflict

  step('3. changed behind the form’s back: the form says so, reloads, keeps what was typed, and the second send succeeds', async () => {
    const wv = await openCreateContact();
    await fillPerson(wv, SECOND);
    assert.equal(await checked(wv, 'makePrimary'), true);

    // Another admin re-points the primary contact (the organization's checksum changes).
    const now = (await gw('GET', `/admin/v1/organizations/${ORG_ID}`)).data;
    await gw('PATCH', `/admin/v1/organizations/${ORG_ID}`, { data: { attributes: { primaryContactReference: { id: seedContact.id } }, checksum: now.checksum } });
    await control('DELETE', 'writes');

    await submitButton(wv).click();
    await errorBanner(wv).filter({ hasText: `Someone else changed ${orgName} since you opened this form; it was reloaded. Check and send again.` }).waitFor({ timeout: WAIT.tree });
    // Reloaded: the notes show the organization as it is now.
    await wv.locator('ul.notes li', { hasText: `Primary contact: ${seedContact.name}` }).waitFor({ timeout: WAIT.short });
    for (const name of ['firstName', 'lastName', 'emailAddress1', 'addressLine1', 'addressLine2', 'city', 'postalCode'] as const) {
      assert.equal(await textInput(wv, name).inputValue(), SECOND[name], `${name} was lost by the reload`);
    }
    assert.equal(await select(wv, 'state').inputValue(), SECOND.state, 'the State was lost by the reload');
    assert.equal(await select(wv, 'subtype').inputValue(), 'Person');
    assert.equal(await checked(wv, 'makePrimary'), true, 'Make it the primary contact was lost by the reload');
    // The tree follows the reload: it shows the primary contact the other admin chose.
    await waitForPrimary(seedContact.name);
    await shot('3a-conflict');
    const refused = ((await control('GET', 'writes')) as Json[]).filter((w) => w.api === 'guidewire');
    assert.deepEqual(refused.map((w) => w.status), [409], 'the stale send should be refused once, and nothing written');

    await submitButton(wv).click();
    await successBanner(wv).filter({ hasText: `Ottilie Quennell was created and is now the primary contact of ${orgName}.` }).waitFor({ timeout: WAIT.tree });
    await shot('3b-resent');
    const primary = await waitForPrimary('Ottilie Quennell');
    await waitForDescription(primary, `${SECOND.emailAddress1} · primary contact`);
    assert.deepEqual(await labelsAt(4), ['Ottilie Quennell', 'Users']);
    await shot('3c-tree');
  });

  // ------------------------------------------------------------------ 4. set primary

  step('4. Set Primary Contact… re-points the primary contact to one of the organization’s users', async () => {
    await page.keyboard.press('Escape');
    await closeAllEditorTabs(page);
    await clearNotifications(page);
    await chooseContextMenu(page, orgRow(), 'Set Primary Contact…');
    const list = page.locator('.quick-input-widget .quick-input-list');
    await list.locator('.monaco-list-row', { hasText: userContact }).first().waitFor({ timeout: WAIT.tree });
    await page.locator('.quick-input-widget .quick-input-title', { hasText: `Set Primary Contact — ${orgName}` }).waitFor({ timeout: WAIT.short });
    const shown = await list.innerText();
    assert.match(shown, /Current primary contact/, 'no "Current primary contact" group');
    assert.match(shown, new RegExp(`Users of ${escapeRe(orgName)}`), 'no group of the organization’s users');
    assert.match(shown, /Ottilie Quennell/);
    await shot('4a-pick');

    await control('DELETE', 'writes');
    await acceptQuickInputRow(page, userContact);
    await toast(page, `${userContact} is now the primary contact of ${orgName}.`).waitFor({ timeout: WAIT.tree });
    await waitForPrimary(userContact);
    assert.deepEqual(await labelsAt(4), [userContact, 'Users']);
    const writes = ((await control('GET', 'writes')) as Json[]).filter((w) => w.api === 'guidewire');
    assert.equal(writes.length, 1);
    assert.equal(`${writes[0]!.method} ${writes[0]!.path}`, `PATCH /admin/v1/organizations/${ORG_ID}`);
    assert.deepEqual(writes[0]!.body.data.attributes, { primaryContactReference: { id: userContactId } }, 'not the seed’s shape for a user contact (pc:490)');
    assert.ok(writes[0]!.body.data.checksum, 'the PATCH carries no checksum');
    await shot('4b-tree');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
