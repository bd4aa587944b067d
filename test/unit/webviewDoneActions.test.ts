// The button offered once a write succeeded says what it does for the kind of form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormSpec } from '../../src/protocol/forms';
import { openWebview } from './helpers/webviewPage';

const spec = (kind: FormSpec['kind']): FormSpec => ({
  kind,
  title: 'A form',
  submitLabel: 'Save',
  fields: [{ name: 'name', label: 'Name', kind: 'text', required: true }],
  values: { name: 'Jane' },
  draftKey: `k/${kind}`,
});

function againLabel(t: Parameters<typeof openWebview>[0], kind: FormSpec['kind']): string {
  const page = openWebview(t);
  page.deliver({ type: 'init', spec: spec(kind) });
  const button = [...page.root.walk()].find((e) => e.getAttribute('class') === 'send-another');
  assert.ok(button, 'no send-another button');
  return button.textContent ?? '';
}

describe('webview: the action after a successful write', () => {
  // One page per test: each opening takes over the test's mocked timers.
  for (const kind of ['editContact', 'editUser'] as const) {
    it(`${kind} offers "Edit again…"`, (t) => assert.equal(againLabel(t, kind), 'Edit again…'));
  }
  for (const kind of ['createContacts', 'invite'] as const) {
    it(`${kind} offers "Send another…"`, (t) => assert.equal(againLabel(t, kind), 'Send another…'));
  }
});
