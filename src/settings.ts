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
} as const;
const defaults: { [K in keyof typeof schema]: z.infer<(typeof schema)[K]> } = {
  pageSize: 50,
  requestTimeoutSeconds: 30,
  maxResponseMegabytes: 64,
  'sandbox.autoStart': false,
  'sandbox.companies': 120,
  'sandbox.latencyMs': 0,
};
export type SettingKey = keyof typeof schema;

const warned = new Set<string>();

export function setting<K extends SettingKey>(key: K, log?: Logger): (typeof defaults)[K] {
  const raw = vscode.workspace.getConfiguration('portfolioContacts').get<unknown>(key);
  if (raw === undefined) return defaults[key];
  const parsed = schema[key].safeParse(raw);
  if (parsed.success) return parsed.data as (typeof defaults)[K];
  if (!warned.has(key)) {
    warned.add(key);
    log?.warn(`Setting portfolioContacts.${key} = ${JSON.stringify(raw)} is invalid (${parsed.error.issues[0]?.message}); using ${JSON.stringify(defaults[key])}.`);
  }
  return defaults[key];
}
