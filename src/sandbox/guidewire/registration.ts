// What the generic sandbox needs of the simulated Guidewire API: what a client needs to sign in
// (the fixed bearer token, the OAuth client of the token endpoint, the Basic user of development
// instances), its facts, and the live data and token knobs as `RunningSandbox.guidewire`.
import type { ApiRegistration } from '../api.js';
import type { GuidewireData } from './data.js';
import { guidewireFacts } from './facts.js';
import { GUIDEWIRE_OAUTH_MOUNT, TOKEN_PATH, createGuidewireApi } from './index.js';

export interface GuidewireSandboxOptions {
  /** Guidewire's OAuth client, Basic user and token lifetime; defaults: random secrets, 3600 s. */
  guidewire?: { clientId?: string; clientSecret?: string; password?: string; tokenLifetimeSeconds?: number };
}

/** What a Guidewire client needs to sign in: a ready bearer token, the OAuth client, or Basic (dev). */
export interface GuidewireConnection {
  baseUrl: string;
  token: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, as the token request sends them. */
  scopes: string;
  user: string;
  password: string;
}

export interface GuidewireHandles {
  /** The simulated Guidewire API's live state and token knobs. */
  readonly guidewire: {
    readonly data: GuidewireData;
    /** Lifetime of tokens issued from now on (expires_in); shorten it to test renewal. */
    setTokenLifetimeSeconds(seconds: number): void;
    /** Every issued access token stops working at once (the fixed token keeps working). */
    revokeTokens(): void;
    /** Access tokens issued so far. */
    readonly tokensIssued: number;
  };
}

export const guidewireSandbox: ApiRegistration<GuidewireSandboxOptions, GuidewireConnection, GuidewireHandles> = {
  mount({ seed, companies, secret, randomSecret, options }) {
    const own = options.guidewire;
    const client = {
      clientId: own?.clientId ?? 'portfolio-contacts-sandbox',
      clientSecret: own?.clientSecret ?? randomSecret(),
      scopes: 'scp.pc.portfolio_contacts pc.service tenant.sandbox project.default planet_class.lower',
      user: 'aapplegate',
      password: own?.password ?? randomSecret(),
    };
    const api = createGuidewireApi({
      seed,
      companies,
      token: secret,
      ...client,
      ...(own?.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: own.tokenLifetimeSeconds }),
    });
    return {
      api,
      credentials: (url) => ({ baseUrl: url + api.prefix, token: secret, tokenUrl: `${url}${GUIDEWIRE_OAUTH_MOUNT}${TOKEN_PATH}`, ...client }),
      // A holder of the control token may act as the API's client (a test changing data behind a form's back).
      facts: () => ({ ...guidewireFacts(api.data), token: secret }),
      handles: {
        guidewire: {
          get data() {
            return api.data;
          },
          setTokenLifetimeSeconds: (seconds) => {
            if (!(seconds > 0 && Number.isFinite(seconds))) throw new RangeError(`token lifetime must be > 0, got ${seconds}`);
            api.tokens.lifetimeSeconds = seconds;
          },
          revokeTokens: () => api.tokens.revokeAll(),
          get tokensIssued() {
            return api.tokens.issued;
          },
        },
      },
    };
  },
};
