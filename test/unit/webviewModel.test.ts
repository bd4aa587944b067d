// The webview's form model: validation as you type, Submit's state, drafts, and the host's answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import { webviewMessage } from '../../src/protocol/messages';
import { FormModel } from '../../webview/lib/model';

function inviteSpec(over: Partial<FormSpec> = {}): FormSpec {
  return {
    kind: 'invite',
    title: 'Invite to Collaborate — Acme',
    submitLabel: 'Send Invitation',
    draftKey: 'bitsight/acme/invite',
    fields: [
      { name: 'requestee_email', label: 'Recipient e-mail', kind: 'email', required: true },
      { name: 'trial_duration', label: 'Trial duration (days)', kind: 'number', required: true, min: 1, max: 365, rangeMessage: 'Trial duration must be between 1 and 365 days' },
      { name: 'message', label: 'Message', kind: 'textarea' },
    ],
    values: { requestee_email: '', trial_duration: 30, message: '' },
    ...over,
  };
}

function model(saved?: unknown): FormModel {
  let n = 0;
  return new FormModel(saved, () => `req-${++n}`, () => new Date('2026-12-01T19:57:00.000Z'));
}

describe('webview model: validation as you type', () => {
  it('does not flag an untouched blank required field, but lists it in the summary and disables Submit', () => {
    const m = model();
    m.init(inviteSpec());
    const v = m.view();
    assert.equal(v.fieldErrors.requestee_email, undefined);
    assert.deepEqual(v.problems.map((p) => p.name), ['requestee_email']);
    assert.equal(v.canSubmit, false);
  });
  it('shows the message under the field once typed, and clears it when fixed', () => {
    const m = model();
    m.init(inviteSpec());
    m.input('requestee_email', 'jane@');
    assert.equal(m.view().fieldErrors.requestee_email, '"jane@" is not a valid e-mail address');
    m.input('trial_duration', '400');
    assert.equal(m.view().fieldErrors.trial_duration, 'Trial duration must be between 1 and 365 days');
    m.input('requestee_email', 'jane@acme.com');
    m.input('trial_duration', '14');
    const v = m.view();
    assert.deepEqual(v.fieldErrors, {});
    assert.equal(v.canSubmit, true);
  });
  it('shows a domain warning under the field without blocking Submit, and sends anyway', () => {
    const m = model();
    m.init(inviteSpec({ fields: [{ name: 'requestee_email', label: 'Recipient e-mail', kind: 'email', required: true, emailDomains: ['acme.com'] }], values: { requestee_email: '' } }));
    m.input('requestee_email', 'jane@evil-acme.com');
    const v = m.view();
    assert.match(v.fieldWarnings.requestee_email ?? '', /"evil-acme\.com" is not one of the company’s known domains \(acme\.com\)/);
    assert.deepEqual([v.fieldErrors, v.problems, v.canSubmit], [{}, [], true]);
    assert.deepEqual(m.submit().post, { type: 'submit', requestId: 'req-1', values: { requestee_email: 'jane@evil-acme.com' } });
    m.input('requestee_email', 'jane@eu.acme.com');
    assert.deepEqual(m.view().fieldWarnings, {});
  });
  it('a blocked submit marks every field and moves focus to the first problem', () => {
    const m = model();
    m.init(inviteSpec());
    const out = m.submit();
    assert.equal(out.post, undefined);
    assert.equal(out.focus, 'requestee_email');
    assert.equal(m.view().fieldErrors.requestee_email, 'Recipient e-mail is required');
  });
});

describe('webview model: submit and the host’s answers', () => {
  function ready(): FormModel {
    const m = model();
    m.init(inviteSpec());
    m.input('requestee_email', 'jane@acme.com');
    return m;
  }

  it('posts a submit that the host’s schema accepts, with typed values and a fresh id', () => {
    const m = ready();
    const out = m.submit();
    assert.deepEqual(out.post, { type: 'submit', requestId: 'req-1', values: { requestee_email: 'jane@acme.com', trial_duration: 30, message: '' } });
    assert.equal(webviewMessage.safeParse(out.post).success, true);
  });

  it('disables Submit while the request is in flight and refuses a second one', () => {
    const m = ready();
    m.submit();
    assert.equal(m.view().busy, true);
    assert.equal(m.view().canSubmit, false);
    assert.deepEqual(m.submit(), {});
    m.receive({ type: 'busy', requestId: 'req-1', busy: true });
    m.receive({ type: 'busy', requestId: 'req-1', busy: false });
    assert.equal(m.view().canSubmit, true);
  });

  it('uses a new id for each submit', () => {
    const m = ready();
    const values = { requestee_email: 'jane@acme.com', trial_duration: 30, message: '' };
    assert.deepEqual(m.submit().post, { type: 'submit', requestId: 'req-1', values });
    m.receive({ type: 'result', requestId: 'req-1', ok: false, message: 'Network error', fieldErrors: {} });
    // The second submit must post, and post exactly this: the same values under a new id.
    assert.deepEqual(m.submit().post, { type: 'submit', requestId: 'req-2', values });
  });

  it('puts a server error next to its field and the rest on top, and keeps the draft', () => {
    const m = ready();
    m.submit();
    const out = m.receive({
      type: 'result',
      requestId: 'req-1',
      ok: false,
      message: 'Bitsight rejected the invitation.',
      fieldErrors: { requestee_email: 'The requestee email domain is unrelated to the entity', company_guid: 'Unknown company' },
    });
    const v = m.view();
    assert.equal(v.fieldErrors.requestee_email, 'The requestee email domain is unrelated to the entity');
    assert.deepEqual(v.banner, { kind: 'error', text: 'Bitsight rejected the invitation. Unknown company' });
    assert.equal(out.focus, 'requestee_email');
    assert.equal(v.canSubmit, true, 'a server error does not lock the form');
    assert.deepEqual(m.persisted(), { draftKey: 'bitsight/acme/invite', values: { requestee_email: 'jane@acme.com' }, savedAt: '2026-12-01T19:57:00.000Z' });
  });

  it('clears a field’s server error when the person edits that field', () => {
    const m = ready();
    m.submit();
    m.receive({ type: 'result', requestId: 'req-1', ok: false, message: 'x', fieldErrors: { requestee_email: 'Taken' } });
    m.input('requestee_email', 'joe@acme.com');
    assert.equal(m.view().fieldErrors.requestee_email, undefined);
  });

  it('shows a message that concerns no field on top and focuses it', () => {
    const m = ready();
    m.submit();
    const out = m.receive({ type: 'result', requestId: 'req-1', ok: false, message: 'It is not possible to send an access request to yourself', fieldErrors: {} });
    assert.equal(out.focus, 'banner');
    assert.deepEqual(m.view().banner, { kind: 'error', text: 'It is not possible to send an access request to yourself' });
  });

  it('ignores a result for a request it did not send', () => {
    const m = ready();
    m.submit();
    m.receive({ type: 'result', requestId: 'someone-else', ok: false, message: 'nope', fieldErrors: { requestee_email: 'nope' } });
    assert.equal(m.view().banner, undefined);
    assert.equal(m.view().busy, true);
  });

  it('after success with clearDraft drops the draft and applies the returned values', () => {
    const m = ready();
    m.submit();
    m.receive({ type: 'result', requestId: 'req-1', ok: true, message: 'Invitation sent.', clearDraft: true, values: { requestee_email: 'saved@acme.com' } });
    assert.deepEqual(m.persisted(), {});
    assert.equal(m.raws.requestee_email, 'saved@acme.com');
    assert.deepEqual(m.view().banner, { kind: 'success', text: 'Invitation sent.' });
    assert.equal(m.view().canSubmit, true, 'a success that is not done (no write, e.g. nothing changed) leaves the form open');
    assert.equal(m.view().done, false);
    assert.equal(m.view().busy, false);
  });

  describe('done: after the write succeeded', () => {
    function done(): FormModel {
      const m = ready();
      m.submit();
      m.receive({ type: 'result', requestId: 'req-1', ok: true, message: 'Invitation sent to jane@acme.com at Acme.', clearDraft: true, done: true });
      return m;
    }

    it('Submit is off, the banner says what happened, and a second submit posts nothing', () => {
      const m = done();
      const v = m.view();
      assert.equal(v.done, true);
      assert.equal(v.canSubmit, false);
      assert.deepEqual(v.banner, { kind: 'success', text: 'Invitation sent to jane@acme.com at Acme.' });
      assert.deepEqual(m.submit(), {});
    });

    it('“Send another…” posts sendAnother, and the next init is a fresh form with nothing typed kept', () => {
      const m = done();
      assert.deepEqual(m.sendAnother(), { post: { type: 'sendAnother' } });
      assert.equal(m.init(inviteSpec()), true, 'a fresh start: focus goes to the first field');
      assert.equal(m.raws.requestee_email, '');
      assert.equal(m.view().done, false);
      assert.equal(m.view().banner, undefined);
      m.input('requestee_email', 'bob@acme.com');
      assert.deepEqual(m.submit().post, { type: 'submit', requestId: 'req-2', values: { requestee_email: 'bob@acme.com', trial_duration: 30, message: '' } });
    });

    it('“Close” posts close; neither action does anything before the write succeeded', () => {
      assert.deepEqual(done().close(), { post: { type: 'close' } });
      const m = ready();
      assert.deepEqual(m.close(), {});
      assert.deepEqual(m.sendAnother(), {});
    });

    it('a webview rebuilt while done (init with done) shows the form finished', () => {
      const m = model();
      m.init(inviteSpec(), 'Invitation sent to jane@acme.com at Acme.');
      assert.equal(m.view().done, true);
      assert.equal(m.view().canSubmit, false);
      assert.deepEqual(m.view().banner, { kind: 'success', text: 'Invitation sent to jane@acme.com at Acme.' });
    });
  });

  it('gives up a request the host never acknowledged', () => {
    const m = ready();
    m.submit();
    assert.equal(m.ackTimeout('req-1'), true);
    assert.equal(m.view().busy, false);
    assert.equal(m.view().banner?.kind, 'error');
  });

  it('does not give up a request the host acknowledged', () => {
    const m = ready();
    m.submit();
    m.receive({ type: 'busy', requestId: 'req-1', busy: true });
    assert.equal(m.ackTimeout('req-1'), false);
    assert.equal(m.view().busy, true);
  });

  it('refuses to post what the host’s schema would drop, and says why', () => {
    const m = model();
    m.init(inviteSpec());
    m.input('requestee_email', 'jane@acme.com');
    m.input('message', 'x'.repeat(20_001));
    const out = m.submit();
    assert.equal(out.post, undefined);
    assert.match(m.view().banner?.text ?? '', /cannot be sent \(Message\)/);
    assert.equal(m.view().busy, false);
  });
});

describe('webview model: drafts', () => {
  it('restores a saved draft of the same form over the form’s values', () => {
    const m = model({ draftKey: 'bitsight/acme/invite', values: { requestee_email: 'half@', trial_duration: '12' } });
    m.init(inviteSpec());
    assert.equal(m.raws.requestee_email, 'half@');
    assert.equal(m.raws.trial_duration, '12');
    assert.equal(m.view().fieldErrors.requestee_email, '"half@" is not a valid e-mail address', 'a restored invalid value shows its problem at once');
  });
  it('keeps typed values when the same form is sent again, and starts fresh for another form', () => {
    const m = model();
    assert.equal(m.init(inviteSpec()), true);
    m.input('message', 'Hello');
    assert.equal(m.init(inviteSpec({ values: { requestee_email: 'new@acme.com', trial_duration: 30, message: '' } })), false);
    assert.equal(m.raws.message, 'Hello');
    assert.equal(m.raws.requestee_email, 'new@acme.com', 'an untouched field follows the host');
    assert.equal(m.init(inviteSpec({ draftKey: 'bitsight/other/invite' })), true);
    assert.equal(m.raws.message, '');
  });
  it('saves every change', () => {
    const m = model();
    m.init(inviteSpec());
    m.input('message', 'Hi');
    assert.deepEqual(m.persisted(), { draftKey: 'bitsight/acme/invite', values: { message: 'Hi' }, savedAt: '2026-12-01T19:57:00.000Z' });
  });  it('adopts the host’s draft after the panel was closed, unless its own state has a newer one', () => {
    const reopened = model();
    reopened.adoptDraft('bitsight/acme/invite', { message: 'typed before closing' });
    reopened.init(inviteSpec());
    assert.equal(reopened.raws.message, 'typed before closing');
    const own = model({ draftKey: 'bitsight/acme/invite', values: { message: 'newer, in this webview' } });
    own.adoptDraft('bitsight/acme/invite', { message: 'older, from the host' });
    own.init(inviteSpec());
    assert.equal(own.raws.message, 'newer, in this webview');
    const other = model();
    other.adoptDraft('bitsight/acme/invite', { message: 'for another form' });
    other.init(inviteSpec({ draftKey: 'bitsight/other/invite' }));
    assert.equal(other.raws.message, '');
  });
});

describe('webview model: bulk', () => {
  const bulkSpec = () => inviteSpec({ kind: 'bulkInvite', draftKey: 'bitsight/bulk-invite', values: { requestee_email: 'x@y.com', trial_duration: 30, message: '' }, bulk: { targets: [{ id: 'a', name: 'A' }] } });
  const summary = { total: 2, sent: 1, failed: 1, skipped: 0, pending: 0, cancelled: 0 };
  const rows = [
    { id: 'a', name: 'A', state: 'sent' as const },
    { id: 'b', name: 'B', state: 'failed' as const, message: 'Invalid requestee email' },
  ];

  it('offers Cancel while running and keeps Submit disabled', () => {
    const m = model();
    m.init(bulkSpec());
    m.receive({ type: 'bulk', rows, summary: { ...summary, failed: 0, pending: 1 }, running: true });
    const v = m.view();
    assert.equal(v.canCancel, true);
    assert.equal(v.canSubmit, false);
    assert.deepEqual(m.cancel().post, { type: 'cancel' });
    assert.equal(m.view().canCancel, false, 'one cancel is enough');
  });

  it('offers Retry failed when stopped with failures, with a fresh request id', () => {
    const m = model();
    m.init(bulkSpec());
    m.receive({ type: 'bulk', rows, summary, running: false });
    assert.equal(m.view().canRetryFailed, true);
    assert.deepEqual(m.retryFailed().post, { type: 'retryFailed', requestId: 'req-1' });
    assert.equal(m.view().canRetryFailed, false, 'not while the retry is in flight');
  });

  it('does not send the same run twice: Submit stays off once a run ended', () => {
    const m = model();
    m.init(bulkSpec());
    m.receive({ type: 'bulk', rows, summary, running: false });
    const v = m.view();
    assert.equal(v.canSubmit, false);
    assert.match(v.blocked ?? '', /Retry Failed/);
    assert.deepEqual(m.submit(), {});
  });

  it('does not offer Retry failed when nothing failed', () => {
    const m = model();
    m.init(bulkSpec());
    m.receive({ type: 'bulk', rows: [rows[0]!, { ...rows[1]!, state: 'sent' }], summary: { ...summary, sent: 2, failed: 0 }, running: false });
    assert.equal(m.view().canRetryFailed, false);
    assert.deepEqual(m.retryFailed(), {});
  });

  it('does not offer Retry failed when every failure is a permanent refusal', () => {
    const m = model();
    m.init(bulkSpec());
    m.receive({ type: 'bulk', rows: [rows[0]!, { ...rows[1]!, permanent: true }], summary, running: false });
    assert.equal(m.view().canRetryFailed, false);
    assert.deepEqual(m.retryFailed(), {});
  });

  it('a run that ended with failures is a warning banner, not a success', () => {
    const m = model();
    m.init(bulkSpec());
    const sent = m.submit();
    assert.equal(sent.post?.type, 'submit');
    const requestId = (sent.post as { requestId: string }).requestId;
    m.receive({ type: 'result', requestId, ok: true, message: 'Invitations: 1 sent, 1 failed.', warning: true });
    assert.deepEqual(m.view().banner, { kind: 'warning', text: 'Invitations: 1 sent, 1 failed.' });
  });
});
