// What the generic sandbox needs of the simulated Kare API: the account and the session opened at
// start (its credentials; `tokens.kare` is the account's password), its facts, the sign-in state
// as `RunningSandbox.kareSessions`, and the access-token lifetime (option and `--kare-token-ttl`).
import type { ApiRegistration } from '../api.js';
import { kareFacts } from './facts.js';
import { createKareApi } from './index.js';
import type { KareSessions } from './sessions.js';

export interface KareSandboxOptions {
  /** Lifetime of Kare access tokens (a renewal knob); default 3600. Refresh tokens live 30 days. */
  kareAccessTokenTtlSeconds?: number;
}

/** The Kare account, and the tokens of a session opened at start. */
export interface KareCredentials {
  baseUrl: string;
  email: string;
  password: string;
  accessToken: string;
  sessionToken: string;
  refreshToken: string;
}

export interface KareHandles {
  /** Kare's sign-in state, for renewal tests. */
  readonly kareSessions: Pick<KareSessions, 'expireAccessTokens' | 'expireRefreshTokens' | 'setAccessTokenTtlSeconds'>;
}

export const kareSandbox: ApiRegistration<KareSandboxOptions, KareCredentials, KareHandles> = {
  mount({ seed, companies, secret, options }) {
    const api = createKareApi({ seed, companies, password: secret, accessTokenTtlSeconds: options.kareAccessTokenTtlSeconds });
    return {
      api,
      credentials: (url) => ({ baseUrl: url + api.prefix, email: api.email, password: api.password, ...api.initialTokens }),
      facts: () => kareFacts(api.data),
      handles: { kareSessions: api.sessions },
    };
  },
  checkOptions({ kareAccessTokenTtlSeconds: ttl }) {
    if (ttl !== undefined && !(ttl > 0 && Number.isFinite(ttl))) throw new RangeError(`kareAccessTokenTtlSeconds must be > 0`);
  },
  cliFlags: [
    { name: 'kare-token-ttl', placeholder: 'S', integer: [1, 86_400 * 365], apply: (options, value) => void (options.kareAccessTokenTtlSeconds = Number(value)) },
  ],
};
