// What the provider contract suite needs around one registered provider and the sandbox: a
// connection signed in through ConnectionRuntime.probe (the scheme's exchange included) and kept in
// memory stores, the sandbox's contract facts, a FormController on a recording port, and a generic
// form filler that types what each field's own rules ask for. Nothing here names a vendor: every
// per-API fact comes from the provider registry, the sandbox connections or the sandbox's facts.
import assert from 'node:assert/strict';
import type { AuthScheme } from '../../src/core/auth';
import type { FormEffects, FormHandler } from '../../src/core/forms';
import type { ApiKind, Company } from '../../src/core/model';
import type { Provider } from '../../src/core/provider';
import { Redactor, silentLogger } from '../../src/core/redact';
import { Credentials, type CredentialRecord, type SecretStore } from '../../src/connections/credentials';
import { ConnectionRuntime, schemeOf } from '../../src/connections/runtime';
import { SandboxHost } from '../../src/connections/sandboxHost';
import { ConnectionStore, type Connection } from '../../src/connections/store';
import { FormController, type WebviewPort } from '../../src/forms/controller';
import { isProvider } from '../../src/model/source';
import type { FieldCondition, FieldSpec, FormRow, FormSpec, FormValue, FormValues } from '../../src/protocol/forms';
import type { HostMessage } from '../../src/protocol/messages';
import { descriptorFor } from '../../src/providers';
import type { ContractFacts } from '../../src/sandbox/contract';
import { CONTROL_HEADER, CONTROL_PREFIX } from '../../src/sandbox/control';
import { sandboxConnections, type SandboxConnection } from '../../src/sandbox/connections';
import type { RunningSandbox } from '../../src/sandbox/server';
import { MemoryState } from '../unit/helpers/memoryState';

/** The contract facts of `api`, fresh (they follow the sandbox's live data), through the control endpoint. */
export async function contractFacts(sb: RunningSandbox, api: ApiKind): Promise<ContractFacts> {
  const res = await fetch(`${sb.url}${CONTROL_PREFIX}/facts`, { headers: { [CONTROL_HEADER]: sb.controlToken } });
  assert.equal(res.status, 200, 'GET /__sandbox/facts');
  const all = (await res.json()) as Record<string, { contract?: ContractFacts } | undefined>;
  const facts = all[api]?.contract;
  assert.ok(facts, `the sandbox's facts for ${api} carry no \`contract\` section (src/sandbox/contract.ts)`);
  return facts;
}

class MemorySecrets implements SecretStore {
  readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async store(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

/** One API's connection, signed in, with the runtime that serves its provider. */
export class ContractConnection {
  readonly redactor = new Redactor();
  readonly store = new ConnectionStore(new MemoryState(), silentLogger);
  readonly credentials = new Credentials(new MemorySecrets(), this.redactor);
  private timeoutMs = 10_000;
  readonly runtime = new ConnectionRuntime(this.store, this.credentials, new SandboxHost(() => ({}), silentLogger), silentLogger, this.redactor, () => this.timeoutMs);
  private companies?: Promise<Company[]>;

  private constructor(
    readonly api: ApiKind,
    readonly sandbox: SandboxConnection,
    readonly scheme: AuthScheme,
  ) {}

  /** The sandbox's connection for `api` with the provider's scheme, not yet signed in. */
  static for(sb: RunningSandbox, api: ApiKind): ContractConnection {
    const descriptor = descriptorFor(api);
    assert.ok(descriptor, `${api} is not registered`);
    const conn = sandboxConnections(sb).find((c) => c.api === api);
    assert.ok(conn, `the sandbox serves no ${api} API although a provider is registered for it (src/sandbox/connections.ts)`);
    const scheme = schemeOf(descriptor, conn.scheme);
    assert.ok(scheme, `${api} has no auth scheme "${conn.scheme}"`);
    return new ContractConnection(api, conn, scheme);
  }

  /** Signs in as Add Connection does (probe: exchange, then whoAmI), stores the record under `id`. */
  async signIn(id = 'contract'): Promise<{ identity: { displayName: string }; record: CredentialRecord }> {
    const probe = await this.runtime.probe(this.api, this.sandbox.baseUrl, this.scheme, this.sandbox.values, this.sandbox.settings);
    await this.save(id, probe.record);
    return probe;
  }

  /** Stores `record` as connection `id` (a second connection for a wrong secret, say). */
  async save(id: string, record: CredentialRecord): Promise<void> {
    const connection: Connection = { id, name: this.sandbox.label, api: this.api, baseUrl: this.sandbox.baseUrl, scheme: this.scheme.id, settings: this.sandbox.settings };
    await this.store.upsert(connection);
    await this.credentials.save(id, record);
    this.runtime.forget(id);
  }

  async provider(id = 'contract'): Promise<Provider> {
    const p = await this.runtime.provider(id);
    assert.ok(isProvider(p), `no provider for connection ${id}: ${JSON.stringify(p)}`);
    return p;
  }

  /** The per-attempt timeout of providers built from now on (the runtime builds a new one when it changes). */
  setTimeoutMs(ms: number): void {
    this.timeoutMs = ms;
  }

  /** Every listed company, paged once per connection (for finding a company by the facts' id). */
  async company(id: string): Promise<Company> {
    this.companies ??= this.provider().then(async (p) => (await listAll(p, 100)).items);
    const found = (await this.companies).find((c) => c.id === id);
    assert.ok(found, `company ${id} (from the sandbox's contract facts) is not listed`);
    return found;
  }
}

/** Pages the company list to the end. */
export async function listAll(provider: Provider, pageSize: number): Promise<{ items: Company[]; pages: number }> {
  const items: Company[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await provider.listCompanies(cursor, pageSize);
    items.push(...page.items);
    pages++;
    cursor = page.next;
    assert.ok(pages <= 10_000, 'paging never ends');
  } while (cursor !== undefined);
  return { items, pages };
}

export const noEffects: FormEffects = { contactsChanged: () => undefined, usersChanged: () => undefined, invitationsChanged: () => undefined };

/**
 * The create-contact form of a provider. Before the neutral verbs, a provider may still offer it
 * under the deprecated `assignContact` (read structurally, so this compiles once it is gone).
 */
export function createContactForm(provider: Provider): ((company: Company) => Promise<FormHandler>) | undefined {
  const forms = provider.forms as Provider['forms'] & { assignContact?: (c: Company, existing: undefined, e: FormEffects) => Promise<FormHandler> };
  if (forms.createContacts) return (company) => forms.createContacts!(company, noEffects);
  if (forms.assignContact) return (company) => forms.assignContact!(company, undefined, noEffects);
  return undefined;
}

// ---------------------------------------------------------------- fields and their places

export interface FieldPlace {
  field: FieldSpec;
  /** `email`, or `contacts.0.email` for a row's cell. */
  path: string;
  value: FormValue | undefined;
  /** required, or requiredWhen holds. */
  needed: boolean;
}

function isEmpty(v: FormValue | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function holds(cond: FieldCondition, row: Record<string, FormValue | undefined> | undefined, rowFields: readonly FieldSpec[] | undefined, top: FormValues): boolean {
  const inRow = row && rowFields?.some((f) => f.name === cond.field);
  const v = inRow ? row[cond.field] : top[cond.field];
  const want = Array.isArray(cond.equals) ? cond.equals : [cond.equals];
  return want.some((w) => w === v);
}

/** Every visible field of the form with its value: top-level ones, and each row's cells. */
export function fieldPlaces(spec: Pick<FormSpec, 'fields'>, values: FormValues): FieldPlace[] {
  const out: FieldPlace[] = [];
  const visit = (fields: readonly FieldSpec[], vals: Record<string, FormValue | undefined>, prefix: string, row: boolean) => {
    for (const field of fields) {
      const rowCtx = row ? vals : undefined;
      if (field.visibleWhen && !holds(field.visibleWhen, rowCtx, row ? fields : undefined, values)) continue;
      const value = vals[field.name];
      const needed = !!field.required || (!!field.requiredWhen && holds(field.requiredWhen, rowCtx, row ? fields : undefined, values));
      out.push({ field, path: `${prefix}${field.name}`, value, needed });
      if (field.kind === 'rows' && Array.isArray(value)) {
        (value as FormRow[]).forEach((r, i) => visit(field.fields ?? [], r, `${prefix}${field.name}.${i}.`, true));
      }
    }
  };
  visit(spec.fields, values, '', false);
  return out;
}

/** Whether a place holds no value (what "required and empty by design" means). */
export const emptyValue = (p: FieldPlace) => isEmpty(p.value);

// ---------------------------------------------------------------- a generic filler

function textFor(field: FieldSpec): string {
  const v = 'Contract Check';
  return field.maxLength !== undefined ? v.slice(0, field.maxLength) : v;
}

function emailFor(field: FieldSpec): string {
  return `contract.check@${field.emailDomains?.[0] ?? 'example.com'}`;
}

/** A value `field`'s own rules allow. */
export async function valueFor(field: FieldSpec, handler: FormHandler): Promise<FormValue> {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return textFor(field);
    case 'email':
      return emailFor(field);
    case 'tel':
      return '+1 650 555 0100';
    case 'number':
      return field.min ?? 1;
    case 'checkbox':
      return false;
    case 'select': {
      const options = field.options ?? (field.optionsSource ? await handler.options?.(field.optionsSource, new AbortController().signal) : undefined);
      const first = options?.[0]?.value;
      assert.ok(first !== undefined, `select ${field.name} offers no option to choose`);
      return first;
    }
    case 'emailList':
      return [emailFor(field)];
    case 'lineList':
      return ['contract-check'];
    case 'nameEmailList':
      return [{ name: 'Contract Check', email: emailFor(field) }];
    case 'rows':
      return [{}];
  }
}

/** The form's defaults with every needed-and-empty field typed in as its rules ask (rows: each row's cells). */
export async function fillForm(spec: FormSpec, handler: FormHandler): Promise<FormValues> {
  const values: FormValues = structuredClone(spec.values);
  // Rows first (a rows field left empty gets one row), then the places they open, to a fixed point.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const place of fieldPlaces(spec, values)) {
      if (!place.needed || !emptyValue(place)) continue;
      setAt(values, place.path, await valueFor(place.field, handler));
      changed = true;
    }
    if (!changed) break;
  }
  return values;
}

/** Writes `value` at a place path (`email`, `contacts.0.email`). */
export function setAt(values: FormValues, path: string, value: FormValue): void {
  const parts = path.split('.');
  if (parts.length === 1) {
    values[path] = value;
    return;
  }
  const [rows, index, cell] = parts as [string, string, string];
  const list = values[rows] as FormRow[];
  list[Number(index)]![cell] = value as FormRow[string];
}

// ---------------------------------------------------------------- a form controller on a recording port

export type Result = Extract<HostMessage, { type: 'result' }>;

export function formHarness(handler: FormHandler) {
  const posted: HostMessage[] = [];
  const port: WebviewPort = { post: (m) => void posted.push(m), onMessage: () => ({ dispose: () => undefined }) };
  const controller = new FormController(port, handler, silentLogger);
  const results = () => posted.filter((m): m is Result => m.type === 'result');
  const last = async (send: () => Promise<void>): Promise<Result> => {
    const before = results().length;
    await send();
    const after = results();
    assert.equal(after.length, before + 1, 'one result per message');
    return after[after.length - 1]!;
  };
  return {
    controller,
    submit: (values: FormValues, requestId: string) => last(() => controller.receive({ type: 'submit', requestId, values })),
    retryFailed: (requestId: string) => last(() => controller.receive({ type: 'retryFailed', requestId })),
  };
}
