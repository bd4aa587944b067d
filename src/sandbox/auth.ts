// Credential parsing shared by the simulated APIs. Each API decides what the credentials mean;
// this file only understands the header formats.

/**
 * The user name of an `Authorization: Basic …` header, or undefined when the header is absent or
 * not Basic. A token sent as the user name comes with an empty password.
 */
export function basicAuthUser(header: string | undefined): { present: boolean; user?: string; password?: string } {
  if (!header) return { present: false };
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match) return { present: true };
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { present: true, user: decoded, password: '' };
  return { present: true, user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The value of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? (match[1] as string) : undefined;
}

/** Compares secrets without leaking their length through timing more than necessary. */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A Basic header; a token as user name goes with an empty password. */
export function basicAuthHeader(user: string, password = ''): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}
