// The APIs the sandbox serves, in the order they are listed (facts, the CLI line, Try the
// Sandbox). Adding a simulator = a folder next to bitsight/ with its registration, and one line
// here; the server, CLI and control endpoints read everything else from the registration.
import type { Registry } from './api.js';
import { bitsightSandbox } from './bitsight/registration.js';
import { guidewireSandbox } from './guidewire/registration.js';
import { kareSandbox } from './kare/registration.js';

export const SANDBOX_APIS = {
  bitsight: bitsightSandbox,
  kare: kareSandbox,
  guidewire: guidewireSandbox,
} satisfies Registry;

export type SandboxApis = typeof SANDBOX_APIS;
