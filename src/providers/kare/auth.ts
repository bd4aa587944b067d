// Kare's sign-in (kare.md §2, seed 003): e-mail + password exchanged once for an access, a session
// and a refresh token, or the two tokens pasted. Every call carries both tokens; the refresh token
// renews them (POST /auth/v1/bo/token/refresh). The password is kept only if the person asks, and
// then lets a failed refresh sign in again by itself.
import { jwtExpiry, noSpaces, type AuthHttp, type AuthScheme, type CredentialState, type Obtained } from '../../core/auth';
import { t } from '../../core/l10n';
import * as z from '../../core/zod';

/** The seed's e-mail pattern, exactly (login, forgot-password and contact e-mails). */
export const KARE_EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

const login = z.object({ data: z.object({ accessToken: z.string(), refreshToken: z.string(), sessionToken: z.string() }) });
const refreshed = z.object({ accessToken: z.string(), sessionToken: z.string() });

function kareHeaders(accessToken: string | undefined, sessionToken: string | undefined): Record<string, string> {
  // The seed marks Content-Type as required on every call, GETs included.
  return { Authorization: `Bearer ${accessToken ?? ''}`, 'X-Session-Token': sessionToken ?? '', 'Content-Type': 'application/json' };
}

async function signIn(s: CredentialState, http: AuthHttp): Promise<Obtained> {
  const { data } = await http.request('/auth/v1/rs/login/credentials', { method: 'POST', body: { email: s.settings.email, password: s.values.password }, schema: login });
  return { tokens: data, expiresAt: jwtExpiry(data.accessToken) };
}

export const karePassword: AuthScheme = {
  id: 'password',
  get label() { return t('E-mail and password'); },
  fields: [
    { name: 'email', get label() { return t('E-mail'); }, secret: false, get prompt() { return t('The e-mail address you sign in to Kare with'); }, validate: (v) => (v.length > 250 ? t('At most 250 characters') : KARE_EMAIL.test(v) ? undefined : t('This is not an e-mail address Kare accepts')) },
    { name: 'password', get label() { return t('Password'); }, secret: true, get prompt() { return t('Your Kare password (used once to sign in)'); }, storeOnlyIfAsked: true },
  ],
  headers: (s) => kareHeaders(s.tokens.accessToken, s.tokens.sessionToken),
  exchange: signIn,
  async renew(s, http) {
    try {
      const got = await http.request('/auth/v1/bo/token/refresh', { method: 'POST', body: { refreshToken: s.tokens.refreshToken }, schema: refreshed });
      return { tokens: got, expiresAt: jwtExpiry(got.accessToken) };
    } catch (e) {
      // A kept password can sign in again; otherwise the person must.
      if (s.values.password) return signIn(s, http);
      throw e;
    }
  },
};

export const kareTokens: AuthScheme = {
  id: 'tokens',
  get label() { return t('Access and session tokens'); },
  get detail() { return t('pasted; not renewed'); },
  fields: [
    { name: 'accessToken', get label() { return t('Access token'); }, secret: true, validate: noSpaces(() => t('access token')) },
    { name: 'sessionToken', get label() { return t('Session token'); }, secret: true, validate: noSpaces(() => t('session token')) },
  ],
  headers: (s) => kareHeaders(s.values.accessToken, s.values.sessionToken),
};

export const KARE_AUTH_SCHEMES: AuthScheme[] = [karePassword, kareTokens];
