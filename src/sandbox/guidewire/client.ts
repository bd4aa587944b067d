// Signing in to the simulated Guidewire API: its fixed bearer token (the provider's 'bearer' scheme).
import type { SandboxClient } from '../client.js';
import type { GuidewireConnection } from './registration.js';

export const guidewireClient: SandboxClient<GuidewireConnection> = {
  secretField: 'token',
  signIn: (c) => ({ scheme: 'bearer', values: { token: c.token }, settings: {} }),
};
