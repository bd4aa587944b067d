// Webview and tree hardening: the form panel's CSP, and hostile names (markup, a script breaking out
// of its tag, a markdown command link, javascript: URLs) rendered as inert text — by the webview's
// real code (webview/lib/app.ts → render.ts → dom.ts) over a recording DOM shim whose HTML-parsing
// entry points throw, and by the tree provider over a recording fake of `vscode`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { escapeHtml, formHtml } from '../../src/forms/html';
import type { FormSpec } from '../../src/protocol/forms';
import type { TreeNode } from '../../src/tree/nodes';
import { installDom, type ShimElement } from './helpers/domShim';
import { silentLogger } from '../../src/core/redact';
import { createdPanels, installFakeVscode, isInertMarkdown, tooltipLines, type MarkdownString, type TreeItem, Uri } from './helpers/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openFormPanel } = require('../../src/forms/panel') as typeof import('../../src/forms/panel');

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '[link](command:workbench.action.reloadWindow)',
  'javascript:alert(document.cookie)',
  '"><svg onload=alert(1)>',
  '**bold** <b>html</b> $(alert) &amp; &lt;',
] as const;
const P = (i: number, where: string) => `${PAYLOADS[i % PAYLOADS.length]} ${where}`;

// ---------------------------------------------------------------------------------------- CSP

function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  const out = new Map<string, string[]>();
  for (const part of m[1]!.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    assert.ok(!out.has(name!), `directive ${name} given once`);
    out.set(name!, values);
  }
  return out;
}

describe('webview CSP (src/forms/html.ts formHtml)', () => {
  const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
  const page = () => formHtml({ cspSource, scriptUri: `${cspSource}/ext/dist/webview/form.js`, title: 'Invite to Collaborate — Acme' });

  it('is strict: default none, scripts by nonce only, styles and fonts from the webview root, no forms or base', () => {
    const html = page();
    const policy = csp(html);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy.get('script-src')!.join(' '))![1]!;
    assert.deepEqual(Object.fromEntries(policy), {
      'default-src': ["'none'"],
      'img-src': [cspSource, 'data:'],
      'style-src': [cspSource],
      'font-src': [cspSource],
      'script-src': [`'nonce-${nonce}'`],
      'form-action': ["'none'"],
      'base-uri': ["'none'"],
    });
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
  });

  it('has one script, external and carrying the nonce; no inline script, handler, style or javascript: URL', () => {
    const html = page();
    const nonce = /'nonce-([^']+)'/.exec(html)![1]!;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, new RegExp(` nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0]![1]!, / src="[^"]+"/);
    assert.equal(scripts[0]![2], '', 'no inline code');
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /<style|\sstyle\s*=/i, 'no inline styles');
    assert.doesNotMatch(html, /javascript:/i);
    assert.equal(html.split(nonce).length - 1, 2, 'the nonce appears in the CSP and on the script only');
  });

  it('draws a fresh, unguessable nonce for every page', () => {
    const nonces = Array.from({ length: 200 }, () => /'nonce-([^']+)'/.exec(page())![1]!);
    assert.equal(new Set(nonces).size, nonces.length);
    for (const n of nonces) assert.ok(Buffer.from(n, 'base64').length >= 16, `${n}: at least 128 bits`);
  });

  it('escapes the title and script URI, so a company name cannot close the title and open a script', () => {
    const html = formHtml({ cspSource, scriptUri: `${cspSource}/form.js?"><script>alert(1)</script>`, title: `Invite — ${PAYLOADS[1]}` });
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
    assert.match(html, /<title>Invite — &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('the webview sources never parse text as HTML nor evaluate strings (a regression guard)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ts$/.test(name)) files.push(p);
      }
    };
    walk(join(__dirname, '../../webview'));
    assert.ok(files.length >= 10);
    const banned = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|unsafeHTML|\.srcdoc\b|setAttribute\(\s*['"]on/;
    assert.deepEqual(files.filter((f) => banned.test(readFileSync(f, 'utf8'))), []);
  });
});

describe('form panels (src/forms/panel.ts over a fake vscode)', () => {
  const spec: FormSpec = { kind: 'invite', title: `Invite — ${PAYLOADS[1]}`, submitLabel: 'Send', fields: [], values: {}, draftKey: 'k' };
  const handler = { spec: () => spec, submit: async () => ({ message: 'ok' }) };

  it('load only the built webview folder, with scripts on and nothing else widened', () => {
    const before = createdPanels.length;
    openFormPanel(Uri.file('/ext') as never, 'panel-options', handler, silentLogger);
    assert.equal(createdPanels.length, before + 1);
    const panel = createdPanels[createdPanels.length - 1]!;
    assert.equal(panel.viewType, 'portfolioContacts.form');
    assert.deepEqual(Object.keys(panel.options).sort(), ['enableScripts', 'localResourceRoots']);
    assert.equal(panel.options.enableScripts, true);
    assert.deepEqual((panel.options.localResourceRoots as Uri[]).map((u) => u.path), ['/ext/dist/webview']);
    // No retainContextWhenHidden (drafts live in getState/setState), no command URIs, no forms.
    const policy = csp(panel.webview.html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('style-src'), [panel.webview.cspSource]);
    assert.match(panel.webview.html, /<script type="module" nonce="[^"]+" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/form\.js"><\/script>/);
    assert.equal((panel.webview.html.match(/<script/gi) ?? []).length, 1, 'a hostile title does not add a script');
    panel.dispose();
  });

  it('answer only through the typed protocol: junk from the webview is ignored, ready gets the form', async () => {
    openFormPanel(Uri.file('/ext') as never, 'panel-protocol', handler, silentLogger);
    const panel = createdPanels[createdPanels.length - 1]!;
    for (const junk of [null, 'ready', { type: 'init', spec }, { type: 'result', ok: true }, JSON.parse('{"__proto__": {"type": "ready"}}')]) panel.receive(junk);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(panel.posted, []);
    panel.receive({ type: 'ready' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(panel.posted, [{ type: 'init', spec }]);
    panel.dispose();
  });
});

// ---------------------------------------------------------------------------- webview rendering

const ALLOWED_TAGS = new Set([
  'main', 'div', 'form', 'section', 'header', 'h1', 'h2', 'h3', 'p', 'ul', 'li', 'span', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td',
  'select', 'option', 'vscode-button', 'vscode-checkbox', 'vscode-form-helper', 'vscode-label', 'vscode-textarea', 'vscode-textfield',
]);
const ALLOWED_PROPS = new Set(['noValidate', 'tabIndex', 'label', 'checked', 'rows', 'resize', 'placeholder', 'value', 'type', 'min', 'max', 'step', 'disabled', 'secondary', 'required', 'invalid', 'textContent', 'scope', 'title']);

function hostileSpec(): FormSpec {
  return {
    kind: 'bulkInvite',
    title: P(0, 'title'),
    subtitle: P(1, 'subtitle'),
    notes: [P(2, 'note'), P(3, 'note')],
    submitLabel: P(4, 'submit'),
    fields: [
      { name: 'message', label: P(0, 'label'), kind: 'text', help: P(1, 'help'), placeholder: P(2, 'placeholder'), section: P(3, 'section') },
      { name: 'notes', label: P(4, 'label'), kind: 'textarea', placeholder: P(5, 'placeholder') },
      {
        name: 'reason',
        label: P(5, 'label'),
        kind: 'select',
        options: [
          { value: 'a', label: P(0, 'option'), description: P(1, 'description') },
          { value: P(2, 'value'), label: P(3, 'option') },
        ],
      },
      { name: 'agree', label: P(1, 'checkbox'), kind: 'checkbox' },
      { name: 'company', label: P(2, 'readonly'), kind: 'text', readonly: true },
    ],
    values: { message: P(3, 'value'), notes: P(4, 'value'), reason: 'a', agree: false, company: P(5, 'readonly value') },
    draftKey: 'xss',
    bulk: { targets: [{ id: 'c1', name: P(0, 'company') }, { id: 'c2', name: P(1, 'company'), skipReason: P(2, 'skip reason') }] },
  };
}

describe('webview renders hostile text as text (webview/lib over a DOM shim)', () => {
  it('title, notes, labels, help, options, values, server errors and bulk rows: text nodes and properties, never markup', (t) => {
    const { doc, deliver } = installDom();
    // app.ts arms a 15 s acknowledgement timer per request; fake timers keep the process from waiting on it.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { start } = require('../../webview/lib/app') as typeof import('../../webview/lib/app');
    const root = doc.createElement('main');
    const posted: unknown[] = [];
    const api = { postMessage: (m: unknown) => void posted.push(m), getState: () => undefined, setState: () => undefined };
    start(root as unknown as HTMLElement, api as unknown as Parameters<typeof start>[1]);
    assert.deepEqual(posted, [{ type: 'ready' }]);

    deliver({ type: 'init', spec: hostileSpec() });
    const form = [...root.walk()].find((e) => e.localName === 'form')!;
    const onSubmit = form.listeners.find(([t]) => t === 'submit')![1] as (e: { preventDefault(): void }) => void;
    onSubmit({ preventDefault: () => undefined });
    const submit = posted[1] as { type: string; requestId: string; values: Record<string, unknown> };
    assert.equal(submit.type, 'submit');
    assert.equal(submit.values.message, P(3, 'value'), 'the value went out exactly as it came in');
    deliver({ type: 'busy', requestId: submit.requestId, busy: true });
    deliver({ type: 'busy', requestId: submit.requestId, busy: false });
    deliver({ type: 'result', requestId: submit.requestId, ok: false, message: P(0, 'server message'), fieldErrors: { message: P(1, 'field error'), elsewhere: P(2, 'unplaced error') } });
    deliver({
      type: 'bulk',
      rows: [
        { id: 'c1', name: P(3, 'row'), state: 'failed', message: P(4, 'row message') },
        { id: 'c2', name: P(5, 'row'), state: 'skipped' },
      ],
      summary: { total: 2, sent: 0, failed: 1, skipped: 1, pending: 0, cancelled: 0 },
      running: false,
      error: P(0, 'run error'),
    });

    const elements = [...root.walk()];
    assert.deepEqual([...new Set(doc.created)].filter((t) => !ALLOWED_TAGS.has(t)), [], 'no element beyond the renderer\'s own');
    for (const el of elements) {
      for (const [name, value] of el.attributes) {
        assert.doesNotMatch(name, /^on/i, `<${el.localName}> has an event-handler attribute`);
        assert.ok(!/^(src|href|srcdoc|style|action|formaction)$/.test(name), `<${el.localName} ${name}="${value}">`);
      }
      for (const [name] of el.props) assert.ok(ALLOWED_PROPS.has(name), `<${el.localName}>.${name} was set`);
    }

    const texts = [...root.texts()].map((t) => t.data);
    const props = elements.flatMap((el) => el.props.filter(([, v]) => typeof v === 'string').map(([, v]) => v as string));
    const shownAsText = (s: string) => texts.some((t) => t.includes(s));
    const expectText = [
      'title', 'subtitle', 'note', 'label', 'help', 'section', 'option', 'description', 'readonly', 'readonly value',
      'company', 'skip reason', 'server message', 'field error', 'unplaced error', 'row', 'row message', 'run error', 'submit',
    ];
    for (const where of expectText) {
      const hits = PAYLOADS.map((p) => `${p} ${where}`).filter(shownAsText);
      assert.ok(hits.length >= 1, `"${where}" text is shown verbatim in a text node`);
    }
    assert.equal(texts.find((t) => t === P(0, 'title')), P(0, 'title'), 'the title is one plain text node');
    for (const where of ['placeholder', 'value']) {
      assert.ok(PAYLOADS.some((p) => props.includes(`${p} ${where}`)), `the ${where} is set as a property, verbatim`);
    }
    assert.ok(props.includes(P(1, 'checkbox')), 'the checkbox label is a property');
  });
});

// ----------------------------------------------------------------------------------------- tree

describe('tree items show hostile names as plain text (src/tree/treeProvider.ts over a fake vscode)', () => {
  const tree = new PortfolioTreeProvider({ onDidChange: () => ({ dispose() {} }), list: () => [] } as never, { onDidChange: () => ({ dispose() {} }) } as never);
  // What VS Code shows on hover: the item, with the tooltip resolveTreeItem adds lazily.
  const item = (node: TreeNode) => tree.resolveTreeItem(tree.getTreeItem(node), node) as unknown as TreeItem;

  const nodes = (name: string): TreeNode[] => [
    { kind: 'connection', connection: { id: 'k', name, api: 'bitsight', baseUrl: 'https://api.bitsighttech.com' } },
    { kind: 'company', connectionId: 'k', company: { id: 'c', name, primaryDomain: `${name}.example`, detail: name }, actions: ['createContact', 'editContact', 'invite'] },
    { kind: 'contact', connectionId: 'k', contact: { id: 'p', companyId: 'c', name, formalName: `${name} (formal)`, email: `${name}@x.example`, phone: name, isPrimary: true }, actions: ['editContact'] },
    { kind: 'user', connectionId: 'k', user: { id: 'u', name, formalName: name, email: `${name}@x.example`, role: name, group: name, status: name }, actions: ['editUser'] },
    { kind: 'invitation', connectionId: 'k', invitation: { id: 'i', companyId: 'c', companyName: name, recipientName: name, recipientEmail: name, status: name, reason: name, createdAt: name } },
    { kind: 'message', parentId: 'conn/k/companies', connectionId: 'k', tone: 'error', text: name, detail: name },
  ];

  for (const payload of PAYLOADS) {
    it(`${payload}`, () => {
      for (const node of nodes(payload)) {
        const it = item(node);
        assert.equal(typeof it.label, 'string', `${node.kind}: the label is a plain string (no highlights, no markup)`);
        assert.ok((it.label as string).includes(payload), `${node.kind}: the label shows the name verbatim`);
        assert.ok(it.description === undefined || typeof it.description === 'string');
        assert.ok(!it.contextValue?.includes(payload), `${node.kind}: contextValue carries no API text`);
        assert.equal(it.command, undefined, `${node.kind}: no command comes from API text`);
        const tip = it.tooltip as MarkdownString;
        assert.equal(typeof tip, 'object', `${node.kind}: a MarkdownString tooltip`);
        assert.equal(tip.isTrusted, false, `${node.kind}: tooltip not trusted (no command: links)`);
        assert.equal(tip.supportHtml, false, `${node.kind}: tooltip renders no HTML`);
        assert.deepEqual(tip.ops.filter((o) => o.op === 'markdown' && !isInertMarkdown(o.value)), [], `${node.kind}: only the builder's own markdown; API text fully escaped`);
        assert.ok(tooltipLines(tip).some((l) => l.includes(payload)), `${node.kind}: the name reads as it is`);
      }
    });
  }

  it('an API error whose text is a markdown command link becomes a plain-text error item', () => {
    const error = new ApiError({ kind: 'http', status: 400, method: 'GET', path: '/x', message: PAYLOADS[2] });
    const text = error.describe('Loading companies');
    const it = item({ kind: 'message', parentId: 'p', connectionId: 'k', tone: 'error', text, detail: 'Click to try again.', command: { command: 'portfolioContacts.refreshNode', title: 'Retry' } });
    assert.equal(it.label, 'Loading companies failed: [link](command:workbench.action.reloadWindow) (HTTP 400).');
    const tip = it.tooltip as MarkdownString;
    assert.deepEqual(tooltipLines(tip), [it.label, 'Click to try again.']);
    assert.deepEqual(tip.ops.filter((o) => o.op === 'markdown' && !isInertMarkdown(o.value)), [], 'the command link is escaped text');
    assert.equal(it.command?.command, 'portfolioContacts.refreshNode', 'the only command is the extension\'s own retry');
  });
});
