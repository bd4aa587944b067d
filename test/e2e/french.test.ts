// The workbench in French (code-server --locale fr, no VS Code language pack): the extension's own
// words come from package.nls.fr.json and l10n/bundle.l10n.fr.json. The view's title and its welcome
// buttons, then the sandbox's connections in the tree and the other views' headers, are read as a person sees them.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WAIT, openViewContainer, screenshot, sideBar, welcomeButton } from '../harness/browser';
import { startWorkbench, type Workbench } from '../harness/workbench';

describe('French workbench', { timeout: 240_000 }, () => {
  let wb: Workbench;
  before(async () => {
    wb = await startWorkbench({ locale: 'fr' });
  });
  after(async () => {
    await wb?.stop();
  });

  test('the view, its welcome content and the tree speak French', async () => {
    const { page } = wb;
    await openViewContainer(page, 'Portfolio Contacts');
    await sideBar(page).getByText(/Connexions/i).first().waitFor({ timeout: WAIT.short });
    const tryIt = welcomeButton(page, 'Essayer le bac à sable');
    await tryIt.waitFor({ timeout: WAIT.short });
    assert.ok(await welcomeButton(page, 'Ajouter une connexion…').isVisible(), 'the second welcome button is in French');
    await screenshot(page, 'french-welcome');
    await tryIt.click();
    // The sandbox's connections appear; their description ("… · bac à sable") is the French bundle's.
    await sideBar(page).locator('.monaco-list-row', { hasText: 'bac à sable' }).first().waitFor({ timeout: WAIT.workbench });
    await screenshot(page, 'french-tree');
    // The views the merged features added beside it: their headers come from package.nls.fr.json.
    for (const title of ['Entreprise dans toutes les connexions', 'À traiter']) {
      await sideBar(page).locator('.pane-header', { hasText: title }).first().waitFor({ timeout: WAIT.short });
    }
  });
});
