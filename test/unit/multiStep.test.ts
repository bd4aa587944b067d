// The multi-step input's flow without VS Code: step numbers, Back, per-step validation, and a failed
// final check returning to the step it names. Then the connection steps built on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthScheme } from '../../src/core/auth';
import { ApiError } from '../../src/core/errors';
import type { ProviderDescriptor } from '../../src/core/provider';
import { ProbeError } from '../../src/connections/runtime';
import {
  apiStep,
  baseUrlStep,
  failureStep,
  fieldSteps,
  nameStep,
  recordToStore,
  reusableRecord,
  schemeStep,
  secretValues,
  settingValues,
  type ConnectionDraft,
} from '../../src/commands/connectionSteps';
import { runFlow, textStep, type Flow, type PickAsk, type StepAnswer, type StepUi, type TextAsk } from '../../src/commands/multiStep';
import { bitsight } from '../../src/providers/bitsight';

type Seen = { kind: 'text' | 'pick'; title: string; step: number; totalSteps: number; back: boolean; error?: string; value?: unknown; label: string };
type Reply = string | 'back' | 'cancel' | { typed: string[] } | { pick: unknown };

/**
 * Answers each question from a script. A `{typed: [...]}` reply is typed value by value: the fake,
 * like the real InputBox, accepts the first value the step's validation lets through.
 */
function scriptedUi(script: Reply[], retries: boolean[] = []) {
  const seen: Seen[] = [];
  const refused: string[] = [];
  const retryMessages: string[] = [];
  const next = (): Reply => {
    const r = script.shift();
    assert.ok(r !== undefined, `the flow asked more than the script holds (after ${seen.map((s) => s.label).join(', ')})`);
    return r;
  };
  const ui: StepUi = {
    async text(ask: TextAsk): Promise<StepAnswer<string>> {
      seen.push({ kind: 'text', title: ask.title, step: ask.step, totalSteps: ask.totalSteps, back: ask.back, error: ask.error, value: ask.value, label: ask.prompt });
      const r = next();
      if (r === 'back' || r === 'cancel') return r;
      const attempts = typeof r === 'string' ? [r] : 'typed' in r ? r.typed : assert.fail('a pick reply for a text step');
      for (const a of attempts) {
        const problem = ask.validate?.(a);
        if (!problem) return { value: a };
        refused.push(`${a}: ${problem}`);
      }
      return assert.fail(`no typed value was accepted at "${ask.prompt}": ${refused.join(' | ')}`);
    },
    async pick<T>(ask: PickAsk<T>): Promise<StepAnswer<T>> {
      seen.push({ kind: 'pick', title: ask.title, step: ask.step, totalSteps: ask.totalSteps, back: ask.back, error: ask.error, value: ask.active, label: ask.placeholder });
      const r = next();
      if (r === 'back' || r === 'cancel') return r;
      assert.ok(typeof r === 'object' && 'pick' in r, 'a text reply for a pick step');
      const item = ask.items.find((i) => i.value === r.pick);
      assert.ok(item, `no item ${String(r.pick)} among ${ask.items.map((i) => String(i.value)).join(', ')}`);
      return { value: item.value };
    },
    async retry(message: string) {
      retryMessages.push(message);
      return retries.shift() ?? false;
    },
  };
  return { ui, seen, refused, retryMessages };
}

interface Abc {
  a: string;
  b: string;
  c: string;
}
const abcFlow = (finish?: Flow<Abc>['finish']): Flow<Abc> => ({
  title: 'Test',
  steps: () => (['a', 'b', 'c'] as const).map((k) => textStep<Abc>(k, { prompt: k, read: (s) => s[k], write: (s, v) => (s[k] = v), validate: (v) => (v ? undefined : `enter ${k}`) })),
  finish,
});

describe('runFlow', () => {
  it('numbers the steps and offers Back on every step but the first', async () => {
    const { ui, seen } = scriptedUi(['1', '2', '3']);
    const out = await runFlow(abcFlow(), { a: '', b: '', c: '' }, ui);
    assert.deepEqual(out, { a: '1', b: '2', c: '3' });
    assert.deepEqual(seen.map((s) => [s.step, s.totalSteps, s.back]), [[1, 3, false], [2, 3, true], [3, 3, true]]);
  });

  it('Back returns to the previous step showing what was answered there', async () => {
    const { ui, seen } = scriptedUi(['1', 'back', '1b', '2', 'back', '2b', '3']);
    const out = await runFlow(abcFlow(), { a: '', b: '', c: '' }, ui);
    assert.deepEqual(out, { a: '1b', b: '2b', c: '3' });
    assert.deepEqual(seen.map((s) => `${s.label}=${String(s.value)}`), ['a=', 'b=', 'a=1', 'b=', 'c=', 'b=2', 'c=']);
  });

  it('a step is not passed until its value validates', async () => {
    const { ui, refused } = scriptedUi([{ typed: ['', 'x'] }, 'y', 'z']);
    assert.deepEqual(await runFlow(abcFlow(), { a: '', b: '', c: '' }, ui), { a: 'x', b: 'y', c: 'z' });
    assert.deepEqual(refused, [': enter a']);
  });

  it('cancel anywhere ends the flow with nothing', async () => {
    const { ui } = scriptedUi(['1', 'cancel']);
    assert.equal(await runFlow(abcFlow(), { a: '', b: '', c: '' }, ui), undefined);
  });

  it('a failed final check returns to the step it names, says why there, and Back still works from it', async () => {
    let checks = 0;
    const flow = abcFlow(async (s) => (++checks === 1 ? { stepId: 'b', message: `b "${s.b}" was refused` } : undefined));
    const { ui, seen, retryMessages } = scriptedUi(['1', 'bad', '3', 'good', '3'], [true]);
    const out = await runFlow(flow, { a: '', b: '', c: '' }, ui);
    assert.deepEqual(out, { a: '1', b: 'good', c: '3' });
    assert.deepEqual(retryMessages, ['b "bad" was refused']);
    assert.deepEqual(seen[3], { kind: 'text', title: 'Test', step: 2, totalSteps: 3, back: true, error: 'b "bad" was refused', value: 'bad', label: 'b' });
    assert.equal(seen[4]!.error, undefined, 'the reason is shown only on the failed step');
    assert.equal(checks, 2);
  });

  it('declining to try again ends the flow with nothing', async () => {
    const { ui } = scriptedUi(['1', '2', '3'], [false]);
    assert.equal(await runFlow(abcFlow(async () => ({ stepId: 'a', message: 'no' })), { a: '', b: '', c: '' }, ui), undefined);
  });
});

const twoSchemes: AuthScheme[] = [
  { id: 'bearer', label: 'Bearer token', fields: [{ name: 'token', label: 'Token', secret: true }], headers: (s) => ({ Authorization: `Bearer ${s.values.token}` }) },
  {
    id: 'password',
    label: 'E-mail and password',
    fields: [
      { name: 'email', label: 'E-mail', secret: false, validate: (v) => (v.includes('@') ? undefined : 'Not an e-mail address') },
      { name: 'password', label: 'Password', secret: true, storeOnlyIfAsked: true },
    ],
    headers: () => ({}),
  },
];
const multi: ProviderDescriptor = { ...bitsight, label: 'Multi', authSchemes: twoSchemes };

function addFlow(descriptor: ProviderDescriptor, finish?: Flow<ConnectionDraft>['finish']): Flow<ConnectionDraft> {
  return {
    title: 'Add Connection',
    steps: (d) => [
      apiStep([{ label: 'Bitsight', value: 'bitsight' }], (dd, api) => Object.assign(dd, { api, name: descriptor.label, baseUrl: descriptor.defaultBaseUrl, scheme: descriptor.authSchemes[0]!.id })),
      ...(d.api
        ? [nameStep(new Set(['Taken'])), baseUrlStep(descriptor), ...(descriptor.authSchemes.length > 1 ? [schemeStep(descriptor)] : []), ...fieldSteps(descriptor.authSchemes.find((s) => s.id === d.scheme)!)]
        : []),
    ],
    finish,
  };
}
const blank = (): ConnectionDraft => ({ name: '', baseUrl: '', typed: {}, keep: {} });

describe('connection steps', () => {
  it('Bitsight: API → name → base URL → token, no scheme step (it has one scheme)', async () => {
    const { ui, seen, refused } = scriptedUi([{ pick: 'bitsight' }, { typed: ['Taken', 'Prod'] }, { typed: ['http://api.example.com', 'https://api.bitsighttech.com/'] }, { typed: ['', 'has space', 'tok-123'] }]);
    const out = await runFlow(addFlow(bitsight), blank(), ui);
    assert.equal(out?.name, 'Prod');
    assert.equal(out?.baseUrl, 'https://api.bitsighttech.com');
    assert.deepEqual(out?.typed, { token: 'tok-123' });
    assert.deepEqual(seen.map((s) => `${s.step}/${s.totalSteps}`), ['1/1', '2/4', '3/4', '4/4']);
    assert.equal(seen[3]!.label, bitsight.authSchemes[0]!.fields[0]!.prompt);
    assert.deepEqual(refused.map((r) => r.split(':')[0]), ['Taken', 'http', '', 'has space']);
  });

  it('several schemes: the scheme step appears, and the field steps follow the choice made there', async () => {
    const { ui, seen } = scriptedUi([{ pick: 'bitsight' }, 'Mine', 'https://x.example', { pick: 'bearer' }, 'back', { pick: 'password' }, { typed: ['nope', 'me@x.example'] }, 'pw-secret', { pick: false }]);
    const out = await runFlow(addFlow(multi), blank(), ui);
    assert.equal(out?.scheme, 'password');
    assert.deepEqual(out?.typed, { email: 'me@x.example', password: 'pw-secret' });
    assert.deepEqual(out?.keep, { password: false });
    assert.deepEqual(seen.map((s) => `${s.step}/${s.totalSteps}`), ['1/1', '2/5', '3/5', '4/5', '5/5', '4/5', '5/7', '6/7', '7/7']);
    const scheme = twoSchemes[1]!;
    assert.deepEqual(settingValues(out!, scheme), { email: 'me@x.example' }, 'the e-mail is a setting, not a secret');
    assert.deepEqual(secretValues(out!, scheme), { password: 'pw-secret' });
    const stored = recordToStore(out!, scheme, { scheme: 'password', values: { password: 'pw-secret' }, tokens: { accessToken: 'a' } });
    assert.deepEqual(stored, { scheme: 'password', values: {}, tokens: { accessToken: 'a' } }, 'the password is not kept unless asked');
    assert.deepEqual(recordToStore({ ...out!, keep: { password: true } }, scheme, stored).values, {}, 'keep applies to what was verified');
  });

  it('rejected credentials go back to the first credential field and name it; an unreachable URL to the URL step', async () => {
    const auth = new ApiError({ kind: 'auth', status: 401, method: 'GET', path: '/me', message: 'invalid token' });
    const network = new ApiError({ kind: 'network', method: 'GET', path: '/me', message: 'ECONNREFUSED' });
    let n = 0;
    const finish = async (d: ConnectionDraft) => (++n === 1 ? failureStep(new ProbeError('verify', network), bitsight, bitsight.authSchemes[0]!, String) : n === 2 ? failureStep(new ProbeError('verify', auth), bitsight, bitsight.authSchemes[0]!, String) : d.typed.token === 'good-token' ? undefined : assert.fail());
    const { ui, seen, retryMessages } = scriptedUi([{ pick: 'bitsight' }, 'Prod', 'https://wrong.example', 'bad-token', 'https://api.bitsighttech.com', 'bad-token', 'good-token'], [true, true]);
    const out = await runFlow(addFlow(bitsight, finish), blank(), ui);
    assert.equal(out?.typed.token, 'good-token');
    assert.match(retryMessages[0]!, /Could not reach Bitsight \(ECONNREFUSED\)\. Check the base URL/);
    assert.match(retryMessages[1]!, /Bitsight did not accept the api token \(invalid token\)/);
    assert.deepEqual(seen.slice(4).map((s) => s.label), ['The Bitsight API address', bitsight.authSchemes[0]!.fields[0]!.prompt, bitsight.authSchemes[0]!.fields[0]!.prompt]);
  });

  it('a failed token request (OAuth) goes back to the token URL field when the token host is unreachable', () => {
    const scheme: AuthScheme = { id: 'cc', label: 'Client credentials', fields: [{ name: 'tokenUrl', label: 'Token URL', secret: false }, { name: 'clientId', label: 'Client id', secret: false }, { name: 'clientSecret', label: 'Client secret', secret: true }], headers: () => ({}) };
    const down = new ProbeError('exchange', new ApiError({ kind: 'network', method: 'POST', path: '/token', message: 'ENOTFOUND' }));
    assert.equal(failureStep(down, multi, scheme, String).stepId, 'field.tokenUrl');
    const refused = new ProbeError('exchange', new ApiError({ kind: 'http', status: 400, method: 'POST', path: '/token', message: 'invalid_client' }));
    const f = failureStep(refused, multi, scheme, String);
    assert.equal(f.stepId, 'field.clientSecret');
    assert.match(f.message, /did not accept the token url, client id or client secret \(invalid_client\)/);
  });

  it('editing keeps a stored secret when its field is left empty, for the same scheme only', async () => {
    const scheme = twoSchemes[0]!;
    const draft: ConnectionDraft = { api: 'bitsight', name: 'A', baseUrl: 'https://x.example', scheme: 'bearer', typed: {}, keep: {}, stored: { scheme: 'bearer', values: { token: 'stored-tok' } } };
    const { ui, seen } = scriptedUi(['']);
    const out = await runFlow({ title: 'Edit', steps: () => fieldSteps(scheme) }, draft, ui);
    assert.deepEqual(secretValues(out!, scheme), { token: 'stored-tok' });
    assert.equal(seen[0]!.value, '', 'the stored secret is never shown back');
    const other: ConnectionDraft = { ...draft, stored: { scheme: 'password', values: { token: 'x' } }, typed: {} };
    await assert.rejects(runFlow({ title: 'Edit', steps: () => fieldSteps(scheme) }, other, scriptedUi(['']).ui), /no typed value was accepted/);
  });

  it('editing a password-scheme connection keeps its tokens without asking for the password again', async () => {
    const scheme = twoSchemes[1]!;
    const stored = { scheme: 'password', values: {}, tokens: { accessToken: 'acc', refreshToken: 'ref' } };
    const draft: ConnectionDraft = { api: 'bitsight', name: 'A', baseUrl: 'https://x.example', scheme: 'password', typed: {}, keep: { password: false }, stored };
    const { ui, seen } = scriptedUi(['me@x.example', '', { pick: false }]);
    const out = await runFlow({ title: 'Edit', steps: () => fieldSteps(scheme, { email: 'me@x.example' }) }, draft, ui);
    assert.equal(seen[0]!.value, 'me@x.example', 'the stored setting is shown');
    assert.equal(reusableRecord(out!, scheme), stored, 'the stored record is checked and kept as it is');
    assert.equal(reusableRecord({ ...out!, typed: { ...out!.typed, password: 'new' } }, scheme), undefined, 'a retyped password signs in anew');
  });
});
