// Guidewire Cloud API sign-in (guidewire.md §1, seed 004): a pasted bearer token; OAuth2 client
// credentials (form-encoded grant_type=client_credentials at a token URL on the identity provider's
// host, renewed before `expires_in` runs out), with an optional GW-User-Context; and Basic, which
// only development instances accept.
import { basicAuth, noSpaces, secureUrl, type AuthHttp, type AuthScheme, type CredentialState, type Obtained } from '../../core/auth';
import * as z from '../../core/zod';

const tokenAnswer = z.object({ access_token: z.string().check(z.minLength(1)), expires_in: z.optional(z.union([z.number(), z.string()])) });

/** base64 of {"sub","pc_username"}: the internal user a service call runs as (only honoured with the allowusercontext claim). */
export function userContext(user: string): string {
  return Buffer.from(JSON.stringify({ sub: user, pc_username: user })).toString('base64');
}

function withUserContext(headers: Record<string, string>, s: CredentialState): Record<string, string> {
  const user = s.settings.userContext?.trim();
  return user ? { ...headers, 'GW-User-Context': userContext(user) } : headers;
}

async function clientCredentials(s: CredentialState, http: AuthHttp): Promise<Obtained> {
  const form: Record<string, string> = { grant_type: 'client_credentials', client_id: s.settings.clientId ?? '', client_secret: s.values.clientSecret ?? '' };
  if (s.settings.scopes?.trim()) form.scope = s.settings.scopes.trim();
  const got = await http.request(s.settings.tokenUrl ?? '', { method: 'POST', form, schema: tokenAnswer });
  const seconds = Number(got.expires_in);
  return { tokens: { accessToken: got.access_token }, expiresAt: Number.isFinite(seconds) && seconds > 0 ? http.now() + seconds * 1000 : undefined };
}

export const guidewireBearer: AuthScheme = {
  id: 'bearer',
  label: 'Bearer token',
  detail: 'pasted; not renewed',
  fields: [{ name: 'token', label: 'Token', secret: true, prompt: 'A bearer token (JWT) for this tenant', validate: noSpaces('token') }],
  headers: (s) => ({ Authorization: `Bearer ${s.values.token ?? ''}` }),
};

export const guidewireClientCredentials: AuthScheme = {
  id: 'clientCredentials',
  label: 'OAuth2 client credentials',
  detail: 'service registration: token URL, client id and secret, scopes',
  fields: [
    { name: 'tokenUrl', label: 'Token URL', secret: false, placeholder: 'https://guidewire-hub.okta.com/oauth2/<authServerId>/v1/token', validate: secureUrl('token URL') },
    { name: 'clientId', label: 'Client id', secret: false, validate: noSpaces('client id') },
    { name: 'clientSecret', label: 'Client secret', secret: true, validate: noSpaces('client secret') },
    { name: 'scopes', label: 'Scopes', secret: false, optional: true, placeholder: 'scp.pc.<role> pc.service tenant.<tenantId> …', prompt: 'Scopes from the registration, separated by spaces' },
    { name: 'userContext', label: 'GW-User-Context user', secret: false, optional: true, prompt: 'Optional: the user name the calls run as (sent as GW-User-Context)' },
  ],
  headers: (s) => withUserContext({ Authorization: `Bearer ${s.tokens.accessToken ?? ''}` }, s),
  exchange: clientCredentials,
  renew: clientCredentials,
};

export const guidewireBasic: AuthScheme = {
  id: 'basic',
  label: 'User name and password',
  detail: 'development instances only',
  fields: [
    { name: 'username', label: 'User name', secret: false, validate: noSpaces('user name') },
    { name: 'password', label: 'Password', secret: true },
  ],
  headers: (s) => ({ Authorization: basicAuth(s.settings.username ?? '', s.values.password ?? '') }),
};

export const GUIDEWIRE_AUTH_SCHEMES: AuthScheme[] = [guidewireBearer, guidewireClientCredentials, guidewireBasic];
