// What the generic sandbox needs of the simulated Bitsight API: its credentials (the Admin's API
// token and a read-only customer_user's), its facts, the live data as `RunningSandbox.data`, and
// the `--token`/`--viewer-token` CLI flags.
import type { ApiRegistration } from '../api.js';
import type { BitsightData } from './data.js';
import { bitsightFacts } from './facts.js';
import { createBitsightApi } from './index.js';
import { MAX_COMPANIES } from './seed.js';

export interface BitsightSandboxOptions {
  /** Token of a Bitsight customer_user (read-only role), for permission tests; default random. */
  bitsightViewerToken?: string;
}

export interface BitsightCredentials {
  baseUrl: string;
  token: string;
  viewerToken: string;
}

export interface BitsightHandles {
  /** The live seeded Bitsight state. */
  readonly data: BitsightData;
}

export const bitsightSandbox: ApiRegistration<BitsightSandboxOptions, BitsightCredentials, BitsightHandles> = {
  maxCompanies: MAX_COMPANIES,
  mount({ seed, companies, secret, randomSecret, options }) {
    const viewerToken = options.bitsightViewerToken ?? randomSecret();
    const api = createBitsightApi({ seed, companies, token: secret, viewerToken });
    return {
      api,
      credentials: (url) => ({ baseUrl: url + api.prefix, token: secret, viewerToken }),
      facts: () => ({ ...bitsightFacts(api.data), viewerToken }),
      handles: {
        get data() {
          return api.data;
        },
      },
    };
  },
  // The viewer token is for permission tests; a script reads it from /__sandbox/facts.
  cliKeys: ['baseUrl', 'token'],
  cliFlags: [
    { name: 'token', placeholder: 'T', apply: (options, value) => void (options.tokens = { ...options.tokens, bitsight: String(value) }) },
    { name: 'viewer-token', placeholder: 'T', apply: (options, value) => void (options.bitsightViewerToken = String(value)) },
  ],
};
