// A KareProvider signed in to the sandbox the way a connection is: the password scheme's exchange
// (e-mail + password → three tokens), a CredentialSession for renewal, and a recorder of the
// headers every request left with (the sandbox's log keeps only whether Authorization came).
import assert from 'node:assert/strict';
import { authHttp } from '../../../src/connections/authHttp';
import type { CredentialRecord } from '../../../src/connections/credentials';
import { CredentialSession } from '../../../src/connections/session';
import { type Logger, Redactor, silentLogger } from '../../../src/core/redact';
import { karePassword } from '../../../src/providers/kare/auth';
import { KareProvider } from '../../../src/providers/kare/client';
import type { RunningSandbox } from '../../../src/sandbox/server';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export async function kareSignedIn(sb: RunningSandbox, opts: { redactor?: Redactor; logger?: Logger; timeoutMs?: number; locale?: string } = {}) {
  const redactor = opts.redactor ?? new Redactor();
  const logger = opts.logger ?? silentLogger;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const { baseUrl, email, password } = sb.apis.kare;
  redactor.add(password);
  const http = authHttp(baseUrl, { logger, redactor, timeoutMs });
  const settings = { email };
  const got = await karePassword.exchange!({ values: { password }, tokens: {}, settings }, http);
  // The password was used once and is not kept: renewal must go through the refresh token.
  const record: CredentialRecord = { scheme: karePassword.id, values: {}, tokens: got.tokens, ...(got.expiresAt !== undefined ? { expiresAt: got.expiresAt } : {}) };
  const saved: CredentialRecord[] = [];
  let signedOut = 0;
  const session = new CredentialSession({ scheme: karePassword, record, settings, http, save: async (r) => void saved.push(r), redactor, logger, onSignedOut: () => void signedOut++ });
  const provider = new KareProvider({ baseUrl, authorize: () => session.authorize(), onUnauthorized: (s) => session.onUnauthorized(s), logger, redactor, timeoutMs, settings, locale: opts.locale });
  const sent: SentRequest[] = [];
  const client = provider.http as unknown as { fetchImpl?: (url: string, init: { method?: string; headers?: Record<string, string> }) => Promise<unknown> };
  assert.equal(typeof client.fetchImpl, 'function', 'HttpClient no longer has a private `fetchImpl`: update helpers/kare.ts');
  const real = client.fetchImpl!;
  client.fetchImpl = (url, init) => {
    sent.push({ method: init.method ?? 'GET', url, headers: { ...(init.headers ?? {}) } });
    return real(url, init);
  };
  return { provider, session, saved, sent, redactor, tokens: got.tokens, signedOut: () => signedOut };
}
