// Stop and Start of the in-editor sandbox within a session: the same data (with what was changed
// while it ran), the same Kare session, and the same port when it is free; another port, still the
// same data, when it is taken; fresh data only when its credentials changed.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { SandboxHost } from '../../src/connections/sandboxHost';
import { silentLogger } from '../../src/core/redact';
import { basicAuthHeader } from '../../src/sandbox/auth';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';

const TOKENS = { bitsight: 'sandbox-b', kare: 'sandbox-k', guidewire: 'sandbox-g' };

async function portfolioText(sb: RunningSandbox): Promise<string> {
  const res = await fetch(`${sb.apis.bitsight.baseUrl}/ratings/v2/portfolio?limit=500`, { headers: { Authorization: basicAuthHeader(sb.apis.bitsight.token) } });
  assert.equal(res.status, 200);
  return res.text();
}

function newHost() {
  return new SandboxHost(() => ({ companies: 20 }), silentLogger, (opts) => startSandbox(opts));
}

describe('SandboxHost stop and start', () => {
  it('serves the same data, the same Kare session and the same port after Stop and Start', async () => {
    const host = newHost();
    const first = await host.ensureRunning(TOKENS);
    first.data.companies[0]!.name = 'Renamed While Running';
    assert.match(await portfolioText(first), /Renamed While Running/);
    await host.stop(true);
    assert.equal(host.running, undefined);
    assert.equal(host.knownToken('bitsight'), 'sandbox-b', 'the stopped sandbox\'s secret is known, so Try the Sandbox can reuse it');
    host.allowStart();
    const second = await host.ensureRunning(TOKENS);
    try {
      assert.equal(second.port, first.port, 'the same port');
      assert.match(await portfolioText(second), /Renamed While Running/, 'the change made before the stop is still served');
      assert.equal(second.apis.kare.accessToken, first.apis.kare.accessToken, 'the Kare session opened at the first start still holds');
      assert.equal(second.apis.guidewire.clientSecret, first.apis.guidewire.clientSecret);
    } finally {
      await host.stop();
    }
  });

  it('moves to a free port when its own is taken, and still serves the same data', async () => {
    const host = newHost();
    const first = await host.ensureRunning(TOKENS);
    first.data.companies[0]!.name = 'Kept Across Ports';
    await host.stop(true);
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(first.port, '127.0.0.1', () => r()));
    try {
      host.allowStart();
      const second = await host.ensureRunning(TOKENS);
      assert.notEqual(second.port, first.port);
      assert.match(await portfolioText(second), /Kept Across Ports/);
    } finally {
      await host.stop();
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });

  it('starts with fresh data when a credential changed (the old data answered to the old secret)', async () => {
    const host = newHost();
    const first = await host.ensureRunning(TOKENS);
    first.data.companies[0]!.name = 'Only With The Old Token';
    await host.stop(true);
    host.allowStart();
    const second = await host.ensureRunning({ ...TOKENS, bitsight: 'sandbox-new' });
    try {
      assert.doesNotMatch(await portfolioText(second), /Only With The Old Token/);
      assert.equal(second.port, first.port, 'still the same port');
    } finally {
      await host.stop();
    }
  });
});
