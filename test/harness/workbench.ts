// One code-server + one Chromium with the extension loaded (extensionDevelopmentPath payload):
// the fixture each e2e test file starts once in before() and tears down in after().
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type Browser } from './browser';
import { REPO_ROOT, startCodeServer, workbenchUrl, type CodeServer, type WorkbenchPayload } from './codeServer';

/** The extension under test: PC_EXTENSION_PATH or the repo (which must be built: dist/extension.js). */
export function extensionPath(): string {
  const p = resolve(process.env.PC_EXTENSION_PATH ?? REPO_ROOT);
  if (!existsSync(join(p, 'dist', 'extension.js'))) {
    throw new Error(`${join(p, 'dist', 'extension.js')} is missing: run \`npm run build\` first`);
  }
  return p;
}

export interface Workbench {
  cs: CodeServer;
  browser: Browser;
  page: Page;
  url: string;
  stop(): Promise<void>;
}

/**
 * `payload` reaches the workbench URL: e.g. an extensionTestsPath, which runs the extension in
 * ExtensionMode.Test (its Test-mode API is exported only then).
 */
export async function startWorkbench(opts: { settings?: Record<string, unknown>; env?: Record<string, string>; payload?: WorkbenchPayload; locale?: string } = {}): Promise<Workbench> {
  const t0 = Date.now();
  const cs = await startCodeServer({
    extensionDevelopmentPath: extensionPath(),
    settings: opts.settings ?? {},
    env: opts.env ?? {},
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ prefix: '  | ' });
    const url = workbenchUrl(cs, opts.payload);
    await openWorkbench(browser.page, url);
    console.log(`  workbench opened in ${((Date.now() - t0) / 1000).toFixed(1)} s (${cs.url})`);
    const b = browser;
    return {
      cs,
      browser: b,
      page: b.page,
      url,
      async stop() {
        await b.close().catch(() => undefined);
        await cs.stop().catch(() => undefined);
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await cs.stop().catch(() => undefined);
    throw err;
  }
}
