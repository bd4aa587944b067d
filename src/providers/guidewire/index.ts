import { GUIDEWIRE_AUTH_SCHEMES } from './auth';
import type { ProviderDescriptor } from '../../core/provider';

export const guidewire: ProviderDescriptor = {
  api: 'guidewire',
  label: 'Guidewire',
  // There is no Guidewire-hosted endpoint: each tenant has its own host (guidewire.md §1).
  defaultBaseUrl: 'https://your-tenant.example.guidewire.net/pc/rest',
  authSchemes: GUIDEWIRE_AUTH_SCHEMES,
  create: async (ctx) => new (await import('./client.js')).GuidewireProvider(ctx),
};
