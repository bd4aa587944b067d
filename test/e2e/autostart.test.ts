// `npm start` opens the workbench with portfolioContacts.sandbox.autoStart = true: with no
// connections the extension must start the sandbox by itself, so the tree is filled without a click.
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { clearScreenshots, openViewContainer, screenshot, waitForTreeItem } from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

describe('sandbox.autoStart', { timeout: 300_000 }, () => {
  let wb: Workbench | undefined;
  let page: Page;

  before(async () => {
    clearScreenshots('autostart');
    wb = await startWorkbench({ settings: { 'portfolioContacts.sandbox.autoStart': true } });
    page = wb.page;
  }, { timeout: 150_000 });

  after(async () => {
    await wb?.stop();
  });

  test('with autoStart on and no connections, the sandbox connection appears by itself', { timeout: 150_000 }, async () => {
    try {
      await openViewContainer(page, 'Portfolio Contacts');
      await waitForTreeItem(page, /Sandbox \(Bitsight\)/);
      await screenshot(page, 'autostart');
    } catch (err) {
      await screenshot(page, 'autostart-failure').catch(() => undefined);
      throw err;
    }
  });
});
