import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { fakeWorkspace, installFakeVscode } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RESTRICTED, setting } = require('../../src/settings') as typeof import('../../src/settings');

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));

describe('settings in Restricted Mode', () => {
  afterEach(() => {
    fakeWorkspace.isTrusted = true;
    fakeWorkspace.settings.clear();
  });

  it('ignores a workspace value of a restricted setting when the workspace is not trusted', () => {
    fakeWorkspace.isTrusted = false;
    fakeWorkspace.settings.set('portfolioContacts.sandbox.autoStart', { workspaceValue: true });
    fakeWorkspace.settings.set('portfolioContacts.sandbox.companies', { globalValue: 300, workspaceFolderValue: 100_000 });
    assert.equal(setting('sandbox.autoStart'), false, 'the default, not the workspace value');
    assert.equal(setting('sandbox.companies'), 300, "the person's own user value");
  });

  it('uses the workspace value of a restricted setting once the workspace is trusted', () => {
    fakeWorkspace.settings.set('portfolioContacts.requestTimeoutSeconds', { globalValue: 30, workspaceValue: 5 });
    assert.equal(setting('requestTimeoutSeconds'), 5);
  });

  it('uses the workspace value of an unrestricted setting even in Restricted Mode', () => {
    fakeWorkspace.isTrusted = false;
    fakeWorkspace.settings.set('portfolioContacts.pageSize', { workspaceValue: 20 });
    assert.equal(setting('pageSize'), 20);
  });

  it('restricts exactly what package.json declares as restrictedConfigurations, each scoped beyond the workspace', () => {
    const declared: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual([...declared].sort(), RESTRICTED.map((k) => `portfolioContacts.${k}`).sort());
    for (const key of declared) assert.match(pkg.contributes.configuration.properties[key].scope, /^(machine|application)$/, key);
  });
});
