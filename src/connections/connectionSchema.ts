// What a stored connection may hold (see store.ts). Its own module so that zod loads with the
// first read of the list rather than at activation.
import * as z from '../core/zod';
import { API_KINDS } from '../core/model';
import { checkBaseUrl } from './baseUrl';

export const connectionSchema = z.object({
  id: z.string().check(z.regex(/^[\w-]{1,64}$/)),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  api: z.enum(API_KINDS),
  baseUrl: z.string().check(z.refine((u) => checkBaseUrl(u).ok, 'not an allowed base URL')),
  /** The auth scheme's id; absent on connections saved before schemes (the provider's first scheme). */
  scheme: z.optional(z.string().check(z.regex(/^[\w.-]{1,64}$/))),
  /** The scheme's non-secret fields (token URL, scopes, client id…); secrets are in SecretStorage. */
  settings: z.optional(z.record(z.string().check(z.regex(/^[A-Za-z][\w.-]{0,63}$/)), z.string().check(z.maxLength(2000)))),
  /** Served by the embedded sandbox; its base URL follows the sandbox's port. */
  sandbox: z.optional(z.boolean()),
});
export type Connection = z.infer<typeof connectionSchema>;
