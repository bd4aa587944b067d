// The APIs the sandbox serves, by mount point. Adding a simulator = a folder next to bitsight/
// and replacing its notServedYet line here.
import type { SandboxApi } from './api.js';
import type { BitsightApi } from './bitsight/index.js';
import { createBitsightApi } from './bitsight/index.js';
import { notServedYet } from './not-served.js';

export interface ApiTokens {
  bitsight: string;
  bitsightViewer: string;
  kare: string;
  guidewire: string;
}

export interface MountedApis {
  bitsight: BitsightApi;
  all: SandboxApi[];
}

export function mountApis(options: { seed: number; companies: number; tokens: ApiTokens }): MountedApis {
  const bitsight = createBitsightApi({
    seed: options.seed,
    companies: options.companies,
    token: options.tokens.bitsight,
    viewerToken: options.tokens.bitsightViewer,
  });
  return {
    bitsight,
    all: [
      bitsight,
      notServedYet('kare', '/kare', 'Kare'),
      notServedYet('guidewire', '/guidewire/rest', 'Guidewire'),
    ],
  };
}
