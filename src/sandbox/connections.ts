// How a client signs in to each API the sandbox serves, so "Try the Sandbox" stays vendor-neutral:
// each API declares its own mapping (`<api>/client.ts`); this registry only loops over them. It
// loads none of the server code, so the extension reads it without starting the sandbox.
import { API_LABELS, type ApiKind } from '../core/model';
import type { SandboxClient, SandboxSignIn } from './client';
import { bitsightClient } from './bitsight/client';
import { guidewireClient } from './guidewire/client';
import { kareClient } from './kare/client';
import type { RunningSandbox } from './server';

type Credentials = RunningSandbox['apis'];

const CLIENTS: { [K in ApiKind]: SandboxClient<Credentials[K]> } = { bitsight: bitsightClient, kare: kareClient, guidewire: guidewireClient };

export interface SandboxConnection extends SandboxSignIn {
  api: ApiKind;
  /** The connection's name in the tree. */
  label: string;
  baseUrl: string;
}

/** The field of a stored credential record that holds the secret the sandbox was started with, per API. */
export const SANDBOX_SECRET_FIELD = Object.fromEntries((Object.keys(CLIENTS) as ApiKind[]).map((api) => [api, CLIENTS[api].secretField])) as Record<ApiKind, string>;

/** The secret to start the sandbox with for this API, from a stored record's values (if any). */
export function sandboxSecretOf(api: ApiKind, values: Record<string, string> | undefined): string | undefined {
  return values?.[SANDBOX_SECRET_FIELD[api]] || undefined;
}

/** One connection per API the running sandbox serves (a sandbox started with fewer APIs gives fewer). */
export function sandboxConnections(running: Pick<RunningSandbox, 'apis'>): SandboxConnection[] {
  const served = running.apis as Partial<Credentials>;
  const out: SandboxConnection[] = [];
  for (const api of Object.keys(CLIENTS) as ApiKind[]) {
    const credentials = served[api];
    if (!credentials) continue;
    const client = CLIENTS[api] as SandboxClient<typeof credentials>;
    out.push({ api, label: `Sandbox (${API_LABELS[api]})`, baseUrl: credentials.baseUrl, ...client.signIn(credentials) });
  }
  return out;
}
