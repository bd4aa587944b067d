// Fuzz: 10,000 random and malformed webview messages into a FormController wired to the real
// Bitsight invite handler on a real BitsightProvider pointed at the sandbox, with a counter on
// submissions. Every message is built with its expected outcome (by construction, not by asking the
// protocol schema), and after each one the test checks: nothing was thrown, what was posted back,
// and that an API request was made exactly when the message was a valid submit with valid values
// under a request id not seen before. At the end, Object/Array/Function prototypes are untouched.
// Reproduce a failure with FUZZ_SEED=<seed printed in the failure>.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FormHandler } from '../../src/core/forms';
import type { FormValues } from '../../src/protocol/forms';
import type { HostMessage } from '../../src/protocol/messages';
import { TEL_MAX_LENGTH } from '../../src/protocol/validate';
import { bitsightFacts } from '../../src/sandbox/bitsight/facts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { bitsightKit, countingEffects, formHarness, type ProviderKit } from './helpers/faultKit';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_c0de) >>> 0;
const COUNT = 10_000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

type Expect =
  /** Does not parse: nothing posted, nothing sent. */
  | { kind: 'ignored' }
  /** `ready`: the form is posted again. */
  | { kind: 'ready' }
  /** `cancel` with nothing running, or `retryFailed` on a form without it: nothing happens. */
  | { kind: 'noop' }
  /** A submit whose values break a form rule: ok:false, nothing sent. */
  | { kind: 'invalid'; requestId: string }
  /** A valid submit under a new id: exactly one POST. */
  | { kind: 'send'; requestId: string };

interface Case {
  family: string;
  msg: unknown;
  expect: Expect;
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
const BAD_IDS: unknown[] = ['', ' ', 'a b', 'x'.repeat(65), '../etc/passwd', '<script>', 'id\n', 'ünïcödé', 'a.b', 'a/b', 123, 0, null, true, {}, [], ['id'], 'x'.repeat(1_000_000)];
const TEXT = ['', 'hello', '<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', '[link](command:workbench.action.reloadWindow)', 'javascript:alert(1)', '😀 emoji', '\u0000nul', 'line\nbreak', 'ﷺ RTL ‮override', '${constructor}', '{{7*7}}'];
const REASONS = ['informational', 'remediation', 'validation', 'vulnerability', 'other'];
const VECTORS = [[], ['botnet'], ['botnet_infections', 'open_ports'], ['patching_cadence']];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

function randomId(r: Rng): string {
  return Array.from({ length: r.int(1, 64) }, () => r.pick([...ID_CHARS])).join('');
}

function randomText(r: Rng, max: number): string {
  if (r.chance(0.5)) return r.pick(TEXT);
  return Array.from({ length: r.int(0, max) }, () => String.fromCodePoint(r.chance(0.9) ? r.int(0x20, 0x7e) : r.int(0xa0, 0x2fff))).join('');
}

/** Random JSON-ish values, with `type` (if any) never a valid message type. */
function junk(r: Rng, depth = 0): unknown {
  const roll = r.int(0, depth > 3 ? 4 : 7);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, -0]);
    case 2:
      return r.pick([true, false]);
    case 3:
      return randomText(r, 40);
    case 4:
      return r.pick(['submit', 'ready', 'cancel', 'retryFailed', 'init', 'result']);
    case 5:
      return Array.from({ length: r.int(0, 4) }, () => junk(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 4); i > 0; i--) o[r.pick(['a', 'values', 'requestId', 'spec', ...POLLUTION_KEYS.slice(1), randomText(r, 8)])] = junk(r, depth + 1);
      if (r.chance(0.5)) o.type = r.pick([1, null, {}, [], 'Submit', 'READY', 'submit ', ' cancel', 'ready\u0000', '__proto__', 'toString', randomText(r, 10) + 'x!']);
      return o;
    }
  }
}

function deep(n: number, wrap: (x: unknown) => unknown): unknown {
  let x: unknown = 'bottom';
  for (let i = 0; i < n; i++) x = wrap(x);
  return x;
}

let template: FormValues;

/** Values every form rule accepts (the recipient defaults to the point of contact). */
function validValues(r: Rng): FormValues {
  const v: FormValues = { ...template };
  if (r.chance(0.7)) v.message = randomText(r, 300);
  if (r.chance(0.5)) v.notes = randomText(r, 100);
  v.reason = r.pick(REASONS);
  v.risk_vectors = r.pick(VECTORS);
  v.trial_duration = r.chance(0.8) ? r.int(1, 365) : String(r.int(1, 365)); // numeric text counts as a number
  if (r.chance(0.3)) v.ccs = Array.from({ length: r.int(1, 3) }, (_, i) => `cc${i}@example.com`);
  if (r.chance(0.2)) v.third_parties = [{ name: 'Jane Doe', email: 'jane@example.org' }];
  if (r.chance(0.2)) v[r.pick(['company_guid', 'requestee_company_guid', 'x.y', 'Z_9'])] = randomText(r, 20); // undeclared: dropped
  return v;
}

/** Values that parse but break exactly one form rule. */
function invalidValues(r: Rng): FormValues {
  const v = validValues(r);
  const breakers: Array<() => void> = [
    () => (v.trial_duration = r.pick([0, 366, 2.5, -1, 1e9])),
    () => (v.trial_duration = 'thirty'),
    () => (v.reason = r.pick(['nope', 'OTHER', ''])),
    () => (v.ccs = ['not-an-email']),
    () => (v.ccs = Array.from({ length: 40 }, (_, i) => `${'c'.repeat(25)}${i}@example.com`)), // > 1023 joined
    () => (v.requestee_email = r.pick(['bad@', 'no-at-sign', 'a@b'])),
    () => (v.message = 'x'.repeat(5001)),
    () => (v.rolledup_observation_ids = Array.from({ length: 11 }, (_, i) => `obs-${i}`)),
    () => (v.third_parties = [{ name: '', email: 'a@b.co' }]),
    () => (v.risk_vectors = 'botnet'), // one slug, not a list
    () => (v.requestee_phone = '5'.repeat(TEL_MAX_LENGTH + 1)),
  ];
  r.pick(breakers)();
  return v;
}

/** Values the protocol schema must refuse (so the whole message is ignored). */
function unparsableValues(r: Rng): unknown {
  const v: Record<string, unknown> = { ...validValues(r) };
  const breakers: Array<() => unknown> = [
    () => [],
    () => ['x'],
    () => 'values',
    () => 42,
    () => null,
    () => new Date(0),
    () => ({ ...v, message: { nested: true } }),
    () => ({ ...v, message: 'x'.repeat(20_001) }),
    () => ({ ...v, ccs: Array.from({ length: 1001 }, () => 'a@b.co') }),
    () => ({ ...v, ccs: [1, 2] }),
    // A list of records is a rows value now; one whose entry is no scalar parses as nothing.
    () => ({ ...v, third_parties: [{ name: 'a', email: { nested: true } }] }),
    () => ({ ...v, trial_duration: r.pick([NaN, Infinity, -Infinity]) }),
    () => ({ ...v, 'bad key!': 'x' }),
    () => ({ ...v, '': 'x' }),
    () => ({ ...v, ['k'.repeat(65)]: 'x' }),
    () => ({ ...v, '9starts-with-digit': 'x' }),
    () => ({ ...v, message: deep(r.int(2, 10_000), (x) => [x]) }),
    () => deep(r.int(2, 10_000), (x) => ({ a: x })),
    () => ({ ...v, constructor: { prototype: { polluted: true } } }),
    () => ({ ...v, toString: { polluted: true } }),
  ];
  return r.pick(breakers)();
}

function generate(r: Rng, answered: Set<string>, index: number): Case {
  const roll = r.next();
  if (roll < 0.34) return { family: 'junk', msg: junk(r), expect: { kind: 'ignored' } };
  if (roll < 0.42) {
    const requestId = r.pick(BAD_IDS);
    return { family: 'bad id', msg: { type: r.pick(['submit', 'retryFailed']), requestId, values: validValues(r) }, expect: { kind: 'ignored' } };
  }
  if (roll < 0.56) return { family: 'unparsable values', msg: { type: 'submit', requestId: randomId(r), values: unparsableValues(r) }, expect: { kind: 'ignored' } };
  if (roll < 0.59) {
    // Wrong top-level shapes: arrays of messages, a message under a key, huge strings, deep nesting.
    const msg = r.pick<() => unknown>([
      () => [{ type: 'ready' }],
      () => ({ data: { type: 'ready' } }),
      () => 'x'.repeat(r.int(100_000, 1_000_000)),
      () => ({ type: 'submit'.repeat(1000), requestId: 'a', values: {} }),
      () => deep(r.int(100, 10_000), (x) => [x]),
      () => deep(r.int(100, 10_000), (x) => ({ type: 'submit', values: x })),
      () => JSON.parse('{"__proto__": {"type": "ready"}}'),
      () => ({ type: undefined }),
      () => ({ type: 'submit', requestId: 'a', values: undefined }),
      () => ({ type: 'submit', requestId: 'a' }),
      () => ({ type: 'submit', values: {} }),
    ])();
    return { family: 'wrong shape', msg, expect: { kind: 'ignored' } };
  }
  if (roll < 0.63) {
    // Valid messages carrying prototype-pollution keys at the top and in the values.
    const pollute = JSON.parse(`{"__proto__": {"polluted": true, "type": "submit"}, "constructor": {"prototype": {"polluted": true}}}`) as Record<string, unknown>;
    const kind = r.pick(['ready', 'cancel', 'submit']);
    if (kind !== 'submit') return { family: 'pollution', msg: Object.assign(pollute, { type: kind }), expect: { kind: kind === 'ready' ? 'ready' : 'noop' } };
    const values = JSON.parse(`{"__proto__": {"polluted": true, "message": "from the prototype"}}`) as FormValues;
    Object.assign(values, validValues(r));
    for (const k of POLLUTION_KEYS.slice(1)) if (r.chance(0.3)) values[k] = r.pick(['x', ['y'], 1, true, null]);
    const requestId = newId(r, answered);
    return { family: 'pollution', msg: Object.assign(pollute, { type: 'submit', requestId, values }), expect: { kind: 'send', requestId } };
  }
  if (roll < 0.68) return { family: 'ready', msg: { type: 'ready', extra: junk(r) }, expect: { kind: 'ready' } };
  if (roll < 0.73) return { family: 'cancel/retry', msg: r.chance(0.5) ? { type: 'cancel', requestId: junk(r) } : { type: 'retryFailed', requestId: randomId(r) }, expect: { kind: 'noop' } };
  if (roll < 0.94) {
    const requestId = r.chance(0.2) && answered.size ? r.pick([...answered]) : newId(r, answered);
    return { family: 'invalid values', msg: { type: 'submit', requestId, values: invalidValues(r) }, expect: { kind: 'invalid', requestId } };
  }
  // Valid submits: mostly new ids (each one POST), some repeating an id already answered.
  const requestId = r.chance(0.3) && answered.size ? r.pick([...answered]) : newId(r, answered);
  void index;
  return { family: 'valid submit', msg: { type: 'submit', requestId, values: validValues(r) }, expect: { kind: 'send', requestId } };
}

function newId(r: Rng, answered: Set<string>): string {
  for (;;) {
    const id = randomId(r);
    if (!answered.has(id)) return id;
  }
}

function preview(msg: unknown): string {
  try {
    const s = JSON.stringify(msg) ?? String(msg);
    return s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s;
  } catch (e) {
    return `(not printable: ${e instanceof Error ? e.message : 'error'})`;
  }
}

function prototypeSnapshot(): string {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort().join(',');
  return [names(Object.prototype), names(Array.prototype), names(Function.prototype), names(String.prototype)].join('|');
}

let sb: RunningSandbox;
let kit: ProviderKit;
let handler: FormHandler;
let submissions = 0;

before(async () => {
  sb = await startSandbox({ companies: 12, seed: 4 });
  kit = bitsightKit(sb);
  const guid = bitsightFacts(sb.data).companiesWithContact[0]!;
  const inner = await kit.provider.forms.invite!({ id: guid, name: 'Fuzzed Company' }, countingEffects().effects);
  template = inner.spec().values;
  handler = {
    spec: () => inner.spec(),
    submit: (values, ctx) => {
      submissions++;
      return inner.submit(values, ctx);
    },
    placeError: inner.placeError?.bind(inner),
  };
});
after(() => sb.close());

describe(`fuzz: FormController × ${COUNT} messages (seed ${SEED}; FUZZ_SEED=${SEED} reproduces)`, () => {
  it('nothing escapes, nothing is sent unless valid, one request per distinct valid submit, prototypes untouched', async () => {
    const r = prng(SEED);
    const protoBefore = prototypeSnapshot();
    const form = formHarness(handler, kit.logger);
    const answers = new Map<string, Extract<HostMessage, { type: 'result' }>>();
    const answered = new Set<string>();
    const requestsBefore = sb.requestCount;
    const families = new Map<string, number>();
    let sends = 0;

    for (let i = 0; i < COUNT; i++) {
      const c = generate(r, answered, i);
      families.set(c.family, (families.get(c.family) ?? 0) + 1);
      const where = () => `seed=${SEED} message #${i} (${c.family}, expected ${c.expect.kind}): ${preview(c.msg)}`;
      const posted = form.posted.length;
      const requests = sb.requestCount;
      const calls = submissions;
      try {
        await form.controller.receive(c.msg);
      } catch (e) {
        assert.fail(`${where()}\nthrew: ${e instanceof Error ? e.stack : String(e)}`);
      }
      const out = form.posted.slice(posted);
      const sent = sb.requestCount - requests;
      const e = c.expect;
      const repeat = (e.kind === 'send' || e.kind === 'invalid') && answered.has(e.requestId);
      try {
        if (e.kind === 'ignored' || e.kind === 'noop') {
          assert.deepEqual(out, []);
        } else if (e.kind === 'ready') {
          assert.deepEqual(out.map((m) => m.type), ['init']);
        } else if (repeat) {
          assert.deepEqual(out, [answers.get(e.requestId)], 'a repeated id gets the first answer again');
        } else {
          assert.deepEqual(out.map((m) => m.type), ['busy', 'busy', 'result']);
          const result = out[2] as Extract<HostMessage, { type: 'result' }>;
          assert.equal(result.requestId, e.requestId);
          if (e.kind === 'invalid') {
            assert.equal(result.ok, false);
            assert.match(result.message, /^Some fields need attention: [^.]+\.$/, 'the banner names the field');
            assert.equal(Object.keys((result as { fieldErrors: object }).fieldErrors).length, 1, 'exactly the broken field');
          } else {
            assert.equal(result.ok, true, result.message);
          }
          answers.set(e.requestId, result);
          answered.add(e.requestId);
        }
        const expectSend = e.kind === 'send' && !repeat;
        // A send reads the outbox (the ids already there), then POSTs.
        assert.equal(sent, expectSend ? 2 : 0, 'API requests for this message');
        assert.equal(submissions - calls, expectSend ? 1 : 0, 'handler submissions for this message');
        if (expectSend) {
          sends++;
          // The form is done after a send; the webview's "Send another…" opens it again.
          const before = form.posted.length;
          await form.controller.receive({ type: 'sendAnother' });
          assert.deepEqual(form.posted.slice(before).map((m) => m.type), ['init']);
        }
      } catch (err) {
        throw new Error(`${where()}\n${err instanceof Error ? err.message : String(err)}`);
      }
    }

    assert.equal(sb.requestCount - requestsBefore, 2 * sends);
    assert.equal(sb.writes.filter((w) => w.method === 'POST' && w.path === '/ratings/v1/access-requests').length, sends);
    assert.equal(submissions, sends);
    assert.ok(sends >= 300, `${sends} valid sends: the fuzz reaches the API`);
    assert.ok((families.get('junk') ?? 0) >= 2000 && (families.get('pollution') ?? 0) >= 300, JSON.stringify([...families]));
    assert.equal(prototypeSnapshot(), protoBefore, 'Object/Array/Function/String prototypes untouched');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).message, undefined);
    const longest = Math.max(...kit.log.lines.map((l) => l.message.length));
    assert.ok(longest < 2000, `no log line echoes a huge input (longest ${longest})`);
  });

  it('a burst of 200 valid submits with distinct ids while one is in flight sends exactly one', async () => {
    const r = prng(SEED ^ 0xb0b);
    const form = formHarness(handler, kit.logger);
    const before = sb.requestCount;
    const calls = submissions;
    const ids = Array.from({ length: 200 }, (_, i) => `burst-${i}-${randomId(r).slice(0, 20)}`);
    await Promise.all(ids.map((requestId) => form.controller.receive({ type: 'submit', requestId, values: validValues(r) })));
    assert.equal(sb.requestCount - before, 2, 'one outbox read and one POST');
    assert.equal(submissions - calls, 1);
    const results = form.results();
    assert.equal(results.length, 200);
    assert.deepEqual(results.filter((x) => x.ok).map((x) => x.requestId), [ids[0]]);
    assert.ok(results.filter((x) => !x.ok).every((x) => x.message === 'The previous request is still running; wait for its answer.'));
  });
});
