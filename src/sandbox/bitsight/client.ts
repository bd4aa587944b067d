// Signing in to the simulated Bitsight API: the Admin's API token (the provider's 'token' scheme).
import type { SandboxClient } from '../client.js';
import type { BitsightCredentials } from './registration.js';

export const bitsightClient: SandboxClient<BitsightCredentials> = {
  secretField: 'token',
  signIn: (c) => ({ scheme: 'token', values: { token: c.token }, settings: {} }),
};
