// The simulated Bitsight API, mounted at /bitsight: token authentication, the route table, and
// Bitsight's wording of generic errors.
import type { Admission, ApiErrorReplies, ApiRequest, SandboxApi } from '../api.js';
import { basicAuthUser, sameSecret } from '../auth.js';
import { jsonReply } from '../http.js';
import { createRouter } from '../router.js';
import type { BitsightContext, BitsightRoute } from './context.js';
import type { BitsightData, UserRecord } from './data.js';
import { AUTH_INVALID_TOKEN, AUTH_NOT_PROVIDED, NOT_FOUND, SERVER_ERROR, WWW_AUTHENTICATE, methodNotAllowed, throttled } from './errors.js';
import { accessGroupRoutes } from './routes/access-groups.js';
import { accessRequestRoutes } from './routes/access-requests.js';
import { companyRoutes } from './routes/companies.js';
import { contactRoutes } from './routes/contacts.js';
import { folderRoutes } from './routes/folders.js';
import { portfolioRoutes } from './routes/portfolio.js';
import { userRoutes } from './routes/users.js';
import { generateBitsightData } from './seed.js';
import { BitsightStore } from './store.js';

export const BITSIGHT_PREFIX = '/bitsight';

/** Literal routes before placeholder routes (see router.ts). */
const ROUTES: BitsightRoute[] = [
  ...portfolioRoutes,
  ...contactRoutes,
  ...folderRoutes,
  ...userRoutes,
  ...companyRoutes,
  ...accessGroupRoutes,
  ...accessRequestRoutes,
];

export interface BitsightApiOptions {
  seed: number;
  companies: number;
  /** The token of the account's Admin (the "current user"). */
  token: string;
  /** The token of a read-only customer_user, for permission tests. */
  viewerToken: string;
}

export interface BitsightApi extends SandboxApi {
  readonly store: BitsightStore;
  readonly data: BitsightData;
}

const DEFAULT_THROTTLE_SECONDS = 60;

export const bitsightErrors: ApiErrorReplies = {
  notFound: () => jsonReply(404, { detail: NOT_FOUND }),
  unauthorized: () => jsonReply(401, { detail: AUTH_INVALID_TOKEN }, { 'WWW-Authenticate': WWW_AUTHENTICATE }),
  throttled: (retryAfterSeconds) =>
    jsonReply(
      429,
      { detail: throttled(retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS) },
      retryAfterSeconds === null ? undefined : { 'Retry-After': String(retryAfterSeconds) },
    ),
  serverError: () => jsonReply(500, { detail: SERVER_ERROR }),
  // DRF's field errors: each field names a list of messages.
  fieldError: (field, message) => jsonReply(400, { [field]: [message] }),
};

const dispatch = createRouter<BitsightContext>(ROUTES, {
  notFound: bitsightErrors.notFound,
  methodNotAllowed: (method, allowed) =>
    jsonReply(405, { detail: methodNotAllowed(method) }, { Allow: [...allowed, 'OPTIONS'].join(', ') }),
});

/**
 * '/v2/portfolio/' → '/ratings/v2/portfolio'. Bitsight's OpenAPI servers omit '/ratings' and
 * working clients use both forms; DRF-style trailing slashes are tolerated too.
 */
function canonicalPath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return /^\/v\d+(\/|$)/.test(trimmed) ? '/ratings' + trimmed : trimmed;
}

export function createBitsightApi(options: BitsightApiOptions): BitsightApi {
  const store = new BitsightStore(generateBitsightData({ seed: options.seed, companies: options.companies }));
  const callerFor = (token: string | undefined): UserRecord | undefined => {
    const data = store.data;
    if (sameSecret(token, options.token)) return store.user(data.currentUserGuid);
    if (sameSecret(token, options.viewerToken)) return store.user(data.viewerUserGuid);
    return undefined;
  };

  const authenticate = (req: ApiRequest): Admission => {
    const credentials = basicAuthUser(req.headers.authorization);
    if (!credentials.present) {
      return { ok: false, reply: jsonReply(401, { detail: AUTH_NOT_PROVIDED }, { 'WWW-Authenticate': WWW_AUTHENTICATE }) };
    }
    // sandbox's own choice: only Basic with a known token as user name is accepted (Bearer/JWT is undocumented for customers).
    const caller = callerFor(credentials.user);
    if (!caller) return { ok: false, reply: bitsightErrors.unauthorized() };
    return { ok: true, respond: () => dispatch(req.method, canonicalPath(req.path), { req, store, caller }) };
  };

  return {
    kind: 'bitsight',
    prefix: BITSIGHT_PREFIX,
    errors: bitsightErrors,
    store,
    get data() {
      return store.data;
    },
    authenticate,
  };
}
