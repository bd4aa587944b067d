// The APIs the sandbox serves, by mount point. Adding a simulator = a folder next to bitsight/
// and replacing its notServedYet line here.
import type { SandboxApi } from './api.js';
import type { BitsightApi } from './bitsight/index.js';
import { createBitsightApi } from './bitsight/index.js';
import type { KareApi } from './kare/index.js';
import { createKareApi } from './kare/index.js';
import { notServedYet } from './not-served.js';

export interface ApiTokens {
  bitsight: string;
  bitsightViewer: string;
  kare: string;
  guidewire: string;
}

export interface MountedApis {
  bitsight: BitsightApi;
  kare: KareApi;
  all: SandboxApi[];
}

export function mountApis(options: { seed: number; companies: number; tokens: ApiTokens; kareAccessTokenTtlSeconds?: number | undefined }): MountedApis {
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
  return {
    bitsight,
    kare,
    all: [
      bitsight,
      kare,
      notServedYet('guidewire', '/guidewire/rest', 'Guidewire'),
    ],
  };
}
