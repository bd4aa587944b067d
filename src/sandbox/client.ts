// How a client signs in to one simulated API: which scheme of its provider the sandbox's
// credentials fit, and how they fill that scheme's fields. Each API declares its own in its folder
// (`<api>/client.ts`); src/sandbox/connections.ts only loops over them. Pure data and functions,
// with no server code, so the extension reads them without loading the sandbox.

export interface SandboxSignIn {
  /** The id of one of the provider's auth schemes. */
  scheme: string;
  /** The scheme's secret fields (SecretStorage). */
  values: Record<string, string>;
  /** The scheme's non-secret fields (the connection's metadata). */
  settings: Record<string, string>;
  /** Tokens already obtained (a session the sandbox opened at start), so the first call needs no sign-in. */
  tokens?: Record<string, string>;
}

export interface SandboxClient<C extends { baseUrl: string }> {
  /** The field of a stored credential record holding the secret the sandbox is started with. */
  secretField: string;
  signIn(credentials: C): SandboxSignIn;
}
