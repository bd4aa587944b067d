// Guidewire Cloud API sign-in (guidewire.md §1, seed 004): a pasted bearer token; OAuth2 client
// credentials (form-encoded grant_type=client_credentials at a token URL on the identity provider's
// host, renewed before `expires_in` runs out), with an optional GW-User-Context; and Basic, which
// only development instances accept.
import { basicAuth, noSpaces, secureUrl, type AuthHttp, type AuthScheme, type CredentialState, type Obtained } from '../../core/auth';
import { t } from '../../core/l10n';
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
  get label() { return t('Bearer token'); },
  get detail() { return t('pasted; not renewed'); },
  fields: [{ name: 'token', get label() { return t('Token'); }, secret: true, get prompt() { return t('A bearer token (JWT) for this tenant'); }, validate: noSpaces(() => t('token')) }],
  headers: (s) => ({ Authorization: `Bearer ${s.values.token ?? ''}` }),
};

export const guidewireClientCredentials: AuthScheme = {
  id: 'clientCredentials',
  get label() { return t('OAuth2 client credentials'); },
  get detail() { return t('service registration: token URL, client id and secret, scopes'); },
  fields: [
    { name: 'tokenUrl', get label() { return t('Token URL'); }, secret: false, placeholder: 'https://guidewire-hub.okta.com/oauth2/<authServerId>/v1/token', validate: secureUrl(() => t('token URL')) },
    { name: 'clientId', get label() { return t('Client id'); }, secret: false, validate: noSpaces(() => t('client id')) },
    { name: 'clientSecret', get label() { return t('Client secret'); }, secret: true, validate: noSpaces(() => t('client secret')) },
    { name: 'scopes', get label() { return t('Scopes'); }, secret: false, optional: true, placeholder: 'scp.pc.<role> pc.service tenant.<tenantId> …', get prompt() { return t('Scopes from the registration, separated by spaces'); } },
    { name: 'userContext', get label() { return t('GW-User-Context user'); }, secret: false, optional: true, get prompt() { return t('Optional: the user name the calls run as (sent as GW-User-Context)'); } },
  ],
  headers: (s) => withUserContext({ Authorization: `Bearer ${s.tokens.accessToken ?? ''}` }, s),
  exchange: clientCredentials,
  renew: clientCredentials,
};

export const guidewireBasic: AuthScheme = {
  id: 'basic',
  get label() { return t('User name and password'); },
  get detail() { return t('development instances only'); },
  fields: [
    { name: 'username', get label() { return t('User name'); }, secret: false, validate: noSpaces(() => t('user name')) },
    { name: 'password', get label() { return t('Password'); }, secret: true },
  ],
  headers: (s) => ({ Authorization: basicAuth(s.settings.username ?? '', s.values.password ?? '') }),
};

export const GUIDEWIRE_AUTH_SCHEMES: AuthScheme[] = [guidewireBearer, guidewireClientCredentials, guidewireBasic];
