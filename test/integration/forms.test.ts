// Runs inside a real extension host in ExtensionMode.Test. The webview itself cannot be clicked from
// here (the e2e suite does that in test/e2e/forms.test.ts); this suite proves the host side:
//  - every form command, given the tree node a right-click would pass, opens a webview tab with the
//    form's title, opening the same form again reveals that tab instead of a second one, and opening
//    a form writes nothing;
//  - the providers' form handlers (what the panel calls on Submit) send exactly the documented
//    requests, seen in the sandbox's own write log, and place the API's error on the right field.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FormEffects, FormHandler } from '../../src/core/forms';
import type { ApiError } from '../../src/core/errors';
import type { Provider } from '../../src/core/provider';
import type { PortfolioContactsApi } from '../../src/extension';
import type { RunningSandbox, WriteRecord } from '../../src/sandbox/server';
import type { TreeNode } from '../../src/tree/nodes';
import { sleep, eventually } from './wait';

const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
const SANDBOX_LABEL = 'Sandbox (Bitsight)';
const BAD_OBSERVATION = 'not-a-real-observation=';
const OBSERVATIONS_MISMATCH = 'The observations ids did not match the entity';

interface Node {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

let api: PortfolioContactsApi;
let testing: NonNullable<PortfolioContactsApi['testing']>;

async function children(parent?: TreeNode): Promise<Node[]> {
  const nodes = (await api.tree.getChildren(parent)) ?? [];
  const out: Node[] = [];
  for (const node of nodes) {
    const item = await api.tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    out.push({ node, item, label, description: typeof item.description === 'string' ? item.description : '' });
  }
  return out;
}

async function childrenUntil(what: string, parent: TreeNode | undefined, ok: (ns: Node[]) => boolean): Promise<Node[]> {
  return eventually(what, () => children(parent), ok);
}

function byLabel(ns: Node[], label: string): Node {
  const n = ns.find((x) => x.label === label);
  assert.ok(n, `no tree item "${label}" among: ${ns.map((x) => x.label).join(' | ')}`);
  return n;
}

function kindOf<K extends TreeNode['kind']>(n: Node, kind: K): Extract<TreeNode, { kind: K }> {
  assert.equal(n.node.kind, kind, `"${n.label}" is a ${n.node.kind}, not a ${kind}`);
  return n.node as Extract<TreeNode, { kind: K }>;
}

/** Every open tab whose input is a webview and whose label is `title`. */
function webviewTabs(title: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === title);
}

function openTitles(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label}${t.input instanceof vscode.TabInputWebview ? ' [webview]' : ''}`);
}

/** Polls (≤ 5 s) for the webview tab of a form: right after the command the tab does not exist yet. */
async function webviewTab(title: string): Promise<vscode.Tab> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const tabs = webviewTabs(title);
    if (tabs.length) {
      assert.equal(tabs.length, 1, `"${title}" is open in ${tabs.length} tabs`);
      return tabs[0]!;
    }
    if (Date.now() > deadline) assert.fail(`no webview tab "${title}" within 5 s; open tabs: ${openTitles().join(' | ') || '(none)'}`);
    await sleep(100);
  }
}

async function closeWebviewTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

/** The test bundle has its own copy of ApiError, so `instanceof` would lie: check the shape. */
function isApiError(e: unknown): e is ApiError {
  return e instanceof Error && e.name === 'ApiError' && 'kind' in e && 'fieldErrors' in e;
}

/** The invitation inside a recorded POST body ({"vendor_access_request": {…}}, seed 001). */
function invitationIn(w: WriteRecord): Record<string, unknown> {
  const inner = (w.body as { vendor_access_request?: Record<string, unknown> } | null)?.vendor_access_request;
  assert.ok(inner, `the POST body is not wrapped in vendor_access_request: ${JSON.stringify(w.body)}`);
  return inner;
}

const NO_EFFECTS: FormEffects = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };
const ctx = () => ({ signal: new AbortController().signal, post: () => undefined, requestId: 'test-request' });

suite('Forms (extension host)', () => {
  let connectionId: string;
  let running: RunningSandbox;
  let provider: Provider;
  let companies: Node[];
  let companiesList: Node;
  let usersList: Node;
  let invitationsList: Node;

  /** The sandbox's write log entries after `from`. */
  const writesSince = (from: number): WriteRecord[] => running.writes.slice(from);

  suiteSetup(async function () {
    this.timeout(90_000);
    const ext = vscode.extensions.getExtension<PortfolioContactsApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
    api = await ext.activate();
    assert.ok(api.testing, 'api.testing is undefined: the extension host is not in ExtensionMode.Test');
    testing = api.testing;
    await vscode.commands.executeCommand('portfolioContacts.trySandbox');
    const list = await eventually('the sandbox connection', () => api.connections.list(), (l) => l.some((c) => c.name === SANDBOX_LABEL));
    connectionId = list.find((c) => c.name === SANDBOX_LABEL)!.id;
    const r = testing.services.sandbox.running;
    assert.ok(r, 'the sandbox is not running');
    running = r;
    const p = await testing.services.model.providerFor(connectionId);
    assert.ok('forms' in p, `no live provider for the sandbox connection: ${JSON.stringify(p)}`);
    provider = p;

    const roots = await childrenUntil('the sandbox root', undefined, (ns) => ns.some((n) => n.label === SANDBOX_LABEL));
    const lists = await childrenUntil('the three lists', byLabel(roots, SANDBOX_LABEL).node, (ns) =>
      ['Companies', 'Users', 'Sent Invitations'].every((l) => ns.some((n) => n.label === l)),
    );
    companiesList = byLabel(lists, 'Companies');
    usersList = byLabel(lists, 'Users');
    invitationsList = byLabel(lists, 'Sent Invitations');
    const cs = await childrenUntil('companies', companiesList.node, (ns) => ns.filter((n) => n.node.kind === 'company').length >= 5);
    companies = cs.filter((n) => n.node.kind === 'company');
    await closeWebviewTabs();
  });

  teardown(async () => {
    await closeWebviewTabs();
  });

  test('Invite to Collaborate… opens the invitation form of that company; again reveals the same tab; nothing is written', async () => {
    const before = running.writes.length;
    const first = companies[0]!;
    const title = `Invite to Collaborate — ${first.label}`;
    await vscode.commands.executeCommand('portfolioContacts.invite', first.node, [first.node]);
    const tab = await webviewTab(title);
    assert.match((tab.input as vscode.TabInputWebview).viewType, /portfolioContacts\.form$/);
    assert.equal(tab.isActive, true, 'the new form tab is not the active one');
    await vscode.commands.executeCommand('portfolioContacts.invite', first.node, [first.node]);
    await sleep(500);
    assert.equal(webviewTabs(title).length, 1, 'opening the same form twice opened a second tab');
    assert.deepEqual(writesSince(before), [], 'opening a form wrote to the API');
  });

  test('Create Contact… on the company without one opens the assign form', async () => {
    const c4 = companies[3]!;
    await vscode.commands.executeCommand('portfolioContacts.createContact', c4.node);
    await webviewTab(`Assign Point of Contact — ${c4.label}`);
  });

  test('Edit Contact… on a contact opens the edit form of its company', async () => {
    const c1 = companies[0]!;
    const contacts = await childrenUntil(`the point of contact of ${c1.label}`, c1.node, (ns) => ns.some((n) => n.node.kind === 'contact'));
    const poc = contacts.find((n) => n.node.kind === 'contact')!;
    assert.match(poc.description, /point of contact/);
    await vscode.commands.executeCommand('portfolioContacts.editContact', poc.node);
    await webviewTab(`Edit Point of Contact — ${c1.label}`);
  });

  test('Edit User… on a user opens the user form', async () => {
    const users = await childrenUntil('users', usersList.node, (ns) => ns.some((n) => n.label === 'Liam Chen'));
    await vscode.commands.executeCommand('portfolioContacts.editUser', byLabel(users, 'Liam Chen').node);
    await webviewTab('Edit User — Liam Chen');
  });

  /** The bulk form's title: the companies that will be invited (those with a point of contact), and the folder. */
  function bulkTitle(companyIds: string[], folder?: string): string {
    const n = companyIds.filter((id) => running.data.contacts.some((p) => p.company_guid === id)).length;
    return `Invite ${n} ${n === 1 ? 'Company' : 'Companies'}${folder ? ` in “${folder}”` : ''} to Collaborate`;
  }

  test('Invite to Collaborate… with three companies selected opens the bulk form', async () => {
    const before = running.writes.length;
    const picked = [companies[0]!, companies[1]!, companies[3]!];
    await vscode.commands.executeCommand('portfolioContacts.invite', picked[0]!.node, picked.map((n) => n.node));
    await webviewTab(bulkTitle(picked.map((n) => kindOf(n, 'company').company.id)));
    assert.deepEqual(webviewTabs(`Invite to Collaborate — ${picked[0]!.label}`), [], 'the single-company form opened instead of the bulk one');
    assert.deepEqual(writesSince(before), []);
  });

  test('Invite All Companies to Collaborate… opens the bulk form for the whole portfolio', async function () {
    this.timeout(60_000);
    const size = vscode.workspace.getConfiguration('portfolioContacts').get<number>('sandbox.companies');
    assert.equal(running.data.companies.length, size, 'the sandbox size differs from the setting');
    await vscode.commands.executeCommand('portfolioContacts.inviteAll', companiesList.node);
    await webviewTab(bulkTitle(running.data.companies.map((c) => c.guid)));
  });

  test('Folders: a folder lists its companies, and Invite All Companies in This Folder… opens the bulk form for them', async function () {
    this.timeout(60_000);
    const before = running.writes.length;
    const roots = await children();
    const lists = await childrenUntil('the lists', byLabel(roots, SANDBOX_LABEL).node, (ns) => ns.some((n) => n.label === 'Folders'));
    assert.deepEqual(lists.map((n) => n.label).slice(0, 2), ['Companies', 'Folders'], 'Folders does not follow Companies');
    const folders = await childrenUntil('folders', byLabel(lists, 'Folders').node, (ns) => ns.some((n) => n.node.kind === 'folder'));
    const seeded = running.data.folders.find((f) => f.name === 'Critical Vendors')!;
    const size = seeded.companies.length;
    const folder = byLabel(folders, 'Critical Vendors');
    assert.equal(folder.description, `${size} companies`);
    assert.match(folder.item.contextValue ?? '', /^folder\b.*:invite\b/);
    const members = await childrenUntil('the folder\'s companies', folder.node, (ns) => ns.some((n) => n.node.kind === 'company'));
    const shown = members.filter((n) => n.node.kind === 'company');
    const names = new Set(running.data.companies.filter((c) => seeded.companies.includes(c.guid)).map((c) => c.name));
    assert.ok(shown.every((n) => names.has(n.label)), `a company outside the folder is listed: ${shown.map((n) => n.label).join(' | ')}`);
    assert.equal(shown.length, Math.min(size, vscode.workspace.getConfiguration('portfolioContacts').get<number>('pageSize') ?? 50));
    assert.notEqual(shown[0]!.item.id, companies.find((c) => c.label === shown[0]!.label)?.item.id, 'a folder company reuses the Companies node id');
    await vscode.commands.executeCommand('portfolioContacts.inviteFolder', folder.node);
    await webviewTab(bulkTitle(seeded.companies, 'Critical Vendors'));
    assert.deepEqual(writesSince(before), [], 'opening the bulk form wrote to the API');
  });

  test('invite handler: the API rejects an unknown observation id on that field, then the invitation is sent', async () => {
    const c2 = kindOf(companies[1]!, 'company');
    assert.ok(provider.forms.invite);
    let invitationsChanged = 0;
    const handler: FormHandler = await provider.forms.invite(c2.company, { ...NO_EFFECTS, invitationsChanged: () => void invitationsChanged++ });
    const spec = handler.spec();
    assert.equal(spec.kind, 'invite');
    const pocEmail = spec.values.requestee_email;
    assert.equal(typeof pocEmail, 'string');
    assert.ok(pocEmail, 'the invite form is not prefilled with the point of contact');
    const values = { ...spec.values, message: 'Hello from the integration test', rolledup_observation_ids: [BAD_OBSERVATION] };

    const from = running.writes.length;
    const error = await handler.submit(values, ctx()).then(
      () => assert.fail('an unknown observation id was accepted'),
      (e: unknown) => e,
    );
    assert.ok(isApiError(error), `not an ApiError: ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.message, OBSERVATIONS_MISMATCH);
    // Plain words on the field, naming the company; the API's own text kept as details.
    const placed = handler.placeError?.(error);
    assert.equal(placed?.details, OBSERVATIONS_MISMATCH);
    assert.match(placed?.fieldErrors.rolledup_observation_ids ?? '', /not Alder Engineering’s observations/);
    assert.match(placed?.message ?? '', /^Bitsight refused the invitation\. Shared findings/);
    const rejected = writesSince(from);
    assert.equal(rejected.length, 1, `expected one write, got ${JSON.stringify(rejected)}`);
    assert.equal(rejected[0]!.method, 'POST');
    assert.equal(rejected[0]!.path, '/ratings/v1/access-requests');
    assert.equal(rejected[0]!.status, 400);
    assert.deepEqual(invitationIn(rejected[0]!).rolledup_observation_ids, [BAD_OBSERVATION]);
    assert.equal(invitationsChanged, 0, 'a rejected invitation refreshed the outbox');

    const ok = await handler.submit({ ...values, rolledup_observation_ids: [] }, ctx());
    assert.equal(ok.message, `Invitation sent to ${pocEmail} at ${c2.company.name}.`);
    assert.equal(ok.clearDraft, true);
    const sent = writesSince(from + 1);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.status, 201);
    const body = invitationIn(sent[0]!);
    assert.equal(body.requestee_company_guid, c2.company.id);
    assert.equal(body.message, 'Hello from the integration test');
    assert.equal('rolledup_observation_ids' in body, false, 'an empty observation list was sent');
    assert.equal(invitationsChanged, 1);

    // The tree's outbox shows it once refreshed (what the real effects do).
    await testing.services.model.refresh({ connectionId, scope: 'invitations' });
    await childrenUntil(`an invitation to ${c2.company.name} in Sent Invitations`, invitationsList.node, (ns) => ns.some((n) => n.label === c2.company.name));
  });

  test('edit-user handler: an unchanged form writes nothing; a new role sends only roles', async () => {
    const users = await childrenUntil('users', usersList.node, (ns) => ns.some((n) => n.label === 'Ava Kowalski'));
    const ava = kindOf(byLabel(users, 'Ava Kowalski'), 'user');
    assert.ok(provider.forms.editUser);
    const handler = await provider.forms.editUser(ava.user, NO_EFFECTS);
    const spec = handler.spec();
    assert.equal(spec.title, 'Edit User — Ava Kowalski');
    assert.equal(spec.values.role, 'customer_user');
    const from = running.writes.length;
    const same = await handler.submit(spec.values, ctx());
    assert.equal(same.message, 'Nothing to save: no field was changed.');
    assert.deepEqual(writesSince(from), []);

    const saved = await handler.submit({ ...spec.values, role: 'vrm_view_only' }, ctx());
    assert.equal(saved.message, 'Saved 1 change to Ava Kowalski.');
    const w = writesSince(from);
    assert.equal(w.length, 1);
    assert.equal(w[0]!.method, 'PATCH');
    assert.equal(w[0]!.path, `/ratings/v2/users/${ava.user.id}`);
    assert.equal(w[0]!.status, 200);
    assert.deepEqual(w[0]!.body, { roles: [{ slug: 'vrm_view_only' }] });
    assert.equal(running.data.users.find((u) => u.guid === ava.user.id)?.roles[0]?.slug, 'vrm_view_only');
  });
});
