// Drives the code-server workbench with playwright-core and Debian's Chromium (no browser download).
// Recipe: /work/shared/e2e.md, section 4. Selectors verified against VS Code 1.100 (code-server 4.100.3).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { test } from 'node:test';
import { chromium, type BrowserContext, type ConsoleMessage, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

/** Wait budgets (ms). Observed: workbench ≤ 23 s under load, tree ≤ 16 s; these leave room for a busy CI box. */
export const WAIT = { workbench: 90_000, tree: 45_000, short: 20_000 };

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Lines the page console printed (formatted, unfiltered). */
  consoleLines: string[];
  /** Resolves once every console line received so far has been printed. */
  flushConsole(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Forward page console lines to this process's stdout (default true). Noise is filtered. */
  forwardConsole?: boolean;
  /** Prefix for forwarded lines (default '  | '). */
  prefix?: string;
  /** Called before any navigation: e.g. page.exposeFunction('codeAutomationExit', …). */
  beforeGoto?: (page: Page) => Promise<void>;
  viewport?: { width: number; height: number };
}

/** Console lines that are expected in code-server and say nothing about the extension. */
const NOISE: RegExp[] = [
  /vsda/i,
  /open-vsx\.org/i,
  /Failed to load resource: the server responded with a status of 404/i,
  /Creating a socket/i,
  /Connection token/i,
  /\[remote-connection\]/i,
  /Long running operations during shutdown/i,
  /An iframe which has both allow-scripts and allow-same-origin/i,
  /service-worker/i,
  /Ignoring fetching additional builtin extensions/i,
  /Extension host \(Remote\) is unresponsive/i,
  /ERR_NAME_NOT_RESOLVED/,
  /getaddrinfo ENOTFOUND/,
  /marketplace/i,
  /No search provider registered/i,
  /The web worker extension host is started in a same-origin iframe/i,
  /Updating additional builtin extensions cache/i,
  /^\[Service Worker\]/,
  /ChatSessionStore/,
  /Overwriting extension <<copilot-instructions/,
  /^\s*$/,
];

export function isNoise(line: string): boolean {
  return NOISE.some((r) => r.test(line));
}

/**
 * Extension-host console lines arrive as ('%c INFO', 'color: …', fmt, ...args): drop the style pair
 * and format the rest, or mocha's %s/%d placeholders show up raw.
 */
export async function formatConsole(msg: ConsoleMessage): Promise<string> {
  const text = msg.text();
  if (!text.startsWith('%c')) return text;
  try {
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
    if (args.length >= 3) return format(...(args.slice(2) as [unknown, ...unknown[]]));
    return text.replace(/%c/g, '');
  } catch {
    return text.replace(/%c/g, '');
  }
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLines: string[] = [];
  const forward = opts.forwardConsole ?? true;
  const prefix = opts.prefix ?? '  | ';
  // Formatting is async (argument values come from the page); print strictly in arrival order.
  let printed: Promise<void> = Promise.resolve();
  const emit = (pending: Promise<string>) => {
    printed = printed.then(async () => {
      const line = await pending.catch((e: unknown) => `[console formatting failed: ${String(e)}]`);
      consoleLines.push(line);
      if (forward && !isNoise(line)) process.stdout.write(line.replace(/^/gm, prefix) + '\n');
    });
  };
  page.on('console', (msg) => emit(formatConsole(msg)));
  page.on('pageerror', (err) => emit(Promise.resolve(`[pageerror] ${err.message}`)));
  if (opts.beforeGoto) await opts.beforeGoto(page);
  let closed = false;
  return {
    context,
    page,
    consoleLines,
    flushConsole: () => printed,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Navigates and waits for the workbench shell. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: WAIT.workbench });
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT.workbench });
}

/** The activity-bar entry of a view container (its aria-label is the container title). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.part.activitybar').getByRole('tab', { name: title, exact: true });
}

/**
 * Shows a view container. Its activity-bar tab appears once extensions are scanned (= workbench usable).
 * Clicking an already-selected container would hide the side bar, so only click when not selected.
 */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const tab = activityBarItem(page, title);
  await tab.waitFor({ timeout: WAIT.workbench });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('.part.sidebar .composite.title', { hasText: title.toUpperCase() }).or(
    page.locator('.part.sidebar .composite.title', { hasText: title }),
  ).first().waitFor({ timeout: WAIT.short });
}

/** The side bar (where view containers show). */
export function sideBar(page: Page): Locator {
  return page.locator('.part.sidebar');
}

/** Drags the side bar's right-hand sash so the side bar is `width` px wide (for readable screenshots). */
export async function resizeSideBar(page: Page, width: number): Promise<void> {
  const box = await sideBar(page).boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  const edge = box.x + box.width;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(edge + 10, y, { steps: 2 });
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** Screenshot of the activity bar + side bar, cut below the last visible tree row (README images). */
export async function screenshotSideBar(page: Page, file: string, minHeight = 320, maxHeight = 480): Promise<void> {
  const box = await sideBar(page).boundingBox();
  if (!box) throw new Error('side bar not visible');
  let bottom = box.y + minHeight;
  const rows = sideBar(page).locator('[role="treeitem"]');
  const n = await rows.count();
  if (n > 0) {
    const last = await rows.nth(n - 1).boundingBox();
    if (last) bottom = Math.max(bottom, last.y + last.height + 24);
  }
  bottom = Math.min(bottom, box.y + box.height, box.y + maxHeight);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x: 0, y: box.y, width: Math.ceil(box.x + box.width), height: Math.ceil(bottom - box.y) } });
}

/** A button of a view's welcome content ("viewsWelcome"), not the view's title-bar action of the same name. */
export function welcomeButton(page: Page, name: string | RegExp): Locator {
  return sideBar(page).locator('.welcome-view-content .monaco-button', { hasText: name }).first();
}

/** Deletes test-results/<prefix>*.png left by an earlier run. */
export function clearScreenshots(prefix: string): void {
  if (!existsSync(RESULTS_DIR)) return;
  for (const f of readdirSync(RESULTS_DIR)) if (f.startsWith(prefix) && f.endsWith('.png')) rmSync(join(RESULTS_DIR, f), { force: true });
}

/** A tree item in the side bar, by accessible name (label, or the string tooltip when set). */
export function treeItem(page: Page, name: RegExp | string): Locator {
  return sideBar(page).getByRole('treeitem', { name }).first();
}

export async function waitForTreeItem(page: Page, name: RegExp | string, timeout = WAIT.tree): Promise<Locator> {
  const item = treeItem(page, name);
  await item.waitFor({ timeout });
  return item;
}

/** Expands a collapsible tree item (a single click toggles); no-op when it is already expanded. */
export async function expandTreeItem(item: Locator): Promise<void> {
  if ((await item.getAttribute('aria-expanded')) === 'false') await item.click();
  // Through the locator, not an element handle: the tree re-renders its rows while connections
  // arrive (Try the Sandbox adds several), and a handle would keep watching a row that was replaced.
  await item.and(item.page().locator('[aria-expanded="true"]')).waitFor({ timeout: WAIT.tree });
}

/** Tree rows of the side bar at a given nesting level (1 = roots), in display order. */
export function treeItemsAtLevel(page: Page, level: number): Locator {
  return sideBar(page).locator(`[role="treeitem"][aria-level="${level}"]`);
}

/** Runs a command from the palette by its title ("Category: Title"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: WAIT.short });
  await input.fill('>' + title); // keep the '>' prefix: command mode
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT.short });
  await page.keyboard.press('Enter');
}

/** The extension's HTML inside a webview: outer iframe.webview.ready → inner #active-frame. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** A notification toast containing the text. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

/** Saves test-results/<name>.png (the whole window, or one element) and returns its path. */
export async function screenshot(page: Page, name: string, target?: Locator): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`);
  if (target) await target.screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------- added for the form suites (test/e2e/forms*.test.ts)

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A side-bar tree row whose label is exactly `label` (optionally at one nesting level). Rows must be rendered (the list is virtual). */
export function treeItemByLabel(page: Page, label: string, level?: number): Locator {
  const rows = sideBar(page).locator(level ? `[role="treeitem"][aria-level="${level}"]` : '[role="treeitem"]');
  return rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

/** The label and description a tree row shows. */
export async function treeRowText(item: Locator): Promise<{ label: string; description: string }> {
  const label = (await item.locator('.label-name').first().innerText()).trim();
  const d = item.locator('.label-description');
  const description = (await d.count()) ? (await d.first().innerText()).trim() : '';
  return { label, description };
}

/**
 * Brings a tree row to `aria-expanded="<state>"`, clicking it when needed. Unlike expandTreeItem it
 * re-finds the row on every try, so a tree refresh that re-renders the row in between does no harm.
 */
export async function setTreeItemExpanded(item: Locator, expanded: boolean, timeout = WAIT.tree): Promise<void> {
  const want = String(expanded);
  const deadline = Date.now() + timeout;
  let clickedAt = 0;
  for (;;) {
    const state = await item.getAttribute('aria-expanded', { timeout: Math.max(1000, deadline - Date.now()) });
    if (state === want) return;
    if (Date.now() > deadline) throw new Error(`tree item stayed aria-expanded=${state}, wanted ${want}`);
    // A click toggles; give the tree time to answer before clicking again.
    if (Date.now() - clickedAt > 2000) {
      await item.click();
      clickedAt = Date.now();
    }
    await item.page().waitForTimeout(150);
  }
}

/** Collapses an expanded tree item; no-op when it is collapsed already. */
export async function collapseTreeItem(item: Locator): Promise<void> {
  await setTreeItemExpanded(item, false);
}

/** Right-clicks `target` and chooses the context-menu entry named `entry` (exact text). */
export async function chooseContextMenu(page: Page, target: Locator, entry: string): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view.monaco-menu-container');
  const item = menu.getByRole('menuitem', { name: entry, exact: true });
  await item.waitFor({ timeout: WAIT.short });
  await item.hover();
  await item.click();
  // Now and then the menu swallows the click that follows its opening; the hovered entry has focus, so Enter runs it.
  const closed = await menu.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false);
  if (!closed && (await item.isVisible())) {
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: WAIT.short });
  }
}

/** The entries of the context menu `target` opens (then closed again with Escape). */
export async function contextMenuEntries(page: Page, target: Locator): Promise<string[]> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view.monaco-menu-container');
  await menu.getByRole('menuitem').first().waitFor({ timeout: WAIT.short });
  const entries = (await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: WAIT.short });
  return entries;
}

/** An editor tab by its exact label. */
export function editorTab(page: Page, label: string): Locator {
  return page.locator('.part.editor .tabs-container [role="tab"]').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
}

/** Closes one editor tab with its close button. */
export async function closeEditorTab(page: Page, label: string): Promise<void> {
  const tab = editorTab(page, label).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label.codicon-close, .tab-actions .codicon-close').first().click();
  await tab.waitFor({ state: 'detached', timeout: WAIT.short });
}

/** Closes every editor tab, one close button at a time (works wherever focus is, webviews included). */
export async function closeAllEditorTabs(page: Page): Promise<void> {
  const tabs = page.locator('.part.editor .tabs-container [role="tab"]');
  for (let i = 0; i < 20 && (await tabs.count()) > 0; i++) {
    const label = (await tabs.first().locator('.label-name').first().innerText().catch(() => '')).trim();
    if (label) await closeEditorTab(page, label).catch(() => undefined);
    else await page.waitForTimeout(200);
  }
}

/** Dismisses every notification toast (they cover the lower right of screenshots). */
export async function clearNotifications(page: Page): Promise<void> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  if ((await toasts.count()) === 0) return;
  await runCommandExact(page, 'Notifications: Clear All Notifications');
  await toasts.first().waitFor({ state: 'hidden', timeout: WAIT.short });
}

/**
 * The webview whose page heading (h1) is exactly `title`, among the webviews on screen; waits for it.
 * Returns the inner frame (outer iframe.webview.ready → #active-frame).
 */
export async function webviewWithHeading(page: Page, title: string, timeout = WAIT.tree): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  const outer = page.locator('iframe.webview.ready');
  for (;;) {
    const n = await outer.count();
    for (let i = n - 1; i >= 0; i--) {
      const inner = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
      const h1 = inner.locator('h1').first();
      const text = await h1.innerText({ timeout: 500 }).catch(() => undefined);
      if (text?.trim() === title) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no webview with the heading "${title}" within ${timeout} ms (${n} webview(s) on screen)`);
    await page.waitForTimeout(250);
  }
}

/**
 * Screenshot of the editor area only (e.g. a form, for the README). With `height`, the window is
 * made that tall first (so a long form fits) and restored afterwards.
 */
export async function screenshotEditor(page: Page, file: string, height?: number): Promise<string> {
  const before = page.viewportSize();
  if (height && before) {
    await page.setViewportSize({ width: before.width, height });
    await page.waitForTimeout(800);
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    await page.locator('.part.editor').screenshot({ path: file });
  } finally {
    if (height && before) {
      await page.setViewportSize(before);
      await page.waitForTimeout(500);
    }
  }
  return file;
}

/** Presses a view's "Collapse All" title action (the view must be visible). */
export async function collapseAllInView(page: Page): Promise<void> {
  const button = sideBar(page).locator('.action-label[aria-label="Collapse All"]').first();
  await sideBar(page).hover();
  await button.click();
}

/** A quick-input row whose label is exactly `label` (its aria-label is the label, then ", " and extras). */
function quickInputRow(page: Page, label: string): Locator {
  return page.locator(`.quick-input-list .monaco-list-row[aria-label=${JSON.stringify(label)}], .quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(label + ', ')}]`).first();
}

const FOCUSED_ROW = '.quick-input-widget .quick-input-list .monaco-list-row.focused';

/**
 * Accepts the open quick input's row labelled exactly `label` with the keyboard: waits for it to be
 * listed, moves the focus onto it with ArrowDown (each move waited for), checks it is the focused
 * row, then presses Enter. No click: a click on a virtual list can land on a row being re-rendered
 * or under a toast, and a missed click once cancelled a whole suite.
 */
export async function acceptQuickInputRow(page: Page, label: string): Promise<void> {
  await quickInputRow(page, label).waitFor({ timeout: WAIT.short });
  const isLabel = (aria: string | null) => aria === label || !!aria?.startsWith(label + ', ');
  const seen: string[] = [];
  for (let moves = 0; moves <= 30; moves++) {
    const focused = page.locator(FOCUSED_ROW).first();
    await focused.waitFor({ timeout: WAIT.short });
    const aria = await focused.getAttribute('aria-label');
    if (isLabel(aria)) {
      await page.keyboard.press('Enter');
      return;
    }
    seen.push(aria ?? '');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(([sel, prev]) => document.querySelector(sel!)?.getAttribute('aria-label') !== prev, [FOCUSED_ROW, aria] as const, { timeout: WAIT.short });
  }
  throw new Error(`quick input: no focusable row "${label}"; focused in turn: ${seen.join(' | ')}`);
}

/**
 * Runs a command from the palette: the row with exactly this title is focused with the keyboard
 * and accepted with Enter. (runCommand presses Enter on the first row, which is not always the one
 * named: "Preferences: Color Theme" ranks "Preferences: Browse Color Themes in Marketplace" first.)
 */
export async function runCommandExact(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: WAIT.short });
  await input.fill('>' + title);
  await acceptQuickInputRow(page, title);
}

/**
 * Switches the color theme through "Preferences: Color Theme" (e.g. "Dark Modern") and waits for the
 * workbench to carry the theme's kind class. Nothing to do when it already does; an attempt that
 * did not take is closed with Escape and made again once. Call it once the workbench has scanned its
 * extensions (e.g. after openViewContainer): the picker lists themes only then.
 */
export async function setColorTheme(page: Page, label: string, kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void> {
  const themed = page.locator(`.monaco-workbench.${kind}`);
  if ((await themed.count()) > 0) return;
  await pickColorTheme(page, label, () => themed.waitFor({ timeout: WAIT.short }));
}

/**
 * Chooses a theme in "Preferences: Color Theme" by its label, whatever is on now; `taken` waits
 * for it to show (default: the picker closed). Two attempts. To be sure which theme is on, see
 * applyTheme in theme.ts, which checks the theme's id.
 */
export async function pickColorTheme(page: Page, label: string, taken?: () => Promise<unknown>): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await runCommandExact(page, 'Preferences: Color Theme');
      // The list is virtual: filter it down to the theme, then accept it by keyboard.
      await page.locator('.quick-input-widget .quick-input-box input').fill(label);
      await acceptQuickInputRow(page, label);
      await (taken ? taken() : page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT.short }));
      return;
    } catch (e) {
      lastError = e;
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => undefined);
    }
  }
  throw new Error(`could not switch to the ${label} theme: ${String(lastError)}`);
}

/**
 * A test step that starts from no open editor and no toast, and saves
 * test-results/<prefix>-failure-<name>.png when it fails. `page` is read when the step runs
 * (undefined: the workbench did not start).
 */
export function cleanStep(prefix: string, page: () => Page | undefined, timeout: number): (name: string, fn: () => Promise<void>) => void {
  return (name, fn) => {
    test(name, { timeout }, async () => {
      const p = page();
      if (!p) throw new Error('the workbench did not start');
      await p.keyboard.press('Escape');
      await closeAllEditorTabs(p);
      await clearNotifications(p);
      try {
        await fn();
      } catch (err) {
        await screenshot(p, `${prefix}-failure-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
        throw err;
      }
    });
  };
}

/**
 * Steps of one story (each builds on the one before): a failed step leaves a screenshot
 * `<prefix>-failure-<step>.png`, and the steps after it are skipped, naming why.
 */
export function chainedStep(prefix: string, page: () => Page | undefined, timeout: number): (name: string, fn: () => Promise<void>) => void {
  let broken = false;
  return (name, fn) => {
    test(name, { timeout }, async (t) => {
      if (broken) return t.skip('an earlier step failed');
      const p = page();
      if (!p) throw new Error('the workbench did not start');
      try {
        await fn();
      } catch (err) {
        broken = true;
        await screenshot(p, `${prefix}-failure-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
        throw err;
      }
    });
  };
}
