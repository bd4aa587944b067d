// What every Bitsight route handler receives.
import type { ApiRequest } from '../api.js';
import type { Route } from '../router.js';
import type { UserRecord } from './data.js';
import type { BitsightStore } from './store.js';

export interface BitsightContext {
  req: ApiRequest;
  store: BitsightStore;
  /** The user the token belongs to. */
  caller: UserRecord;
}

export type BitsightRoute = Route<BitsightContext>;
