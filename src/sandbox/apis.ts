// The APIs the sandbox serves, by mount point. Adding a simulator = a folder next to bitsight/
// and one line here.
import type { SandboxApi } from './api.js';
import type { BitsightApi } from './bitsight/index.js';
import { createBitsightApi } from './bitsight/index.js';
import type { KareApi } from './kare/index.js';
import { createKareApi } from './kare/index.js';
import type { GuidewireApi, GuidewireApiOptions } from './guidewire/index.js';
import { createGuidewireApi } from './guidewire/index.js';

export interface ApiTokens {
  bitsight: string;
  bitsightViewer: string;
  kare: string;
  guidewire: string;
}

export interface MountedApis {
  bitsight: BitsightApi;
  kare: KareApi;
  guidewire: GuidewireApi;
  all: SandboxApi[];
}

/** The Guidewire credentials besides the bearer token (OAuth client, Basic user). */
export type GuidewireCredentials = Pick<GuidewireApiOptions, 'clientId' | 'clientSecret' | 'scopes' | 'user' | 'password' | 'tokenLifetimeSeconds'>;

export function mountApis(options: {
  seed: number;
  companies: number;
  tokens: ApiTokens;
  guidewire: GuidewireCredentials;
  kareAccessTokenTtlSeconds?: number | undefined;
}): MountedApis {
  const bitsight = createBitsightApi({
    seed: options.seed,
    companies: options.companies,
    token: options.tokens.bitsight,
    viewerToken: options.tokens.bitsightViewer,
  });
  // tokens.kare is the Kare account's password: the one long-lived secret of that API.
  const kare = createKareApi({
    seed: options.seed,
    companies: options.companies,
    password: options.tokens.kare,
    accessTokenTtlSeconds: options.kareAccessTokenTtlSeconds,
  });
  const guidewire = createGuidewireApi({ seed: options.seed, companies: options.companies, token: options.tokens.guidewire, ...options.guidewire });
  return {
    bitsight,
    kare,
    guidewire,
    all: [
      bitsight,
      kare,
      guidewire,
    ],
  };
}
