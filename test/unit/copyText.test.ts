// Copy with several nodes selected: every one that has the value, one per line, in selection order,
// no repeats; plain Copy takes the e-mail where there is one and the name otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyLines } from '../../src/commands/copyText';
import type { TreeNode } from '../../src/model/nodes';

const company = (id: string, name: string, primaryDomain?: string): TreeNode => ({ kind: 'company', connectionId: 'k', company: { id, name, ...(primaryDomain ? { primaryDomain } : {}) }, actions: [] });
const contact = (id: string, name: string, email?: string): TreeNode => ({ kind: 'contact', connectionId: 'k', contact: { id, companyId: 'c1', name, email: email ?? null, isPrimary: false }, actions: [] });
const apiToken: TreeNode = { kind: 'user', connectionId: 'k', user: { id: 'u1', name: 'Token', email: 'token@x.example', isCompanyApiToken: true }, actions: [] };

describe('copyLines', () => {
  const selection = [contact('p1', 'Ada', 'ada@x.example'), company('c1', 'Alder', 'alder.example'), contact('p2', 'Bob'), company('c2', 'Birch'), contact('p3', 'Ada again', 'ada@x.example')];

  it('copies the e-mail of every selected node that has one, once each, in order', () => {
    assert.deepEqual(copyLines(selection, 'email'), ['ada@x.example']);
    assert.deepEqual(copyLines([contact('p1', 'A', 'a@x.example'), contact('p2', 'B', 'b@x.example')], 'email').join('\n'), 'a@x.example\nb@x.example');
  });

  it('copies names, domains and ids of all selected nodes', () => {
    assert.deepEqual(copyLines(selection, 'name'), ['Ada', 'Alder', 'Bob', 'Birch', 'Ada again']);
    assert.deepEqual(copyLines(selection, 'domain'), ['alder.example']);
    assert.deepEqual(copyLines(selection, 'id'), ['p1', 'c1', 'p2', 'c2', 'p3']);
  });

  it('plain Copy takes the e-mail where there is one, else the name; an API token user has no e-mail to copy', () => {
    assert.deepEqual(copyLines([...selection, apiToken], 'default'), ['ada@x.example', 'Alder', 'Bob', 'Birch', 'Token']);
    assert.deepEqual(copyLines([apiToken], 'email'), []);
  });
});
