// Switching the workbench's colour theme so that it cannot silently miss: the theme is chosen by
// its label (the picker, or the user settings.json when that fails), and the switch counts only
// once a webview on screen reports the theme's own id. The kind class alone cannot tell Light
// Modern from Light+ (both "vs"): setColorTheme, which trusts it, never leaves Light+ for Light Modern.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { WAIT, pickColorTheme } from './browser';
import type { CodeServer } from './codeServer';

export interface Theme {
  /** The settings id (workbench.colorTheme), which webviews report as data-vscode-theme-id. */
  id: string;
  /** The picker's label. */
  label: string;
  /** The workbench's kind class. */
  kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
  /** For file names: contrast-<slug>-<form>.png */
  slug: string;
}

export const THEMES: readonly Theme[] = [
  { id: 'Default Light Modern', label: 'Light Modern', kind: 'vs', slug: 'light-modern' },
  { id: 'Default Dark Modern', label: 'Dark Modern', kind: 'vs-dark', slug: 'dark-modern' },
  { id: 'Default High Contrast', label: 'Dark High Contrast', kind: 'hc-black', slug: 'dark-hc' },
  { id: 'Default High Contrast Light', label: 'Light High Contrast', kind: 'hc-light', slug: 'light-hc' },
];

/** The theme id the webview's body reports (VS Code sets it on every webview document). */
async function webviewThemeId(frame: FrameLocator): Promise<string | undefined> {
  return frame.locator('body').getAttribute('data-vscode-theme-id', { timeout: 1000 }).then((v) => v ?? undefined, () => undefined);
}

async function waitForTheme(page: Page, frame: FrameLocator, theme: Theme, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const kindOn = (await page.locator(`.monaco-workbench.${theme.kind}`).count()) > 0;
    if (kindOn && (await webviewThemeId(frame)) === theme.id) return true;
    await page.waitForTimeout(150);
  }
  return false;
}

/** Writes workbench.colorTheme into the user settings.json, keeping every other setting. */
function writeThemeSetting(cs: Pick<CodeServer, 'userDataDir'>, id: string): void {
  const file = join(cs.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  settings['workbench.colorTheme'] = id;
  // Written beside it and renamed over it: the watcher sees one complete new file, never a truncated one.
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}

/**
 * Applies `theme` and waits until `frame` (a webview on screen) shows it, then one more paint.
 * Through the theme picker first (with the workbench and a webview open, a rewritten settings.json
 * took effect only the first time here); if the webview does not report the theme, through the
 * settings file.
 */
export async function applyTheme(page: Page, cs: Pick<CodeServer, 'userDataDir'>, frame: FrameLocator, theme: Theme): Promise<'picker' | 'setting' | 'already'> {
  if (await waitForTheme(page, frame, theme, 0)) return 'already';
  let how: 'picker' | 'setting' = 'picker';
  await pickColorTheme(page, theme.label).catch(() => undefined);
  if (!(await waitForTheme(page, frame, theme, 5_000))) {
    how = 'setting';
    writeThemeSetting(cs, theme.id);
    if (!(await waitForTheme(page, frame, theme, WAIT.short))) {
      throw new Error(`the ${theme.label} theme (${theme.id}) did not reach the webview: it reports "${await webviewThemeId(frame)}"`);
    }
  }
  // The webview gets its new variables by message: let it paint them before anyone measures.
  await frame.locator('body').evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  return how;
}
