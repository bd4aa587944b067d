import { bitsightToken } from './auth';
import type { ProviderDescriptor } from '../../core/provider';

export const bitsight: ProviderDescriptor = {
  api: 'bitsight',
  label: 'Bitsight',
  defaultBaseUrl: 'https://api.bitsighttech.com',
  authSchemes: [bitsightToken],
  create: async (ctx) => new (await import('./client.js')).BitsightProvider(ctx),
};
