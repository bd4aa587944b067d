// The palette's quick picks: open at once and busy, fill page by page while keeping the person's
// place and ticks, resolve on Enter even mid-load, stop loading on Escape, and the list reader that
// feeds them from the cached model (new items only; a failure before anything arrived is thrown).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company } from '../../src/core/model';
import type { ListState } from '../../src/model/source';
import { installFakeVscode } from './helpers/fakeVscode';
import { fakeHost } from './helpers/fakeQuickPick';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pickPaged, listPages } = require('../../src/commands/pickers') as typeof import('../../src/commands/pickers');

type Item = { label: string; value: string };

/** Pages released one at a time by the test; records whether the reader saw the abort. */
function gatedPages(pages: string[][]) {
  const gates = pages.map(() => {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  });
  const seen = { aborted: false };
  return {
    seen,
    release: (i: number) => gates[i]!.open(),
    pages: async function* (signal: AbortSignal): AsyncIterable<Item[]> {
      for (let i = 0; i < pages.length; i++) {
        await gates[i]!.p;
        if (signal.aborted) {
          seen.aborted = true;
          return;
        }
        yield pages[i]!.map((v) => ({ label: v, value: v }));
      }
    },
  };
}

describe('pickPaged', () => {
  it('opens at once, busy and empty, then appends each page as it arrives and stops being busy at the end', async () => {
    const host = fakeHost();
    const feed = gatedPages([['a', 'b'], ['c', 'd']]);
    const result = pickPaged({ title: 'T', placeholder: 'Which?', emptyText: 'none', pages: feed.pages }, host);
    const qp = host.made[0]!;
    assert.ok(qp.shown, 'shown before any page arrived');
    assert.equal(qp.busy, true);
    assert.equal(qp.items.length, 0);
    assert.equal(qp.matchOnDescription, true, 'typed text filters on the description too');
    feed.release(0);
    await qp.until((items) => items.length === 2);
    assert.equal(qp.busy, true, 'still busy: more pages to come');
    feed.release(1);
    await qp.until((items) => items.length === 4);
    assert.deepEqual(qp.items.map((i) => i.label), ['a', 'b', 'c', 'd']);
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(qp.busy, false);
    qp.activeItems = [qp.items[2]!];
    qp.fireAccept();
    assert.deepEqual(await result, ['c']);
    assert.ok(qp.disposed);
  });

  it('keeps the active item and the ticked ones when a later page arrives', async () => {
    const host = fakeHost();
    const feed = gatedPages([['a', 'b'], ['c']]);
    const result = pickPaged({ title: 'T', placeholder: 'p', emptyText: 'none', pages: feed.pages, many: true }, host);
    const qp = host.made[0]!;
    feed.release(0);
    await qp.until((items) => items.length === 2);
    qp.activeItems = [qp.items[1]!];
    qp.selectedItems = [qp.items[1]!];
    feed.release(1);
    await qp.until((items) => items.length === 3);
    assert.equal(qp.activeItems[0]?.label, 'b', 'the cursor did not jump back to the first item');
    assert.deepEqual(qp.selectedItems.map((i) => i.label), ['b']);
    qp.selectedItems = [qp.items[1]!, qp.items[2]!];
    qp.fireAccept();
    assert.deepEqual(await result, ['b', 'c']);
  });

  it('resolves on Enter while pages are still loading, and loads no further page', async () => {
    const host = fakeHost();
    const feed = gatedPages([['a'], ['b']]);
    const result = pickPaged({ title: 'T', placeholder: 'p', emptyText: 'none', pages: feed.pages }, host);
    const qp = host.made[0]!;
    feed.release(0);
    await qp.until((items) => items.length === 1);
    qp.fireAccept();
    assert.deepEqual(await result, ['a']);
    feed.release(1);
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(qp.itemHistory.length, 1, 'no page was added after the pick');
    assert.ok(feed.seen.aborted, 'the page reader saw the abort');
  });

  it('Escape resolves undefined and aborts the loading', async () => {
    const host = fakeHost();
    const feed = gatedPages([['a'], ['b']]);
    const result = pickPaged({ title: 'T', placeholder: 'p', emptyText: 'none', pages: feed.pages }, host);
    const qp = host.made[0]!;
    qp.fireHide();
    assert.equal(await result, undefined);
    feed.release(0);
    await new Promise<void>((r) => setImmediate(r));
    assert.ok(feed.seen.aborted);
    assert.equal(qp.itemHistory.length, 0, 'nothing was added to a closed picker');
  });

  it('says so in the placeholder when every page is in and there is nothing to pick', async () => {
    const host = fakeHost();
    const feed = gatedPages([[]]);
    void pickPaged({ title: 'T', placeholder: 'p', emptyText: 'No companies here', pages: feed.pages }, host);
    const qp = host.made[0]!;
    feed.release(0);
    await new Promise<void>((r) => setImmediate(r));
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(qp.placeholder, 'No companies here');
    assert.equal(qp.busy, false);
    qp.fireHide();
  });

  it('rejects with the failure when it came before anything could be picked', async () => {
    const host = fakeHost();
    const boom = new Error('could not reach the server');
    const result = pickPaged({ title: 'T', placeholder: 'p', emptyText: 'none', pages: async function* () { throw boom; } }, host);
    await assert.rejects(result, boom);
    assert.ok(host.made[0]!.disposed);
  });
});

describe('listPages', () => {
  const co = (i: number): Company => ({ id: `c${i}`, name: `Company ${i}` });

  it('reads the cached list and each "load more", yielding only what each page added', async () => {
    const all = [co(1), co(2), co(3), co(4), co(5)];
    let loaded = 2;
    const read = async (): Promise<ListState<Company>> => ({ items: all.slice(0, loaded), hasMore: loaded < all.length });
    const more = async () => void (loaded = Math.min(all.length, loaded + 2));
    const pages: string[][] = [];
    for await (const page of listPages(read, more, (c) => ({ label: c.name, value: c }), new AbortController().signal)) pages.push(page.map((p) => p.value.id));
    assert.deepEqual(pages, [['c1', 'c2'], ['c3', 'c4'], ['c5']]);
  });

  it('throws the error of the first page, and a signed-out list as a sentence', async () => {
    const boom = new Error('HTTP 500');
    const failing = listPages(async () => ({ items: [], hasMore: false, error: boom }), async () => undefined, (c: Company) => ({ label: c.name, value: c }), new AbortController().signal);
    await assert.rejects(async () => { for await (const _ of failing) void _; }, boom);
    const signedOut = listPages(async () => ({ items: [], hasMore: false, unavailable: { reason: 'signed-out' as const } }), async () => undefined, (c: Company) => ({ label: c.name, value: c }), new AbortController().signal);
    await assert.rejects(async () => { for await (const _ of signedOut) void _; }, /Sign In/);
  });
});

describe('pickSearched', () => {
  it('opens with the empty query\'s answer, searches again as the person types, drops an older answer, resolves the pick', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pickSearched } = require('../../src/commands/pickers') as typeof import('../../src/commands/pickers');
    const host = fakeHost();
    const asked: string[] = [];
    const answers = new Map<string, (items: Item[]) => void>();
    const result = pickSearched<string>({ title: 'T', placeholder: 'Type a name', emptyText: 'Nobody matches', debounceMs: 0, search: (q) => {
      asked.push(q);
      return new Promise((r) => answers.set(q, r));
    } }, host);
    const qp = host.made[0]! as unknown as import('./helpers/fakeQuickPick').FakeQuickPick<Item>;
    assert.ok(qp.shown);
    assert.deepEqual(asked, ['']);
    assert.equal(qp.busy, true);
    answers.get('')!([{ label: 'Current', value: 'c0' }]);
    await qp.until((items) => items.length === 1);
    assert.equal(qp.busy, false);
    qp.type('al');
    await new Promise<void>((r) => setTimeout(r, 0));
    qp.type('ali');
    await new Promise<void>((r) => setTimeout(r, 0));
    assert.deepEqual(asked, ['', 'al', 'ali']);
    answers.get('ali')!([{ label: 'Alice', value: 'c1' }]);
    await qp.until((items) => items[0]?.label === 'Alice');
    answers.get('al')!([{ label: 'Stale Al', value: 'c9' }]);
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(qp.items[0]?.label, 'Alice', 'an older search answering late does not replace the newer one');
    qp.fireAccept();
    assert.equal(await result, 'c1');
  });
});
