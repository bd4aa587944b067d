// Fault matrix, reads: every sandbox fault × {list companies (first page and "Load more"), list
// contacts}, through the real BitsightProvider and the PortfolioModel the tree reads, and through
// the tree provider itself (with a recording fake of the `vscode` module). For each cell: the model
// never throws and keeps what it had, the error is an ApiError of the right kind whose text says
// what failed and what to do, GETs are retried exactly as documented (timeouts, resets, 502s and
// 429s; nothing else), and a redirect to another origin is refused without the other host seeing
// a request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError } from '../../src/core/errors';
import { Redactor, silentLogger } from '../../src/core/redact';
import type { Company } from '../../src/core/model';
import { ConnectionStore, type Connection } from '../../src/connections/store';
import type { FaultKind } from '../../src/sandbox/faults';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { PortfolioModel } from '../../src/tree/model';
import type { TreeNode } from '../../src/tree/nodes';
import { installFakeVscode, tooltipLines, type MarkdownString, type TreeItem } from './helpers/fakeVscode';
import { BitsightProvider } from '../../src/providers/bitsight/client';
import { json, scriptedServer } from './helpers/scriptedServer';
import { ALL_FAULTS, bitsightKit, describeText, faultSpec, NAMES_AN_ACTION, otherOrigin, received } from './helpers/faultKit';
import { tokenAuth } from './helpers/auth';

installFakeVscode();
// Loaded after the fake is installed (a static import would be hoisted above it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortfolioTreeProvider } = require('../../src/tree/treeProvider') as typeof import('../../src/tree/treeProvider');

const MATRIX_FAULTS = ALL_FAULTS.filter((k) => k !== 'echo-credentials' && k !== 'field-error'); // echo-credentials: see security-secrets; field-error: a write's refusal (test/contract)
const CONN = 'conn-1';
const PAGE = 5;
const THROTTLE_SECONDS = 7;
/** The `what` the tree passes to ApiError.describe() for each error item (src/tree/treeProvider.ts). */
const TREE_WHAT = { companies: 'Loading companies', more: 'Loading more companies', contacts: 'Loading contacts' } as const;

let sb: RunningSandbox;
let other: Awaited<ReturnType<typeof otherOrigin>>;
before(async () => {
  sb = await startSandbox({ companies: 12, seed: 11, retryAfterSeconds: THROTTLE_SECONDS });
  other = await otherOrigin();
});
after(async () => {
  await sb.close();
  await other.close();
});

interface Expected {
  kind: ApiError['kind'];
  status?: number;
  message: string | RegExp;
  /** GETs the fault hit (first try + retries). */
  attempts: number;
  /** Back-offs asked of sleep(), in ms. */
  sleeps: number[];
}

function expectedRead(fault: FaultKind, op: 'companies' | 'more' | 'contacts'): Expected {
  const path = op === 'contacts' ? '/ratings/v1/portfolio/contacts' : '/ratings/v2/portfolio';
  const query = op === 'companies' ? String.raw`\?limit=5&offset=0&sort=name` : op === 'more' ? String.raw`\?\S*offset=5\S*` : '';
  switch (fault) {
    case 'timeout':
      return { kind: 'timeout', message: 'no answer within 0 s', attempts: 3, sleeps: [500, 1000] };
    case 'reset':
      return {
        kind: 'network',
        message: new RegExp(String.raw`^ECONNRESET: request to http://127\.0\.0\.1:${sb.port}/bitsight${path.replace(/\//g, '\\/')}${query} failed, reason: socket hang up$`),
        attempts: 3,
        sleeps: [500, 1000],
      };
    case '500':
      return { kind: 'http', status: 500, message: 'A server error occurred.', attempts: 1, sleeps: [] };
    case '502-html':
      return { kind: 'http', status: 502, message: 'bad gateway; the server sent an HTML page instead of a JSON error', attempts: 3, sleeps: [500, 1000] };
    case '429':
      return { kind: 'rate-limited', status: 429, message: `Request was throttled. Expected available in ${THROTTLE_SECONDS} seconds.`, attempts: 3, sleeps: [THROTTLE_SECONDS * 1000, THROTTLE_SECONDS * 1000] };
    case '429-no-retry-after':
      // No header: the client waits Bitsight's documented minute.
      return { kind: 'rate-limited', status: 429, message: 'Request was throttled. Expected available in 60 seconds.', attempts: 3, sleeps: [60_000, 60_000] };
    case '401':
      return { kind: 'auth', status: 401, message: 'Invalid token.', attempts: 1, sleeps: [] };
    case '403-html':
      return { kind: 'http', status: 403, message: 'permission denied; the server sent an HTML page instead of a JSON error', attempts: 1, sleeps: [] };
    case 'malformed-json':
      return { kind: 'schema', message: 'the answer is not valid JSON', attempts: 1, sleeps: [] };
    case 'schema-violation':
      return {
        kind: 'schema',
        message:
          op === 'contacts'
            ? '(the whole answer): Invalid input: expected array, received object'
            : 'links.next: Invalid input: expected string, received number; links.previous: Invalid input: expected string, received boolean; count: Invalid input: expected number, received string; and 1 more',
        attempts: 1,
        sleeps: [],
      };
    case 'redirect':
      return {
        kind: 'refused',
        status: 307,
        message: `the server redirected to another host (${other.host}); the request was not repeated there, so your token stayed with 127.0.0.1:${sb.port}`,
        attempts: 1,
        sleeps: [],
      };
    case 'echo-credentials':
    case 'field-error':
      throw new Error('not in the read matrix');
  }
}

function checkError(e: unknown, want: Expected): asserts e is ApiError {
  assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
  assert.equal(e.kind, want.kind, e.message);
  assert.equal(e.status, want.status, e.message);
  if (typeof want.message === 'string') assert.equal(e.message, want.message);
  else assert.match(e.message, want.message);
}

function setup(fault: FaultKind) {
  const kit = bitsightKit(sb);
  const model = new PortfolioModel({ provider: async () => kit.provider }, () => PAGE);
  const state = new Map<string, unknown>();
  const connection: Connection = { id: CONN, name: 'Bitsight (faults)', api: 'bitsight', baseUrl: sb.apis.bitsight.baseUrl };
  state.set('portfolioContacts.connections', [connection]);
  const store = new ConnectionStore({ get: <T>(k: string) => state.get(k) as T, update: async (k, v) => void state.set(k, v) }, kit.logger);
  const tree = new PortfolioTreeProvider(store, model);
  return { kit, model, tree };
}

/** The tree's error item under a node: its label and tooltip lines, and its command. */
async function treeError(tree: InstanceType<typeof PortfolioTreeProvider>, parent: TreeNode) {
  const children = await tree.getChildren(parent);
  const messages = children.filter((n): n is Extract<TreeNode, { kind: 'message' }> => n.kind === 'message' && n.tone === 'error');
  assert.equal(messages.length, 1, `one error item, got ${JSON.stringify(children.map((c) => c.kind))}`);
  const item = tree.getTreeItem(messages[0]!) as unknown as TreeItem;
  assert.equal(typeof item.label, 'string');
  const tooltip = item.tooltip as MarkdownString;
  return { children, label: item.label as string, tooltipText: tooltipLines(tooltip), command: item.command?.command };
}

const companiesNode: TreeNode = { kind: 'list', connectionId: CONN, list: 'companies', actions: [] };
/** Every visible error text of the read matrix, for the "names an action" check at the end. */
const visible: Array<{ cell: string; text: string }> = [];

describe('fault matrix — list companies (first page)', () => {
  for (const fault of MATRIX_FAULTS) {
    it(`${fault}: the tree shows a specific error item and nothing else; a refresh recovers`, async () => {
      const { kit, model, tree } = setup(fault);
      const want = expectedRead(fault, 'companies');
      const since = sb.requests.length;
      sb.setFault(faultSpec(fault, { method: 'GET', path: '^/ratings/v2/portfolio$' }, other.url));
      if (fault === 'timeout') kit.setTimeoutMs(300);
      try {
        const state = await model.list(CONN, 'companies');
        assert.deepEqual(state.items, []);
        assert.equal(state.hasMore, false);
        checkError(state.error, want);
        assert.equal(received(sb, 'GET', '/ratings/v2/portfolio', since).length, want.attempts, 'GETs sent');
        assert.deepEqual(kit.sleeps, want.sleeps);
        const shown = await treeError(tree, companiesNode);
        assert.equal(shown.children.length, 1);
        assert.equal(shown.label, describeText(TREE_WHAT.companies, state.error));
        const auth = state.error.kind === 'auth';
        assert.deepEqual(shown.tooltipText, [shown.label, auth ? 'Click to enter a new token.' : 'Click to try again.']);
        assert.equal(shown.command, auth ? 'portfolioContacts.signIn' : 'portfolioContacts.refreshNode');
        visible.push({ cell: `${fault} × list companies`, text: shown.tooltipText.join(' ') });
      } finally {
        sb.clearFaults();
        kit.setTimeoutMs(10_000);
      }
      assert.equal(other.seen.length, 0, 'the other origin never received a request');
      await model.refresh({ connectionId: CONN, scope: 'companies' });
      const healed = await model.list(CONN, 'companies');
      assert.equal(healed.items.length, PAGE);
      assert.equal(healed.error, undefined);
    });
  }
});

describe('fault matrix — list companies ("Load more")', () => {
  for (const fault of MATRIX_FAULTS) {
    it(`${fault}: the loaded page stays, the error is state, Load more recovers`, async () => {
      const { kit, model, tree } = setup(fault);
      const want = expectedRead(fault, 'more');
      const first = await model.list(CONN, 'companies');
      const firstIds = first.items.map((c) => c.id);
      assert.equal(firstIds.length, PAGE);
      const since = sb.requests.length;
      sb.setFault(faultSpec(fault, { method: 'GET', path: 'offset=5' }, other.url));
      if (fault === 'timeout') kit.setTimeoutMs(300);
      try {
        await model.loadMore(CONN, 'companies'); // resolves: the model never throws
        const state = await model.list(CONN, 'companies');
        assert.deepEqual(state.items.map((c) => c.id), firstIds, 'the earlier page is kept');
        assert.equal(state.hasMore, true, 'the next link is kept for a retry');
        checkError(state.error, want);
        assert.equal(received(sb, 'GET', '/ratings/v2/portfolio', since).length, want.attempts, 'GETs sent');
        assert.deepEqual(kit.sleeps, want.sleeps);
        const shown = await treeError(tree, companiesNode);
        assert.deepEqual(
          shown.children.slice(0, PAGE).map((n) => (n.kind === 'company' ? n.company.id : n.kind)),
          firstIds,
          'the tree still lists the loaded companies above the error',
        );
        assert.equal(shown.children.length, PAGE + 1, 'no "Load more…" next to the error: the error item retries');
        assert.equal(shown.label, describeText(TREE_WHAT.more, state.error));
        visible.push({ cell: `${fault} × load more companies`, text: shown.tooltipText.join(' ') });
      } finally {
        sb.clearFaults();
        kit.setTimeoutMs(10_000);
      }
      assert.equal(other.seen.length, 0);
      await model.loadMore(CONN, 'companies');
      const healed = await model.list(CONN, 'companies');
      assert.equal(healed.items.length, 2 * PAGE);
      assert.deepEqual(healed.items.slice(0, PAGE).map((c: Company) => c.id), firstIds);
      assert.equal(healed.error, undefined);
    });
  }
});

describe('fault matrix — list contacts', () => {
  for (const fault of MATRIX_FAULTS) {
    it(`${fault}: the company's contacts become an error item; companies are untouched`, async () => {
      const { kit, model, tree } = setup(fault);
      const want = expectedRead(fault, 'contacts');
      const companies = await model.list(CONN, 'companies');
      const company = companies.items.find((c) => c.id === bitsightFacts(sb.data).companiesWithContact[0])!;
      assert.ok(company, 'the first company is on the first page');
      const since = sb.requests.length;
      sb.setFault(faultSpec(fault, { method: 'GET', path: '^/ratings/v1/portfolio/contacts$' }, other.url));
      if (fault === 'timeout') kit.setTimeoutMs(300);
      try {
        const result = await model.contacts(CONN, company.id);
        assert.equal(result.items, undefined);
        checkError(result.error, want);
        assert.equal(received(sb, 'GET', '/ratings/v1/portfolio/contacts', since).length, want.attempts, 'GETs sent');
        assert.deepEqual(kit.sleeps, want.sleeps);
        const companyNode: TreeNode = { kind: 'company', connectionId: CONN, company, actions: [] };
        const shown = await treeError(tree, companyNode);
        assert.equal(shown.children.length, 1);
        assert.equal(shown.label, describeText(TREE_WHAT.contacts, result.error));
        visible.push({ cell: `${fault} × list contacts`, text: shown.tooltipText.join(' ') });
        const still = await model.list(CONN, 'companies');
        assert.deepEqual(still.items.map((c) => c.id), companies.items.map((c) => c.id));
        assert.equal(still.error, undefined);
      } finally {
        sb.clearFaults();
        kit.setTimeoutMs(10_000);
      }
      assert.equal(other.seen.length, 0);
      await model.refresh({ connectionId: CONN, scope: 'contacts', companyId: company.id });
      const healed = await model.contacts(CONN, company.id);
      assert.equal(healed.error, undefined);
      assert.equal(healed.items?.length, 1);
    });
  }
});

describe('fault matrix — reads: what the person is told', () => {
  it('every read error item names what to do (its tooltip adds "Click to try again." or "Click to enter a new token.")', () => {
    assert.equal(visible.length, MATRIX_FAULTS.length * 3, 'every cell above ran');
    const silent = visible.filter((v) => !NAMES_AN_ACTION.test(v.text) && !/Click to (try again|enter a new token)/.test(v.text));
    assert.deepEqual(silent, []);
  });

  it('error items read as a sentence (never "Could not load companies failed: …")', () => {
    // treeProvider.errorNode passes "Could not load companies" as the `what` of ApiError.describe,
    // whose templates say "<what> failed: …", so every read error reads "Could not … failed".
    const doubled = visible.filter((v) => /^Could not load [a-z]+ (failed|was not sent)/.test(v.text));
    assert.deepEqual(doubled.map((v) => v.cell), [], `e.g. ${doubled[0]?.text}`);
  });
});

// Answers no sandbox fault produces, from a scripted loopback server: a page far larger than asked
// for, an answer past the byte cap, and bodies cut off or stalled after the status (issue 7 items
// 7 and 8). Each goes through the real BitsightProvider and the model the tree reads.
describe('fault matrix — bad answers', () => {
  // Each item is both a company and a user, so one answer serves both lists.
  const companies = (n: number) => Array.from({ length: n }, (_, i) => ({ guid: `g-${i}`, name: `Company ${i}`, email: `u${i}@x.example` }));
  async function scripted(handler: Parameters<typeof scriptedServer>[0], opts: { maxResponseBytes?: number; timeoutMs?: number } = {}) {
    const srv = await scriptedServer(handler);
    const provider = new BitsightProvider({ baseUrl: srv.url, ...tokenAuth('tok-bad-answers'), logger: silentLogger, redactor: new Redactor(), timeoutMs: opts.timeoutMs ?? 5000, maxResponseBytes: opts.maxResponseBytes });
    const sleeps: number[] = [];
    (provider.http as unknown as { sleep: (ms: number) => Promise<void> }).sleep = async (ms) => void sleeps.push(ms);
    const model = new PortfolioModel({ provider: async () => provider }, () => PAGE);
    return { srv, provider, sleeps, model };
  }

  it(`a page with far more items than asked for (> 2 × ${PAGE} + 10) is refused, saying so; ${2 * PAGE + 10} is still taken`, async () => {
    let size = 2 * PAGE + 11;
    const { srv, provider, model } = await scripted((_req, res) => json(res, 200, { count: 100_000, links: { next: null }, results: companies(size) }));
    try {
      const listed = await model.list(CONN, 'companies');
      assert.ok(listed.error instanceof ApiError, 'the model reports an error');
      checkError(listed.error, { kind: 'schema', message: `a page held ${size} items although ${PAGE} were asked for, so it was not used`, attempts: 1, sleeps: [] });
      assert.deepEqual(listed.items, []);
      await assert.rejects(provider.listUsers(undefined, PAGE), (e: unknown) => e instanceof ApiError && e.message === `a page held ${size} items although ${PAGE} were asked for, so it was not used`);
      size = 2 * PAGE + 10;
      assert.equal((await provider.listCompanies(undefined, PAGE)).items.length, size);
    } finally {
      await srv.close();
    }
  });

  it('an answer larger than the byte cap is refused, not read, and not fetched again', async () => {
    const { srv, model, sleeps } = await scripted((_req, res) => json(res, 200, { links: { next: null }, results: companies(40_000) }), { maxResponseBytes: 1024 * 1024 });
    try {
      const listed = await model.list(CONN, 'companies');
      checkError(listed.error, {
        kind: 'refused',
        status: 200,
        message: 'the answer was larger than 1 MB, so it was not read (the limit is the setting "portfolioContacts.maxResponseMegabytes")',
        attempts: 1,
        sleeps: [],
      });
      assert.equal(srv.seen.length, 1);
      assert.deepEqual(sleeps, []);
    } finally {
      await srv.close();
    }
  });

  for (const how of ['reset', 'stall'] as const) {
    it(`a body ${how === 'reset' ? 'cut off by a reset' : 'stalled past the timeout'} is a ${how === 'reset' ? 'network failure' : 'timeout'}, and the GET is retried`, async () => {
      const { srv, model, sleeps } = await scripted(
        (_req, res, n) => {
          if (n > 2) return json(res, 200, { links: { next: null }, results: companies(3) });
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"links": {"next": null}, "results": [');
          if (how === 'reset') setImmediate(() => res.socket?.destroy());
        },
        { timeoutMs: 300 },
      );
      try {
        const listed = await model.list(CONN, 'companies');
        assert.equal(listed.error, undefined, String(listed.error));
        assert.equal(listed.items.length, 3);
        assert.equal(srv.seen.length, 3, 'two broken answers, then one whole one');
        assert.deepEqual(sleeps, [500, 1000]);
      } finally {
        await srv.close();
      }
    });
  }
});
