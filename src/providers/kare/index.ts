import { KARE_AUTH_SCHEMES } from './auth';
import type { ProviderDescriptor } from '../../core/provider';

export const kare: ProviderDescriptor = {
  api: 'kare',
  label: 'Kare',
  defaultBaseUrl: 'https://z52mnqg347.execute-api.eu-west-3.amazonaws.com/main',
  authSchemes: KARE_AUTH_SCHEMES,
  create: async (ctx) => new (await import('./client.js')).KareProvider(ctx),
};
