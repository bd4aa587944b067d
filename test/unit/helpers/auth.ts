// A fixed Bitsight token as a ProviderContext's authorize/onUnauthorized, for clients under test.
import { bitsightToken } from '../../../src/providers/bitsight/auth';
import type { Redactor } from '../../../src/core/redact';

export function tokenAuth(token: string | (() => string), redactor?: Redactor): { authorize: () => Promise<Record<string, string>>; onUnauthorized: () => Promise<boolean> } {
  return {
    authorize: async () => {
      const t = typeof token === 'function' ? token() : token;
      redactor?.add(t);
      return bitsightToken.headers({ values: { token: t }, tokens: {}, settings: {} });
    },
    onUnauthorized: async () => false,
  };
}
