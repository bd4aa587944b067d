// What every Kare route handler receives.
import type { ApiRequest } from '../api.js';
import type { Route } from '../router.js';
import type { KareSessions } from './sessions.js';
import type { KareStore } from './store.js';

export interface KareContext {
  req: ApiRequest;
  /** Built on first use: seeding 50,000 companies must not slow down sandboxes that never call Kare. */
  store(): KareStore;
  sessions: KareSessions;
  /** The one account that can sign in. */
  credentials: { email: string; password: string };
}

export type KareRoute = Route<KareContext>;
