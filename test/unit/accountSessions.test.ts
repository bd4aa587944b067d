import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountSessions, authProviderId, diffSessions, NO_TOKEN_SHARED } from '../../src/connections/accountSessions';
import type { Connection } from '../../src/connections/store';
import { API_KINDS } from '../../src/core/model';

const [api, other] = API_KINDS;
const conn = (id: string, name: string, kind = api): Connection => ({ id, name, api: kind, baseUrl: `https://${id}.example.test` });
const connections = [conn('a', 'First'), conn('b', 'Second'), conn('c', 'Elsewhere', other)];

describe('Accounts menu sessions', () => {
  it('one session per signed-in connection of the API, labelled with its name, with no scopes', () => {
    const sessions = accountSessions(api, connections, (id) => id !== 'b');
    assert.deepEqual(sessions.map((s) => [s.id, s.account.id, s.account.label, s.scopes]), [['a', 'a', 'First', []]]);
    assert.equal(authProviderId(api), `portfolioContacts.${api}`);
  });

  it('says who the connection signed in as when it is known', () => {
    const [s] = accountSessions(api, connections, () => true, (id) => (id === 'a' ? 'ana@example.test' : undefined));
    assert.equal(s!.account.label, 'First (signed in as ana@example.test)');
  });

  it('never carries a secret: the access token is the same fixed marker for every session', () => {
    const secretish = connections.map((c) => ({ ...c, settings: { clientId: 'cid-1234' } }));
    const sessions = accountSessions(api, secretish, () => true);
    assert.ok(sessions.length === 2 && sessions.every((s) => s.accessToken === NO_TOKEN_SHARED));
    assert.doesNotMatch(JSON.stringify(sessions), /cid-1234|example\.test/);
  });

  it('reports sign in, sign out and rename as added, removed and changed; nothing when equal', () => {
    const before = accountSessions(api, connections, (id) => id === 'a');
    const renamed = [{ ...connections[0]!, name: 'Renamed' }, connections[1]!];
    const after = accountSessions(api, renamed, (id) => id === 'a' || id === 'b');
    const change = diffSessions(before, after)!;
    assert.deepEqual([change.added.map((s) => s.id), change.removed.map((s) => s.id), change.changed.map((s) => s.account.label)], [['b'], [], ['Renamed']]);
    assert.deepEqual(diffSessions(after, []), { added: [], removed: after, changed: [] });
    assert.equal(diffSessions(after, after), undefined);
  });
});
