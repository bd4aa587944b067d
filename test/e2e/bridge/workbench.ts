// The test side of the bridge (index.ts runs in the extension host): a workbench started with the
// bridge as its extensionTestsPath, and the facts it publishes about the sandbox, waited for.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAIT } from '../../harness/browser';
import { REPO_ROOT } from '../../harness/codeServer';
import { bundleForExtensionHost } from '../../harness/hostBundle';
import { startWorkbench, type Workbench } from '../../harness/workbench';
import type { BridgeFacts } from './index';

export interface BridgedWorkbench {
  wb: Workbench;
  /** What the bridge published about the sandbox the extension started (waits for it). */
  facts(): Promise<BridgeFacts>;
  /** Stops the workbench and removes the run's folder. */
  stop(): Promise<void>;
}

export async function startBridgedWorkbench(prefix: string): Promise<BridgedWorkbench> {
  const runDir = mkdtempSync(join(tmpdir(), `pc-e2e-${prefix}-`));
  const bridge = await bundleForExtensionHost(join(REPO_ROOT, 'test', 'e2e', 'bridge', 'index.ts'), join(runDir, 'bridge.js'));
  const wb = await startWorkbench({
    settings: { 'portfolioContacts.sandbox.autoStart': false },
    env: { PC_E2E_BRIDGE_FILE: join(runDir, 'facts.json') },
    payload: { extensionTestsPath: bridge },
  });
  return {
    wb,
    async facts() {
      const file = join(runDir, 'facts.json');
      const deadline = Date.now() + WAIT.tree;
      while (!existsSync(file)) {
        if (Date.now() > deadline) assert.fail('the extension never reported a running sandbox');
        await wb.page.waitForTimeout(200);
      }
      return JSON.parse(readFileSync(file, 'utf8')) as BridgeFacts;
    },
    async stop() {
      await wb.stop();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
