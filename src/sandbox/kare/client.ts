// Signing in to the simulated Kare API: the account's e-mail and password (the sandbox takes its
// start secret as that password), with the session it opened at start.
import type { SandboxClient } from '../client.js';
import type { KareCredentials } from './registration.js';

export const kareClient: SandboxClient<KareCredentials> = {
  secretField: 'password',
  signIn: (c) => ({
    // The password is kept with the record so a restarted sandbox (whose sessions are new) is signed in to again.
    scheme: 'password',
    values: { password: c.password },
    settings: { email: c.email },
    tokens: { accessToken: c.accessToken, sessionToken: c.sessionToken, refreshToken: c.refreshToken },
  }),
};
