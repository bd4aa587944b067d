// The Company Across Connections view's provider: pages of several connections matched as they
// arrive, failures shown as items (never thrown), a stop that stops, decisions kept in state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Company, Contact, Page } from '../../src/core/model';
import type { AcrossNode } from '../../src/model/across';
import type { ConnectionInfo } from '../../src/model/nodes';
import { fakeVscode, installFakeVscode, type TreeItem } from './helpers/fakeVscode';

installFakeVscode();
Object.assign(fakeVscode.window, { withProgress: (_o: unknown, task: () => Promise<unknown>) => task() });
Object.assign(fakeVscode, { l10n: { t: (s: string, ...a: unknown[]) => s.replace(/\{(\d+)\}/g, (_m, i: string) => String(a[Number(i)])) } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AcrossTreeProvider } = require('../../src/tree/acrossView') as typeof import('../../src/tree/acrossView');

const conn = (id: string, api: ConnectionInfo['api']): ConnectionInfo => ({ id, name: `Conn ${id}`, api, baseUrl: 'https://x.example' });

function setup(pages: Record<string, Array<Company[] | Error>>, contacts: Record<string, Contact[]> = {}) {
  const state = new Map<string, unknown>();
  const calls: string[] = [];
  const fakeProvider = (id: string) => ({
    labels: { primaryContact: 'primary contact' },
    listCompanies: async (cursor: string | undefined, _n: number, signal?: AbortSignal): Promise<Page<Company>> => {
      const i = Number(cursor ?? 0);
      calls.push(`${id}:${i}`);
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw new Error('aborted');
      const p = pages[id]![i]!;
      if (p instanceof Error) throw p;
      return { items: p, ...(i + 1 < pages[id]!.length ? { next: String(i + 1) } : {}) };
    },
  });
  const connections = Object.keys(pages).map((id, i) => conn(id, (['bitsight', 'kare', 'guidewire'] as const)[i % 3]!));
  const view = new AcrossTreeProvider({
    connections: { list: () => connections },
    model: {
      providerFor: async (id: string) => fakeProvider(id) as never,
      contacts: async (_c: string, companyId: string) => (contacts[companyId] ? { items: contacts[companyId] } : { error: new Error('boom') }),
    },
    state: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) } as never,
    stopCommand: 'stop',
    describeError: (e) => `Reading failed: ${(e as Error).message}`,
  });
  const settled = () => new Promise<void>((resolve) => {
    const sub = view.onDidChangeTreeData(() => {
      const roots = view.getChildren() as AcrossNode[];
      if (roots[0]?.kind === 'acrossStatus' && !roots[0].loading) {
        sub.dispose();
        resolve();
      }
    });
  });
  return { view, state, calls, settled };
}

const co = (id: string, name: string, primaryDomain?: string): Company => ({ id, name, ...(primaryDomain ? { primaryDomain } : {}) });

describe('Company Across Connections view', () => {
  it('reads every page of every connection and lists each matched company once', async () => {
    const { view, calls, settled, state } = setup({
      a: [[co('1', 'Jade Freight Group', 'jadefreight.com')], [co('2', 'Solar Payments Corp.', 'solarpayments.com')]],
      b: [[co('x', 'Jade Freight Group SAS')]],
      c: [[co('p', 'Jade Freight Group LLC'), co('q', 'Solar Payments Inc.')]],
    });
    const done = settled();
    const first = view.getChildren() as AcrossNode[];
    assert.equal(first[0]!.kind, 'acrossStatus');
    await done;
    assert.deepEqual(calls.sort(), ['a:0', 'a:1', 'b:0', 'c:0']);
    const roots = view.getChildren() as AcrossNode[];
    const groups = roots.filter((n) => n.kind === 'acrossGroup');
    assert.deepEqual(groups.map((g) => g.kind === 'acrossGroup' && g.group.name), ['Jade Freight Group', 'Solar Payments Inc.']);
    assert.match((view.getTreeItem(roots[0]!) as unknown as TreeItem).label as string, /^2 matched companies in 5 read$/);
    const entries = view.getChildren(groups[0]) as AcrossNode[];
    assert.equal(entries.length, 3);
    assert.equal(String((view.getTreeItem(entries[1]!) as unknown as TreeItem).label), 'Conn b (Kare): Jade Freight Group SAS');

    // Split Kare's record out: it leaves the match, and the decision is in state for next time.
    const kare = entries[1]!;
    assert.ok(kare.kind === 'acrossEntry');
    await view.split(kare.entry);
    assert.deepEqual((state.get('portfolioContacts.matchDecisions') as { split: string[] }).split, [kare.entry.key]);
    assert.equal(view.groupOf('b', 'x'), undefined);
    assert.equal(view.groupOf('a', '1')!.entries.length, 2);
  });

  it('shows a connection that fails as an item, and a contacts failure as an item', async () => {
    const { view, settled } = setup({ a: [[co('1', 'Acme', 'acme.com')]], b: [[co('2', 'Acme Inc')], new Error('HTTP 500')] });
    const done = settled();
    view.getChildren();
    await done;
    const roots = view.getChildren() as AcrossNode[];
    const error = roots.find((n) => n.kind === 'acrossError');
    assert.ok(error && error.kind === 'acrossError');
    assert.match(error.text, /Conn b: could not read its companies/);
    assert.match(error.tooltip ?? '', /HTTP 500/);
    const group = roots.find((n) => n.kind === 'acrossGroup')!;
    const [entry] = view.getChildren(group) as AcrossNode[];
    const contacts = await view.getChildren(entry);
    assert.equal(contacts[0]!.kind, 'acrossError');
  });

  it('marks the primary contact with the provider’s word', async () => {
    const { view, settled } = setup({ a: [[co('1', 'Acme', 'acme.com')]], b: [[co('2', 'Acme')]] }, { '1': [{ id: 'p', companyId: '1', name: 'Ada', email: 'ada@acme.com', isPrimary: true }] });
    const done = settled();
    view.getChildren();
    await done;
    const group = (view.getChildren() as AcrossNode[]).find((n) => n.kind === 'acrossGroup')!;
    const [entry] = view.getChildren(group) as AcrossNode[];
    const [contact] = await view.getChildren(entry);
    assert.equal((view.getTreeItem(contact!) as unknown as TreeItem).description, 'ada@acme.com · primary contact');
  });

  it('stops a load when asked', async () => {
    const many = Array.from({ length: 50 }, (_, i) => [co(`${i}`, `Co ${i}`)]);
    const { view, calls } = setup({ a: many, b: [[co('z', 'Co 0')]] });
    view.getChildren();
    await new Promise((r) => setImmediate(r));
    assert.equal(view.stop(), true);
    await new Promise((r) => setTimeout(r, 20));
    const before = calls.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls.length, before, 'no page is asked for after the stop');
    assert.ok(calls.length < 50);
    assert.equal(view.stop(), false);
  });

  it('asks for a second connection when there is one', () => {
    const { view } = setup({ a: [[]] });
    const [note] = view.getChildren() as AcrossNode[];
    assert.equal(note!.kind, 'acrossNote');
  });
});
