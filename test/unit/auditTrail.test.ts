// The audit trail: what the HTTP layer tells of each write, and the bounded JSON Lines file.
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditHtml, auditMessageSchema, filterEntries } from '../../src/audit/html';
import { AUDIT_FILE, AuditTrail, PREVIOUS_AUDIT_FILE } from '../../src/audit/trail';
import type { ConnectionWrite } from '../../src/connections/runtime';
import { HttpClient, type WriteRecord } from '../../src/core/http';
import { Redactor } from '../../src/core/redact';
import * as z from '../../src/core/zod';
import { json, scriptedServer } from './helpers/scriptedServer';

const SECRET = 'sk-live-0123456789abcdef';

function clientFor(baseUrl: string, writes: WriteRecord[], redactor = new Redactor()) {
  return new HttpClient({
    baseUrl,
    authorize: async () => ({ Authorization: `Bearer ${SECRET}` }),
    concurrency: 2,
    timeoutMs: 2000,
    redact: (t) => redactor.scrub(t),
    onWrite: (w) => writes.push(w),
    sleep: async () => undefined,
  });
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'audit-'));
}

const write = (over: Partial<ConnectionWrite> = {}): ConnectionWrite => ({
  method: 'POST',
  path: '/api/companies/c1/contacts',
  status: 201,
  outcome: 'done',
  durationMs: 12,
  connectionId: 'conn-1',
  connectionName: 'Sandbox',
  api: 'kare',
  ...over,
});

describe('audit trail: the HTTP layer reports every write', () => {
  it('records a write with method, path, status, request id and company, and never a GET', async () => {
    const srv = await scriptedServer((req, res) => {
      res.setHeader('x-request-id', 'req-42');
      json(res, req.method === 'GET' ? 200 : 201, { ok: true });
    });
    try {
      const writes: WriteRecord[] = [];
      const http = clientFor(srv.url + '/api', writes);
      await http.request({ method: 'GET', path: '/companies', schema: z.unknown() });
      await http.request({ method: 'POST', path: '/companies/c1/contacts', body: { email: 'a@b.c' }, schema: z.unknown(), subject: { companyId: 'c1', companyName: 'Acme' } });
      assert.equal(writes.length, 1);
      const [w] = writes;
      assert.equal(w!.method, 'POST');
      assert.equal(w!.path, '/api/companies/c1/contacts');
      assert.equal(w!.status, 201);
      assert.equal(w!.outcome, 'done');
      assert.equal(w!.requestId, 'req-42');
      assert.equal(w!.companyId, 'c1');
      assert.equal(w!.companyName, 'Acme');
      assert.ok(!JSON.stringify(w).includes('a@b.c'), 'no body in the record');
      assert.ok(!JSON.stringify(w).includes(SECRET), 'no header value in the record');
    } finally {
      await srv.close();
    }
  });

  it('records a refused write with its status, and a write cut off by the network as unknown', async () => {
    let n = 0;
    const srv = await scriptedServer((_req, res) => {
      if (n++ === 0) return json(res, 422, { message: 'bad e-mail' });
      res.socket?.destroy();
    });
    try {
      const writes: WriteRecord[] = [];
      const http = clientFor(srv.url, writes);
      await assert.rejects(http.request({ method: 'PATCH', path: '/contacts/1', body: {}, schema: z.unknown() }));
      await assert.rejects(http.request({ method: 'POST', path: '/contacts', body: {}, schema: z.unknown() }));
      assert.deepEqual(writes.map((w) => [w.method, w.status, w.outcome]), [['PATCH', 422, 'failed'], ['POST', undefined, 'unknown']]);
    } finally {
      await srv.close();
    }
  });

  it('scrubs a secret carried in the path or the query', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 200, {}));
    try {
      const redactor = new Redactor();
      redactor.add(SECRET);
      const writes: WriteRecord[] = [];
      const http = clientFor(srv.url, writes, redactor);
      await http.request({ method: 'DELETE', path: `/tokens/${SECRET}`, query: { api_key: SECRET }, schema: z.unknown() });
      assert.equal(writes.length, 1);
      assert.ok(!writes[0]!.path.includes(SECRET), writes[0]!.path);
      assert.match(writes[0]!.path, /^\/tokens\/\[redacted\]\?api_key=\[redacted\]$/);
    } finally {
      await srv.close();
    }
  });
});

describe('audit trail: the file', () => {
  it('appends entries with the connection and time, and reads them back newest first', async () => {
    const dir = await tempDir();
    try {
      let t = Date.parse('2026-12-01T10:00:00Z');
      const trail = new AuditTrail({ dir, redact: (s) => s, now: () => new Date((t += 1000)) });
      await trail.record(write({ path: '/first' }));
      await trail.record(write({ path: '/second', status: 409, outcome: 'failed', companyId: 'c9', companyName: 'Beta', requestId: 'r1' }));
      const entries = await trail.read();
      assert.deepEqual(entries.map((e) => e.path), ['/second', '/first']);
      assert.deepEqual(entries[0], { time: '2026-12-01T10:00:02.000Z', connectionId: 'conn-1', connectionName: 'Sandbox', api: 'kare', method: 'POST', path: '/second', status: 409, outcome: 'failed', requestId: 'r1', durationMs: 12, companyId: 'c9', companyName: 'Beta' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('redacts with the connection redactor as a second guard', async () => {
    const dir = await tempDir();
    try {
      const redactor = new Redactor();
      redactor.add(SECRET);
      const trail = new AuditTrail({ dir, redact: (s) => redactor.scrub(s) });
      await trail.record(write({ path: `/x?token=${SECRET}`, requestId: SECRET }));
      const text = await readFile(join(dir, AUDIT_FILE), 'utf8');
      assert.ok(!text.includes(SECRET), text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds its size cap: the full file becomes the previous one, older entries are dropped', async () => {
    const dir = await tempDir();
    try {
      const cap = 2000;
      const trail = new AuditTrail({ dir, redact: (s) => s, capBytes: cap });
      for (let i = 0; i < 200; i++) await trail.record(write({ path: `/contacts/${i}` }));
      const current = (await stat(join(dir, AUDIT_FILE))).size;
      const previous = (await stat(join(dir, PREVIOUS_AUDIT_FILE))).size;
      assert.ok(current <= cap && previous <= cap, `${current} / ${previous} bytes over ${cap}`);
      const entries = await trail.read();
      assert.equal(entries[0]!.path, '/contacts/199', 'the newest is kept');
      assert.ok(entries.length < 200 && !entries.some((e) => e.path === '/contacts/0'), 'the oldest were dropped');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips a corrupted or foreign line when read, keeping the rest', async () => {
    const dir = await tempDir();
    try {
      const trail = new AuditTrail({ dir, redact: (s) => s });
      await trail.record(write({ path: '/before' }));
      await appendFile(join(dir, AUDIT_FILE), '{"time": "2026-12-01T10:00:00Z", "path": "/cut\n{"method":"POST","api":"other"}\nnot json\n');
      await trail.record(write({ path: '/after' }));
      assert.deepEqual((await trail.read()).map((e) => e.path), ['/after', '/before']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('audit trail: the page', () => {
  const entry = { time: '2026-12-01T10:00:00.000Z', connectionId: 'c"1', connectionName: '<img src=x onerror=alert(1)>', api: 'kare' as const, method: 'POST' as const, path: '/x/<script>alert(1)</script>', status: 201, outcome: 'done' as const };

  it('escapes every text it shows and allows no script but its own (nonce), no remote resource', () => {
    const html = auditHtml([entry], { title: 'Audit Trail' });
    assert.ok(!html.includes('<script>alert(1)'), 'the path is escaped');
    assert.ok(!html.includes('<img src=x'), 'the connection name is escaped');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(csp, /unsafe|https?:/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    assert.equal(html.split('<script').length - 1, (html.match(new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`, 'g')) ?? []).length, 'every script carries the nonce');
  });

  it('accepts only the messages it knows from the page', () => {
    assert.ok(auditMessageSchema.safeParse({ type: 'export', format: 'csv' }).success);
    assert.ok(auditMessageSchema.safeParse({ type: 'refresh' }).success);
    assert.ok(auditMessageSchema.safeParse({ type: 'export', format: 'json', filter: { connection: '', api: 'kare', outcome: '', text: 'x' } }).success);
    assert.ok(!auditMessageSchema.safeParse({ type: 'export', format: 'json', filter: { api: 1 } }).success);
    for (const bad of [{ type: 'export', format: 'xlsx' }, { type: 'delete' }, 'export', null]) assert.ok(!auditMessageSchema.safeParse(bad).success, JSON.stringify(bad));
  });
});

describe('audit trail: filtering what is exported', () => {
  const base = { time: '2026-12-01T10:00:00.000Z', connectionName: 'A', method: 'POST' as const, durationMs: 1 };
  const entries = [
    { ...base, connectionId: 'a', api: 'kare' as const, path: '/companies/1/contacts', status: 201, outcome: 'done' as const, companyName: 'Dupont' },
    { ...base, connectionId: 'b', api: 'bitsight' as const, path: '/ratings/v1/access-requests', status: 422, outcome: 'failed' as const },
    { ...base, connectionId: 'a', api: 'kare' as const, path: '/companies/2/contacts', outcome: 'unknown' as const },
  ];
  const none = { connection: '', api: '', outcome: '', text: '' };

  it('keeps what the page lists: by connection, API, result and text (any shown cell, any case)', () => {
    assert.equal(filterEntries(entries, none).length, 3);
    assert.deepEqual(filterEntries(entries, { ...none, connection: 'a' }).map((e) => e.path), ['/companies/1/contacts', '/companies/2/contacts']);
    assert.deepEqual(filterEntries(entries, { ...none, api: 'bitsight' }).map((e) => e.status), [422]);
    assert.deepEqual(filterEntries(entries, { ...none, outcome: 'unknown' }).map((e) => e.path), ['/companies/2/contacts']);
    assert.deepEqual(filterEntries(entries, { ...none, text: 'DUPONT' }).map((e) => e.path), ['/companies/1/contacts']);
    assert.deepEqual(filterEntries(entries, { ...none, text: 'failed 422' }).map((e) => e.api), ['bitsight']);
  });
});

describe('audit trail: a write cancelled before it was sent', () => {
  it('is recorded as cancelled, with no status', async () => {
    const srv = await scriptedServer((_req, res) => json(res, 201, {}));
    try {
      const writes: WriteRecord[] = [];
      const http = clientFor(srv.url, writes);
      const abort = new AbortController();
      abort.abort();
      await assert.rejects(http.request({ method: 'POST', path: '/contacts', body: {}, schema: z.unknown(), signal: abort.signal }));
      assert.deepEqual(writes.map((w) => [w.outcome, w.status]), [['cancelled', undefined]]);
      assert.equal(srv.seen.length, 0, 'nothing reached the server');
    } finally {
      await srv.close();
    }
  });
});
