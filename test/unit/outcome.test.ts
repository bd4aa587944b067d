import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type ApiErrorInit } from '../../src/core/errors';
import { findLanded, writeOutcome } from '../../src/core/outcome';
import { auditOutcome } from '../../src/core/http';

const err = (init: Partial<ApiErrorInit> & Pick<ApiErrorInit, 'kind'>) => new ApiError({ method: 'POST', path: '/w', message: 'm', ...init });

describe('writeOutcome', () => {
  const cases: Array<[string, unknown, ReturnType<typeof writeOutcome>]> = [
    ['a timeout may have landed', err({ kind: 'timeout' }), 'unknown'],
    ['a reset connection may have landed', err({ kind: 'network', cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }), 'unknown'],
    ['a refused connection never sent anything', err({ kind: 'network', cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), 'refused'],
    ['an unknown host never sent anything', err({ kind: 'network', cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }), 'refused'],
    ['an unreadable 2xx may have landed', err({ kind: 'schema', status: 200 }), 'unknown'],
    ['a 500 may have landed', err({ kind: 'http', status: 500 }), 'unknown'],
    ['a 503 may have landed', err({ kind: 'http', status: 503 }), 'unknown'],
    ['a 400 was refused', err({ kind: 'http', status: 400 }), 'refused'],
    ['a 403 was refused', err({ kind: 'http', status: 403 }), 'refused'],
    ['an http error without a status is not known', err({ kind: 'http' }), 'unknown'],
    ['a 429 was refused before processing', err({ kind: 'rate-limited', status: 429 }), 'refused'],
    ['a 401 was refused', err({ kind: 'auth', status: 401 }), 'refused'],
    ['a write we would not send was never sent', err({ kind: 'refused' }), 'refused'],
    ['a write answered by a redirect is of unknown outcome', err({ kind: 'refused', status: 307 }), 'unknown'],
    ['a cancel is its own outcome', err({ kind: 'cancelled' }), 'cancelled'],
    ['a foreign error is of unknown outcome', new TypeError('boom'), 'unknown'],
  ];
  for (const [name, e, want] of cases) {
    it(name, () => assert.equal(writeOutcome(e), want));
  }
});

describe('findLanded', () => {
  const listed = [
    { id: 'old', target: 'c1', recipient: 'a@x.example' },
    { id: 'other-co', target: 'c2', recipient: 'a@x.example' },
    { id: 'new-other', target: 'c1', recipient: 'someone@x.example' },
    { id: 'new', target: 'c1', recipient: 'A@X.example' },
  ];
  it('finds the entry for the company that was not there before and goes to the recipient sent to', () => {
    assert.equal(findLanded(listed, 'c1', ['old'], 'a@x.example')?.id, 'new');
  });
  it('finds nothing when every entry for the company was seen before', () => {
    assert.equal(findLanded(listed, 'c1', ['old', 'new', 'new-other'], 'a@x.example'), undefined);
  });
  it('takes any new entry for the company when the recipient is not known', () => {
    assert.equal(findLanded(listed, 'c1', ['old'])?.id, 'new-other');
  });
  it('ignores entries for other companies', () => {
    assert.equal(findLanded(listed, 'c3', []), undefined);
  });
});

describe('the audit trail words a write by the same decision', () => {
  it('a 5xx may have landed (unknown), a 4xx the server answered failed, a connection never made refused', () => {
    assert.equal(auditOutcome(undefined), 'done');
    assert.equal(auditOutcome(err({ kind: 'http', status: 503 })), 'unknown');
    assert.equal(auditOutcome(err({ kind: 'http', status: 422 })), 'failed');
    assert.equal(auditOutcome(err({ kind: 'conflict', status: 409 })), 'failed');
    assert.equal(auditOutcome(err({ kind: 'network', cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })), 'refused');
    assert.equal(auditOutcome(err({ kind: 'network', cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })), 'unknown');
    assert.equal(auditOutcome(err({ kind: 'timeout' })), 'unknown');
    assert.equal(auditOutcome(err({ kind: 'cancelled' })), 'cancelled');
    assert.equal(auditOutcome(new Error('not an ApiError')), 'unknown');
  });
});
