// What every Guidewire route handler receives.
import type { ApiRequest } from '../api.js';
import type { Route } from '../router.js';
import type { GuidewireStore } from './store.js';

export interface GuidewireContext {
  req: ApiRequest;
  store: GuidewireStore;
}

export type GuidewireRoute = Route<GuidewireContext>;
