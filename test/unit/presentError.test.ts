// The one presenter of errors: every kind reads as faultKit's describeText pins it, and the
// API's code and a conflict are worded so a person knows what happened and what to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type ApiErrorKind } from '../../src/core/errors';
import { presentError } from '../../src/forms/presentError';
import { describeText, NAMES_AN_ACTION } from './helpers/faultKit';

const KINDS: ApiErrorKind[] = ['http', 'auth', 'rate-limited', 'network', 'timeout', 'cancelled', 'schema', 'refused', 'conflict'];

function err(kind: ApiErrorKind, extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {}): ApiError {
  return new ApiError({ kind, method: 'PATCH', path: '/admin/v1/organizations/pc:5', message: 'the server said no', ...extra });
}

describe('presentError', () => {
  it('says each kind of error the way the fault suites pin it', () => {
    const seen: string[] = [];
    for (const kind of KINDS) {
      const e = err(kind, kind === 'http' || kind === 'auth' || kind === 'conflict' ? { status: kind === 'auth' ? 401 : kind === 'conflict' ? 409 : 500 } : {});
      assert.equal(presentError(e, 'Saving'), describeText('Saving', e), kind);
      seen.push(kind);
    }
    assert.deepEqual(seen, KINDS);
  });

  it('tells a person whose credentials were refused to sign in again (the tree offers that command)', () => {
    const text = presentError(err('auth', { status: 401, message: 'Invalid token.' }), 'Loading companies');
    assert.equal(text, "Loading companies failed: the server did not accept this connection's credentials (Invalid token.). Sign in again.");
    assert.match(text, NAMES_AN_ACTION);
  });

  it("quotes the API's own error code beside the status, so it can be given to an admin", () => {
    const e = err('http', { status: 400, message: 'The request body is invalid', code: 'gw.api.rest.exceptions.BadInputException' });
    assert.equal(presentError(e, 'Creating the contact'), 'Creating the contact failed: The request body is invalid (HTTP 400, gw.api.rest.exceptions.BadInputException).');
    assert.equal(presentError(err('http', { status: 404 }), 'Loading'), 'Loading failed: the server said no (HTTP 404). Refresh: it may have been removed.');
  });

  it('says a conflict is someone else\'s change, naming the record with the provider\'s label, and what to do', () => {
    const e = err('conflict', { status: 409, message: 'checksum mismatch', code: 'gw.api.rest.exceptions.ConflictException' });
    const text = presentError(e, 'Setting the primary contact', { company: 'organization' });
    assert.equal(
      text,
      'Setting the primary contact failed: someone else changed this organization since it was loaded (checksum mismatch, gw.api.rest.exceptions.ConflictException). Reload it, then try again.',
    );
    assert.match(text, NAMES_AN_ACTION);
  });

  it('anything else thrown is said with its message', () => {
    assert.equal(presentError(new Error('disk full'), 'Saving the draft'), 'Saving the draft failed: disk full');
    assert.equal(presentError('odd', 'Saving the draft'), 'Saving the draft failed: odd');
  });

  it('ApiError.describe stays a plain fallback without advice', () => {
    assert.equal(err('http', { status: 404 }).describe('Loading'), 'Loading failed: the server said no (HTTP 404).');
    assert.equal(err('cancelled').describe('Loading'), 'Loading was cancelled.');
  });
});
