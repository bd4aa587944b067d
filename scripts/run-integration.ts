// Runs the extension-host integration suite (test/integration) inside a real VS Code workbench served
// by code-server, headless in Chromium, and exits with the code the workbench reports through
// window.codeAutomationExit (the mechanism of VS Code's own test/integration/browser harness).
// Recipe: /work/shared/e2e.md, section 5.
//
//   node --import tsx scripts/run-integration.ts            (npm run test:integration)
// Env: PC_EXTENSION_PATH (extension folder, default repo root), INTEGRATION_TIMEOUT_MS (default 180000),
//      MOCHA_GREP (filter tests), CS_VERBOSE=1 (echo code-server's log).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { clearScreenshots, launchBrowser, openWorkbench, screenshot, type Browser } from '../test/harness/browser';
import { REPO_ROOT, startCodeServer, workbenchUrl, type CodeServer } from '../test/harness/codeServer';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 180_000);
const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(2)}s]`;
const log = (msg: string) => console.log(`${stamp()} ${msg}`);

async function main(): Promise<number> {
  const extensionPath = resolve(process.env.PC_EXTENSION_PATH ?? REPO_ROOT);
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-tests.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
  if (build.status !== 0) {
    console.error('building the integration tests failed');
    return 1;
  }
  const testsIndex = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  const mainJs = join(extensionPath, 'dist', 'extension.js');
  if (!existsSync(mainJs)) {
    console.error(`${mainJs} does not exist: run \`npm run build\` first`);
    return 1;
  }

  clearScreenshots('integration-');
  let cs: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    cs = await startCodeServer({
      extensionDevelopmentPath: extensionPath,
      // Deterministic start: the tests run Try the Sandbox themselves.
      settings: { 'portfolioContacts.sandbox.autoStart': false },
      env: process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {},
    });
    log(`code-server up on ${cs.url}`);

    let done!: (code: number) => void;
    const finished = new Promise<number>((r) => (done = r));
    browser = await launchBrowser({
      beforeGoto: async (page: Page) => {
        // Must exist before navigation: the workbench calls them when the test runner settles.
        await page.exposeFunction('codeAutomationLog', () => undefined);
        await page.exposeFunction('codeAutomationExit', (code: number) => done(Number(code)));
      },
    });
    const url = workbenchUrl(cs, { extensionTestsPath: testsIndex });
    const timeout = new Promise<number>((r) => {
      timer = setTimeout(() => {
        console.error(`${stamp()} timed out: no codeAutomationExit within ${TIMEOUT_MS / 1000} s of opening the workbench`);
        r(124);
      }, TIMEOUT_MS);
    });
    await Promise.race([openWorkbench(browser.page, url).then(() => log('workbench opened')), timeout]);
    const code = await Promise.race([finished, timeout]);
    await Promise.race([browser.flushConsole(), new Promise((r) => setTimeout(r, 2000))]);
    log(code === 124 ? 'timed out (exit 1)' : `codeAutomationExit(${code})`);
    if (code !== 0) {
      const shot = await screenshot(browser.page, 'integration-failure').catch(() => undefined);
      if (shot) console.error(`workbench at the end: ${shot}`);
      console.error(`code-server log: ${cs.logFile} (kept only with KEEP_CODE_SERVER_DIRS=1)`);
    }
    return code === 124 ? 1 : code;
  } catch (err) {
    console.error(`${stamp()} integration run failed:`, err);
    return 1;
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await cs?.stop().catch(() => undefined);
    log('torn down');
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
