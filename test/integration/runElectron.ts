// Launcher for machines that can download VS Code (desktop, Electron): the same integration suite
// as scripts/run-integration.ts (code-server), through @vscode/test-electron.
//   node --import tsx test/integration/runElectron.ts       (npm run test:integration:electron)
// Env: VSCODE_VERSION (default 'stable'), MOCHA_GREP. Under Linux without a display, run it inside
// `xvfb-run -a`. On this project's build machines the VS Code download is unreachable
// (ENOTFOUND update.code.visualstudio.com): use `npm run test:integration` there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-tests.mjs')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) return 1;

  const runDir = mkdtempSync(join(tmpdir(), 'pc-electron-'));
  const userDataDir = join(runDir, 'user-data');
  const workspace = join(runDir, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'portfolioContacts.sandbox.autoStart': false,
    }),
  );
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {},
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--disable-extensions', // other installed extensions stay out; the one under test still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (err) {
    console.error('integration tests failed:', err);
    return 1;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
