// The APIs the sandbox serves, by mount point. Adding a simulator = a folder next to bitsight/
// and replacing its notServedYet line here.
import type { SandboxApi } from './api.js';
import type { BitsightApi } from './bitsight/index.js';
import { createBitsightApi } from './bitsight/index.js';
import type { GuidewireApi, GuidewireApiOptions } from './guidewire/index.js';
import { createGuidewireApi } from './guidewire/index.js';
import { notServedYet } from './not-served.js';

export interface ApiTokens {
  bitsight: string;
  bitsightViewer: string;
  kare: string;
  guidewire: string;
}

export interface MountedApis {
  bitsight: BitsightApi;
  guidewire: GuidewireApi;
  all: SandboxApi[];
}

/** The Guidewire credentials besides the bearer token (OAuth client, Basic user). */
export type GuidewireCredentials = Pick<GuidewireApiOptions, 'clientId' | 'clientSecret' | 'scopes' | 'user' | 'password' | 'tokenLifetimeSeconds'>;

export function mountApis(options: { seed: number; companies: number; tokens: ApiTokens; guidewire: GuidewireCredentials }): MountedApis {
  const bitsight = createBitsightApi({
    seed: options.seed,
    companies: options.companies,
    token: options.tokens.bitsight,
    viewerToken: options.tokens.bitsightViewer,
  });
  const guidewire = createGuidewireApi({ seed: options.seed, companies: options.companies, token: options.tokens.guidewire, ...options.guidewire });
  return {
    bitsight,
    guidewire,
    all: [
      bitsight,
      notServedYet('kare', '/kare', 'Kare'),
      guidewire,
    ],
  };
}
