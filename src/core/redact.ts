// Secrets are scrubbed from every log line and error text that passes through here. The HTTP layer
// registers each token (and its Basic-auth encoding) before using it, so a token can't appear in
// the output channel even if a server echoes it back or a URL carries it.

const MIN_SECRET_LENGTH = 4;

/**
 * Holds every registered secret as the patterns it can appear as: raw and URL/form-encoded (matched
 * case-insensitively: percent-escapes come in either case, and a host name is lower-cased), and
 * base64/base64url at each of the three byte alignments, so `secret`, `secret:` and `user:secret`
 * are caught padded or not and as part of a longer encoded string. The patterns are compiled
 * once per added secret, not per scrub.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private textual = new Set<string>();
  private encoded = new Set<string>();
  private textualPattern?: RegExp;
  private encodedPattern?: RegExp;

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    for (const t of [secret, encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ s: secret }).toString().slice(2), strictPercent(secret)]) {
      this.textual.add(t);
    }
    for (const core of base64Cores(secret)) if (core.length >= MIN_SECRET_LENGTH) this.encoded.add(core);
    this.textualPattern = alternation(this.textual, 'gi');
    this.encodedPattern = alternation(this.encoded, 'g');
  }

  scrub(text: string): string {
    let out = text.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]');
    if (this.textualPattern) out = out.replace(this.textualPattern, '[redacted]');
    if (this.encodedPattern) out = out.replace(this.encodedPattern, '[redacted]');
    return out;
  }
}

/** RFC 3986 percent-encoding, which also escapes what encodeURIComponent leaves: ! ' ( ) *. */
function strictPercent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The base64 (and base64url) characters that depend only on the secret's bytes, for the secret
 * starting at byte offset 0, 1 or 2 of a 3-byte group: whatever precedes it (`user:`) or follows
 * it (`:`, padding, more text), these characters appear in the encoding.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = Buffer.concat([Buffer.alloc(k), bytes]);
    const from = Math.ceil((8 * k) / 6);
    const to = Math.floor((8 * padded.length) / 6);
    const b64 = padded.toString('base64').slice(from, to);
    out.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

function alternation(parts: Set<string>, flags: string): RegExp {
  const sorted = [...parts].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(sorted.join('|'), flags);
}

/** The logging surface the core needs; the extension backs it with a LogOutputChannel. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Sends every line to both loggers (the extension's tests keep a copy of what reached the channel). */
export function teeLogger(a: Logger, b: Logger): Logger {
  return {
    trace: (m) => (a.trace(m), b.trace(m)),
    debug: (m) => (a.debug(m), b.debug(m)),
    info: (m) => (a.info(m), b.info(m)),
    warn: (m) => (a.warn(m), b.warn(m)),
    error: (m) => (a.error(m), b.error(m)),
  };
}

/** Keeps lines in memory, at every level. */
export function recordingLogger(lines: string[]): Logger {
  const push = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** Wraps a logger so every line is scrubbed of registered secrets first. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  return {
    trace: (m) => inner.trace(redactor.scrub(m)),
    debug: (m) => inner.debug(redactor.scrub(m)),
    info: (m) => inner.info(redactor.scrub(m)),
    warn: (m) => inner.warn(redactor.scrub(m)),
    error: (m) => inner.error(redactor.scrub(m)),
  };
}
