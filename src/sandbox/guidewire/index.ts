// The simulated Guidewire Cloud API, mounted at /guidewire/rest, with the client-credentials token
// endpoint that stands in for Guidewire Hub at /guidewire/oauth2/token. Authentication (a bearer
// token: the fixed sandbox token or one the token endpoint issued; Basic user:password as on
// development instances), the GW-DBTransaction-ID replay rule, the route table and Guidewire's
// wording of generic errors.
import type { Admission, ApiErrorReplies, ApiRequest, SandboxApi } from '../api.js';
import { basicAuthUser, bearerToken, sameSecret } from '../auth.js';
import type { Reply, RequestBody } from '../http.js';
import { bodyForRecord } from '../http.js';
import { createRouter } from '../router.js';
import type { GuidewireContext, GuidewireRoute } from './context.js';
import type { GuidewireData } from './data.js';
import {
  AUTH_INVALID,
  AUTH_REQUIRED,
  EXCEPTIONS,
  SERVER_ERROR,
  THROTTLED,
  TRANSACTION_ID_TOO_LONG,
  WWW_AUTHENTICATE,
  alreadyExecuted,
  gwError,
} from './errors.js';
import type { OAuthClient } from './oauth.js';
import { TokenBook, redactTokenRequest, tokenEndpoint } from './oauth.js';
import { contactRoutes, notFoundAt } from './routes/contacts.js';
import { organizationRoutes } from './routes/organizations.js';
import { typelistRoutes } from './routes/typelists.js';
import { generateGuidewireData } from './seed.js';
import { GuidewireStore } from './store.js';
import { badInput } from './validation.js';

export const GUIDEWIRE_PREFIX = '/guidewire/rest';
export const GUIDEWIRE_OAUTH_MOUNT = '/guidewire/oauth2';
export const TOKEN_PATH = '/token';

const ROUTES: GuidewireRoute[] = [...organizationRoutes, ...contactRoutes, ...typelistRoutes];

export interface GuidewireApiOptions extends OAuthClient {
  seed: number;
  companies: number;
  /** The fixed bearer token (a "pasted" token that never expires). */
  token: string;
  /** Basic credentials of an internal user (development instances only). */
  user: string;
  password: string;
  tokenLifetimeSeconds?: number;
}

export interface GuidewireApi extends SandboxApi {
  readonly store: GuidewireStore;
  readonly data: GuidewireData;
  readonly tokens: TokenBook;
}

const DEFAULT_THROTTLE_SECONDS = 60;

export const guidewireErrors: ApiErrorReplies = {
  notFound: () => notFoundAt('(unknown)'),
  unauthorized: () => gwError(401, EXCEPTIONS.unauthenticated, AUTH_INVALID, { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } }),
  throttled: (retryAfterSeconds) =>
    gwError(429, EXCEPTIONS.tooManyRequests, THROTTLED, {
      developerMessage: `${THROTTLED} (after ${retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS} seconds)`,
      ...(retryAfterSeconds === null ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
    }),
  serverError: () => gwError(500, EXCEPTIONS.serverError, SERVER_ERROR),
  fieldError: (fieldName, message) => badInput([{ fieldName, message }]),
};

/** The router's 404 has no path to name; this marker is replaced by one that names it. */
const UNROUTED: Reply = { status: 404 };

const dispatch = createRouter<GuidewireContext>(ROUTES, {
  notFound: () => UNROUTED,
  methodNotAllowed: (method, allowed) =>
    gwError(405, EXCEPTIONS.methodNotAllowed, `The method ${method} is not allowed here`, { headers: { Allow: allowed.join(', ') } }),
});

/** Searches read; every other non-GET request writes and takes part in the replay rule. */
const isWrite = (req: ApiRequest) => req.method !== 'GET' && req.method !== 'HEAD' && !req.path.startsWith('/common/v1/search/');

function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function createGuidewireApi(options: GuidewireApiOptions): GuidewireApi {
  // Seeded on first use: a sandbox started for another API pays nothing for Guidewire's data.
  let lazyStore: GuidewireStore | undefined;
  const getStore = () => (lazyStore ??= new GuidewireStore(generateGuidewireData({ seed: options.seed, companies: options.companies })));
  const tokens = new TokenBook(options.tokenLifetimeSeconds);

  const route = async (req: ApiRequest): Promise<Reply> => {
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    const reply = await dispatch(req.method, path, { req, store: getStore() });
    return reply === UNROUTED ? notFoundAt(req.path) : reply;
  };

  /** docs §3.4: a replayed GW-DBTransaction-ID fails with AlreadyExecutedException and writes nothing. */
  const respond = async (req: ApiRequest): Promise<Reply> => {
    const transactionId = isWrite(req) ? header(req, 'gw-dbtransaction-id') : undefined;
    if (transactionId === undefined) return route(req);
    if (transactionId.length > 128) return badInput([{ fieldName: 'GW-DBTransaction-ID', message: TRANSACTION_ID_TOO_LONG }]);
    const store = getStore();
    if (store.wasExecuted(transactionId)) return gwError(400, EXCEPTIONS.alreadyExecuted, alreadyExecuted(transactionId));
    const reply = await route(req);
    // Only a committed transaction is remembered: a refused one may be retried with the same id.
    if (reply.status >= 200 && reply.status < 300) store.markExecuted(transactionId);
    return reply;
  };

  const authenticate = (req: ApiRequest): Admission => {
    if (req.mount === GUIDEWIRE_OAUTH_MOUNT) {
      const token = () => tokenEndpoint(req.method, req.headers, req.body, options, tokens, req.receivedAt.getTime());
      return req.path === TOKEN_PATH ? { ok: true, respond: token } : { ok: false, reply: notFoundAt(req.path) };
    }
    const authorization = req.headers.authorization;
    if (!authorization) return { ok: false, reply: gwError(401, EXCEPTIONS.unauthenticated, AUTH_REQUIRED, { headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } }) };
    const bearer = bearerToken(authorization);
    const basic = bearer === undefined ? basicAuthUser(authorization) : undefined;
    const admitted =
      bearer !== undefined
        ? sameSecret(bearer, options.token) || tokens.valid(bearer, req.receivedAt.getTime())
        : sameSecret(basic?.user, options.user) && sameSecret(basic?.password, options.password);
    if (!admitted) return { ok: false, reply: guidewireErrors.unauthorized() };
    return { ok: true, respond: () => respond(req) };
  };

  return {
    kind: 'guidewire',
    prefix: GUIDEWIRE_PREFIX,
    mounts: [GUIDEWIRE_OAUTH_MOUNT],
    errors: guidewireErrors,
    get store() {
      return getStore();
    },
    tokens,
    get data() {
      return getStore().data;
    },
    authenticate,
    recordBody: (req, body) => (req.mount === GUIDEWIRE_OAUTH_MOUNT ? redactTokenRequest(body) : body),
  };
}
