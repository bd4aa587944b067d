// The simulated Kare API, mounted at /kare: the two-token authentication (Bearer access token AND
// X-Session-Token on every business call), the route table, and Kare's wording of generic errors.
import type { Admission, ApiRequest, SandboxApi } from '../api.js';
import { bearerToken } from '../auth.js';
import { createRouter } from '../router.js';
import type { KareContext, KareRoute } from './context.js';
import type { KareData } from './data.js';
import { METHOD_NOT_ALLOWED, kareErrors, messageReply } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { companyRoutes } from './routes/companies.js';
import { contactRoutes } from './routes/contacts.js';
import { KARE_USER_EMAIL, generateKareData } from './seed.js';
import type { TokenSet } from './sessions.js';
import { KareSessions } from './sessions.js';
import { KareStore } from './store.js';

export const KARE_PREFIX = '/kare';
export { kareErrors } from './errors.js';

/** Literal routes before placeholder routes (see router.ts). */
const ROUTES: KareRoute[] = [...authRoutes, ...contactRoutes, ...companyRoutes];

const dispatch = createRouter<KareContext>(ROUTES, {
  notFound: kareErrors.notFound,
  methodNotAllowed: (_method, allowed) => messageReply(405, METHOD_NOT_ALLOWED, { Allow: allowed.join(', ') }),
});

/** sandbox: sign-in calls need no token (a client has none yet, or only an expired one). */
const isSignIn = (path: string) => path.startsWith('/auth/');

/** Secrets a sign-in body carries; the request and write logs never keep them. */
const SECRET_BODY_FIELDS = ['password', 'refreshToken'];

export interface KareApiOptions {
  seed: number;
  companies: number;
  /** The password of the one account. */
  password: string;
  accessTokenTtlSeconds?: number | undefined;
}

export interface KareApi extends SandboxApi {
  readonly email: string;
  readonly password: string;
  /** A session opened at start, so clients can skip the login. */
  readonly initialTokens: TokenSet;
  readonly sessions: KareSessions;
  /** The live seeded state (generated on first use). */
  readonly data: KareData;
  readonly store: KareStore;
}

function header(req: ApiRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function createKareApi(options: KareApiOptions): KareApi {
  let store: KareStore | undefined;
  const lazyStore = () => (store ??= new KareStore(generateKareData({ seed: options.seed, companies: options.companies })));
  const sessions = new KareSessions(1, options.accessTokenTtlSeconds);
  const initialTokens = sessions.open(Date.now());
  const credentials = { email: KARE_USER_EMAIL, password: options.password };

  const authenticate = (req: ApiRequest): Admission => {
    const respond = () => dispatch(req.method, req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path, { req, store: lazyStore, sessions, credentials });
    if (isSignIn(req.path)) return { ok: true, respond };
    const admitted = sessions.admits(bearerToken(header(req, 'authorization')), header(req, 'x-session-token')?.trim(), req.receivedAt.getTime());
    return admitted ? { ok: true, respond } : { ok: false, reply: kareErrors.unauthorized() };
  };

  return {
    kind: 'kare',
    prefix: KARE_PREFIX,
    errors: kareErrors,
    email: credentials.email,
    password: options.password,
    initialTokens,
    sessions,
    get data() {
      return lazyStore().data;
    },
    get store() {
      return lazyStore();
    },
    authenticate,
    recordBody: ({ path }, body) => {
      if (!isSignIn(path)) return body;
      if (typeof body === 'string') return '[redacted]'; // not JSON: it may still hold the password
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
      const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      for (const field of SECRET_BODY_FIELDS) if (field in copy) copy[field] = '[redacted]';
      return copy;
    },
  };
}
