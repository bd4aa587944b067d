import type { ProviderDescriptor } from '../../core/provider';

export const bitsight: ProviderDescriptor = {
  api: 'bitsight',
  label: 'Bitsight',
  defaultBaseUrl: 'https://api.bitsighttech.com',
  tokenPrompt: 'Bitsight API token (Settings → Account → API Token in the Bitsight platform)',
  tokenPlaceholder: 'API token',
  create: async (ctx) => new (await import('./client.js')).BitsightProvider(ctx),
};
