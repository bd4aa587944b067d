// Settings are read through zod so a hand-edited value that is out of range falls back to the
// default with a warning instead of breaking requests.
import * as vscode from 'vscode';
import * as z from './core/zod';
import type { Logger } from './core/redact';

const schema = {
  pageSize: z.int().check(z.gte(10), z.lte(500)),
  requestTimeoutSeconds: z.number().check(z.gte(1), z.lte(600)),
  maxResponseMegabytes: z.number().check(z.gte(1), z.lte(1024)),
  'sandbox.autoStart': z.boolean(),
  'sandbox.companies': z.int().check(z.gte(1), z.lte(100_000)),
  'sandbox.latencyMs': z.int().check(z.gte(0), z.lte(60_000)),
  'attention.pendingInvitationDays': z.int().check(z.gte(1), z.lte(3650)),
} as const;
const defaults: { [K in keyof typeof schema]: z.infer<(typeof schema)[K]> } = {
  pageSize: 50,
  requestTimeoutSeconds: 30,
  maxResponseMegabytes: 64,
  'sandbox.autoStart': false,
  'sandbox.companies': 120,
  'sandbox.latencyMs': 0,
  'attention.pendingInvitationDays': 14,
};
export type SettingKey = keyof typeof schema;

/**
 * Settings a workspace must not choose for the person (they reach the network or start a local
 * server): package.json lists them as restrictedConfigurations, and in Restricted Mode a workspace
 * or folder value of one is ignored here as well, whatever scope VS Code applied.
 */
export const RESTRICTED: readonly SettingKey[] = ['requestTimeoutSeconds', 'maxResponseMegabytes', 'sandbox.autoStart', 'sandbox.companies', 'sandbox.latencyMs'];

const warned = new Set<string>();

export function setting<K extends SettingKey>(key: K, log?: Logger): (typeof defaults)[K] {
  const raw = rawValue(key);
  if (raw === undefined) return defaults[key];
  const parsed = schema[key].safeParse(raw);
  if (parsed.success) return parsed.data as (typeof defaults)[K];
  if (!warned.has(key)) {
    warned.add(key);
    log?.warn(`Setting portfolioContacts.${key} = ${JSON.stringify(raw)} is invalid (${parsed.error.issues[0]?.message}); using ${JSON.stringify(defaults[key])}.`);
  }
  return defaults[key];
}

function rawValue(key: SettingKey): unknown {
  const config = vscode.workspace.getConfiguration('portfolioContacts');
  if (vscode.workspace.isTrusted || !RESTRICTED.includes(key)) return config.get<unknown>(key);
  // Only the person's own (user) value counts; the default applies otherwise.
  return config.inspect<unknown>(key)?.globalValue;
}
