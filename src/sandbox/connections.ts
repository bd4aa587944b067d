// How a client signs in to each API the sandbox serves: the one place that maps the running
// sandbox's credentials onto a provider's auth scheme, so "Try the Sandbox" stays vendor-neutral.
import { API_LABELS, type ApiKind } from '../core/model';
import type { RunningSandbox } from './server';

export interface SandboxConnection {
  api: ApiKind;
  /** The connection's name in the tree. */
  label: string;
  baseUrl: string;
  /** The id of one of the provider's auth schemes. */
  scheme: string;
  /** The scheme's secret fields (SecretStorage). */
  values: Record<string, string>;
  /** The scheme's non-secret fields (the connection's metadata). */
  settings: Record<string, string>;
  /** Tokens already obtained (Kare's session opened at start), so the first call needs no sign-in. */
  tokens?: Record<string, string>;
}

/**
 * The field of a stored credential record that holds the secret the sandbox was started with, per
 * API: the sandbox takes `tokens.kare` as the Kare account's password.
 */
export const SANDBOX_SECRET_FIELD: Record<ApiKind, string> = { bitsight: 'token', kare: 'password', guidewire: 'token' };

/** The secret to start the sandbox with for this API, from a stored record's values (if any). */
export function sandboxSecretOf(api: ApiKind, values: Record<string, string> | undefined): string | undefined {
  return values?.[SANDBOX_SECRET_FIELD[api]] || undefined;
}

/** One connection per API the running sandbox serves (a sandbox started with fewer APIs gives fewer). */
export function sandboxConnections(running: Pick<RunningSandbox, 'apis'>): SandboxConnection[] {
  const { bitsight, kare, guidewire } = running.apis as Partial<RunningSandbox['apis']>;
  const label = (api: ApiKind) => `Sandbox (${API_LABELS[api]})`;
  const out: SandboxConnection[] = [];
  if (bitsight) out.push({ api: 'bitsight', label: label('bitsight'), baseUrl: bitsight.baseUrl, scheme: 'token', values: { token: bitsight.token }, settings: {} });
  if (kare) {
    out.push({
      api: 'kare',
      label: label('kare'),
      baseUrl: kare.baseUrl,
      // Kept with the record so a restarted sandbox (whose sessions are new) is signed in to again.
      scheme: 'password',
      values: { password: kare.password },
      settings: { email: kare.email },
      tokens: { accessToken: kare.accessToken, sessionToken: kare.sessionToken, refreshToken: kare.refreshToken },
    });
  }
  if (guidewire) out.push({ api: 'guidewire', label: label('guidewire'), baseUrl: guidewire.baseUrl, scheme: 'bearer', values: { token: guidewire.token }, settings: {} });
  return out;
}
