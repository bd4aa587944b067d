// Adding a provider = a new folder beside bitsight/ and one line here.
import type { ApiKind } from '../core/model';
import type { ProviderDescriptor } from '../core/provider';
import { bitsight } from './bitsight';
import { guidewire } from './guidewire';
import { kare } from './kare';

export const PROVIDERS: Partial<Record<ApiKind, ProviderDescriptor>> = {
  bitsight,
  kare,
  guidewire,
};

export function descriptorFor(api: ApiKind): ProviderDescriptor | undefined {
  return PROVIDERS[api];
}
