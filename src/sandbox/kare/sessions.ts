// Kare's sign-in state: sessions opened by a login, each with a refresh token and the
// access/session token pairs issued for it. Tokens are JWT-shaped (as the documented examples
// are) and carry `exp`, so a client may renew ahead of expiry; the sandbox still checks them
// against what it issued, never by decoding alone.
import { createHmac, randomBytes } from 'node:crypto';

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** sandbox: the documents give no refresh-token lifetime. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;

export interface TokenSet {
  accessToken: string;
  sessionToken: string;
  refreshToken: string;
}

interface Issued {
  sessionId: string;
  expiresAt: number;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class KareSessions {
  private readonly key = randomBytes(32);
  private readonly accessTokens = new Map<string, Issued>();
  private readonly sessionTokens = new Map<string, Issued>();
  private readonly refreshTokens = new Map<string, Issued>();
  private counter = 0;

  constructor(
    private readonly userId: number,
    private accessTtlSeconds: number = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  ) {
    checkTtl(accessTtlSeconds);
  }

  setAccessTokenTtlSeconds(seconds: number): void {
    checkTtl(seconds);
    this.accessTtlSeconds = seconds;
  }

  /** A login: a new session with its refresh token and a first token pair. */
  open(now: number): TokenSet {
    const sessionId = randomBytes(9).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    this.refreshTokens.set(refreshToken, { sessionId, expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000 });
    return { ...this.pair(sessionId, now), refreshToken };
  }

  /**
   * A new pair for the refresh token's session, or undefined when it is unknown or expired. The
   * refresh token is not rotated (the documented answer returns none), and earlier pairs stay
   * valid until their own expiry: requests already in flight with them must not fail.
   */
  refresh(refreshToken: string, now: number): Omit<TokenSet, 'refreshToken'> | undefined {
    const issued = this.lookup(this.refreshTokens, refreshToken, now);
    return issued ? this.pair(issued.sessionId, now) : undefined;
  }

  /** Both headers must be live tokens of the same session. */
  admits(accessToken: string | undefined, sessionToken: string | undefined, now: number): boolean {
    if (accessToken === undefined || sessionToken === undefined) return false;
    const access = this.lookup(this.accessTokens, accessToken, now);
    const session = this.lookup(this.sessionTokens, sessionToken, now);
    return access !== undefined && session !== undefined && access.sessionId === session.sessionId;
  }

  /** Every access token issued so far expires now (refresh tokens keep working): renewal tests. */
  expireAccessTokens(): void {
    for (const issued of this.accessTokens.values()) issued.expiresAt = 0;
  }

  /** Every refresh token expires now: "sign in again" tests. */
  expireRefreshTokens(): void {
    for (const issued of this.refreshTokens.values()) issued.expiresAt = 0;
  }

  private pair(sessionId: string, now: number): Omit<TokenSet, 'refreshToken'> {
    const expiresAt = now + this.accessTtlSeconds * 1000;
    const accessToken = this.jwt({ userId: String(this.userId), sessionId, typ: 'access' }, now, expiresAt);
    // The session token lives as long as the session's refresh token: only the access token is short.
    const sessionExpiresAt = now + REFRESH_TOKEN_TTL_SECONDS * 1000;
    const sessionToken = this.jwt({ userId: String(this.userId), sessionId, typ: 'session' }, now, sessionExpiresAt);
    this.accessTokens.set(accessToken, { sessionId, expiresAt });
    this.sessionTokens.set(sessionToken, { sessionId, expiresAt: sessionExpiresAt });
    return { accessToken, sessionToken };
  }

  private jwt(claims: Record<string, string>, now: number, expiresAt: number): string {
    const head = base64url({ alg: 'HS256', typ: 'JWT' });
    // jti keeps two tokens issued in the same second distinct.
    const body = base64url({ ...claims, jti: `${claims.sessionId}.${++this.counter}`, iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000) });
    const signature = createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${signature}`;
  }

  private lookup(map: Map<string, Issued>, token: string, now: number): Issued | undefined {
    const issued = map.get(token);
    return issued && issued.expiresAt > now ? issued : undefined;
  }
}

function checkTtl(seconds: number): void {
  if (!(Number.isFinite(seconds) && seconds > 0)) throw new RangeError(`Kare access-token lifetime must be > 0 seconds, got ${seconds}`);
}
