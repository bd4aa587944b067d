// What the bulk part shows: targets to invite or skip, the summary line, and when to speak.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announcement, type BulkRun, canRetryFailed, partitionTargets, retryableCount, runWarns, stateLabel, summaryText } from '../../webview/lib/bulk';

const s = (over: Partial<BulkRun['summary']> = {}): BulkRun['summary'] => ({ total: 10, sent: 0, failed: 0, skipped: 0, pending: 10, cancelled: 0, ...over });

describe('webview bulk', () => {
  it('splits targets into invited and skipped', () => {
    const r = partitionTargets([{ id: 'a', name: 'A' }, { id: 'b', name: 'B', skipReason: 'no point of contact' }]);
    assert.deepEqual(r.invite.map((t) => t.id), ['a']);
    assert.deepEqual(r.skip.map((t) => t.id), ['b']);
  });

  it('summarises a running and a finished run', () => {
    assert.equal(summaryText(s({ sent: 3, failed: 1, pending: 6 }), true), 'Sending… 4 of 10 companies done: 3 sent, 1 failed; 6 pending.');
    assert.equal(summaryText(s({ sent: 8, failed: 1, skipped: 1, pending: 0 }), false), 'Finished: 8 sent, 1 failed, 1 skipped of 10 companies.');
    assert.equal(summaryText(s({ sent: 2, cancelled: 8, pending: 0 }), false), 'Finished: 2 sent, 8 cancelled of 10 companies.');
    assert.equal(summaryText(s({ sent: 2, pending: 8 }), false), 'Stopped: 2 sent of 10 companies; 8 not sent.');
  });

  it('speaks at the start and the end at once, and progress at most every few seconds', () => {
    const run = (over: Partial<BulkRun['summary']>, running = true): BulkRun => ({ rows: [], summary: s(over), running });
    const first = announcement(undefined, run({}), 0);
    assert.equal(first, 'Sending… 0 of 10 companies done: 0 sent; 10 pending.');
    const prev = { text: first, at: 0 };
    assert.equal(announcement(prev, run({ sent: 1, pending: 9 }), 1000), undefined, 'too soon');
    assert.equal(announcement(prev, run({ sent: 1, pending: 9 }), 3000), 'Sending… 1 of 10 companies done: 1 sent; 9 pending.', 'after the interval');
    assert.equal(announcement(prev, run({ sent: 10, pending: 0 }, false), 1000), 'Finished: 10 sent of 10 companies.', 'the end is spoken at once');
    assert.equal(announcement(prev, run({}), 5000), undefined, 'nothing new, nothing said');
  });

  it('Retry Failed counts only failures worth retrying; a permanent refusal reads "Refused"', () => {
    const run: BulkRun = {
      rows: [
        { id: 'a', name: 'A', state: 'failed', message: 'the server did not answer in time' },
        { id: 'b', name: 'B', state: 'failed', permanent: true, message: 'B cannot be invited to collaborate' },
        { id: 'c', name: 'C', state: 'sent' },
      ],
      summary: s({ sent: 1, failed: 2, pending: 0, total: 3 }),
      running: false,
    };
    assert.equal(retryableCount(run), 1);
    assert.equal(canRetryFailed(run, false), true);
    assert.deepEqual(run.rows.map((r) => stateLabel(r.state, r.permanent)), ['Failed', 'Refused', 'Sent']);
    const onlyRefused: BulkRun = { ...run, rows: [run.rows[1]!, run.rows[2]!] };
    assert.equal(canRetryFailed(onlyRefused, false), false, 'nothing worth retrying');
  });

  it('a run warns when anything failed, was cut off or stopped; a clean one does not', () => {
    const run = (over: Partial<BulkRun['summary']>, error?: string): BulkRun => ({ rows: [], summary: s({ pending: 0, ...over }), running: false, ...(error ? { error } : {}) });
    assert.equal(runWarns(run({ sent: 9, skipped: 1 })), false);
    assert.equal(runWarns(run({ sent: 9, failed: 1 })), true);
    assert.equal(runWarns(run({ sent: 2, pending: 8 })), true);
    assert.equal(runWarns(run({ sent: 2 }, 'Stopped: 401')), true);
  });
});
