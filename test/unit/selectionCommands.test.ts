// Commands on the view's selection: which nodes a command acts on (the selection with the clicked
// node, the clicked node alone when it is outside the selection, the view's selection from a
// keybinding), and Remove asking once for all selected connections.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Services } from '../../src/commands/services';
import type { TreeNode } from '../../src/model/nodes';
import { fakeVscode, installFakeVscode } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { targetsOf } = require('../../src/commands/pickers') as typeof import('../../src/commands/pickers');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { removeConnections } = require('../../src/commands/connections') as typeof import('../../src/commands/connections');

const conn = (id: string): TreeNode => ({ kind: 'connection', connection: { id, name: `Conn ${id}`, api: 'bitsight', baseUrl: 'https://x.example' } });
const company = (id: string): TreeNode => ({ kind: 'company', connectionId: 'a', company: { id, name: id }, actions: [] });

function services(selection: TreeNode[], ids: string[]) {
  const removed: string[] = [];
  const deleted: string[] = [];
  const s = {
    selection: () => selection,
    store: {
      list: () => ids.map((id) => (conn(id) as Extract<TreeNode, { kind: 'connection' }>).connection),
      get: (id: string) => (ids.includes(id) ? (conn(id) as Extract<TreeNode, { kind: 'connection' }>).connection : undefined),
      remove: async (id: string) => void removed.push(id),
    },
    credentials: { delete: async (id: string) => void deleted.push(id) },
    runtime: { forget: () => undefined },
    model: { forget: () => undefined },
    log: { info: () => undefined },
  } as unknown as Services;
  return { s, removed, deleted };
}

function recordDialogs(answer: string | undefined) {
  const warnings: string[] = [];
  const infos: string[] = [];
  const w = fakeVscode.window as Record<string, unknown>;
  w.showWarningMessage = async (text: string) => (warnings.push(text), answer);
  w.showInformationMessage = async (text: string) => (infos.push(text), undefined);
  return { warnings, infos };
}

describe('targetsOf', () => {
  const a = company('a');
  const b = company('b');
  const c = company('c');

  it('acts on the whole selection when the clicked node is part of it', () => {
    assert.deepEqual(targetsOf(services([], []).s, b, [a, b]), [a, b]);
  });

  it('acts on the clicked node alone when it is outside the selection', () => {
    assert.deepEqual(targetsOf(services([], []).s, c, [a, b]), [c]);
  });

  it('acts on the view\'s selection when invoked without an argument (a keybinding), and on nothing for an id', () => {
    assert.deepEqual(targetsOf(services([a, c], []).s), [a, c]);
    assert.deepEqual(targetsOf(services([a, c], []).s, 'some-id'), []);
  });
});

describe('Remove Connection on a selection', () => {
  it('asks once for all selected connections, then removes each with its credentials', async () => {
    const { s, removed, deleted } = services([conn('a'), conn('b'), company('x')], ['a', 'b']);
    const { warnings } = recordDialogs('Remove');
    await removeConnections(s, undefined, undefined);
    assert.equal(warnings.length, 1, 'one confirmation');
    assert.match(warnings[0]!, /Remove 2 connections \("Conn a", "Conn b"\)/);
    assert.deepEqual(removed, ['a', 'b']);
    assert.deepEqual(deleted, ['a', 'b']);
  });

  it('removes nothing when the confirmation is dismissed', async () => {
    const { s, removed } = services([conn('a'), conn('b')], ['a', 'b']);
    recordDialogs(undefined);
    await removeConnections(s, undefined, undefined);
    assert.deepEqual(removed, []);
  });

  it('Delete on a company removes no connection and says what to select', async () => {
    const { s, removed } = services([company('x')], ['a']);
    const { warnings, infos } = recordDialogs('Remove');
    await removeConnections(s, undefined, undefined);
    assert.deepEqual(removed, []);
    assert.equal(warnings.length, 0);
    assert.match(infos[0] ?? '', /Select a connection/);
  });
});
