// The summary line of `npm test` (scripts/test-all.mjs) counts from each runner's own summary:
// a cancelled test is a failed one, so a red e2e run can never read "fail 0".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const load = () => import('../../scripts/test-counts.mjs');

/** The tail node:test's spec reporter prints (Node 20), coloured as on a terminal. */
const spec = (n: { tests: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number }) =>
  [
    `ℹ tests ${n.tests}`,
    'ℹ suites 1',
    `ℹ pass ${n.pass}`,
    `\x1b[31mℹ fail ${n.fail}\x1b[39m`,
    `ℹ cancelled ${n.cancelled}`,
    `ℹ skipped ${n.skipped}`,
    `ℹ todo ${n.todo}`,
    'ℹ duration_ms 61234.5',
  ].join('\n');

describe('test-all summary counts (scripts/test-counts.mjs)', () => {
  it('counts cancelled node:test tests as failed (the e2e run whose setup timed out)', async () => {
    const { countTests } = await load();
    const out = `▶ forms in the real workbench\n  ✖ the invite form … (180000ms)\n  'test did not finish before its parent and was cancelled'\n${spec({ tests: 8, pass: 0, fail: 0, cancelled: 8, skipped: 0, todo: 0 })}`;
    assert.deepEqual(countTests('node', out), { passed: 0, failed: 8, skipped: 0, seen: true });
  });

  it('adds failures and cancellations, and keeps skipped and todo apart from both', async () => {
    const { countTests } = await load();
    assert.deepEqual(countTests('node', spec({ tests: 20, pass: 12, fail: 2, cancelled: 3, skipped: 2, todo: 1 })), { passed: 12, failed: 5, skipped: 3, seen: true });
  });

  it('reads the TAP reporter\'s summary too, and sums several summaries', async () => {
    const { countTests } = await load();
    const tap = ['# tests 4', '# pass 3', '# fail 0', '# cancelled 1', '# skipped 0', '# todo 0'].join('\n');
    assert.deepEqual(countTests('node', `${tap}\n${spec({ tests: 2, pass: 2, fail: 0, cancelled: 0, skipped: 0, todo: 0 })}`), { passed: 5, failed: 1, skipped: 0, seen: true });
  });

  it('counts mocha\'s passing, failing and pending', async () => {
    const { countTests } = await load();
    assert.deepEqual(countTests('mocha', '  12 passing (3s)\n  1 pending\n  2 failing\n'), { passed: 12, failed: 2, skipped: 1, seen: true });
  });

  it('says it saw no summary when the runner printed none (a crash)', async () => {
    const { countTests } = await load();
    assert.deepEqual(countTests('node', 'Error: Cannot find module x\n'), { passed: 0, failed: 0, skipped: 0, seen: false });
  });
});
