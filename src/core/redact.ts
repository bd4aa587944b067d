// Secrets are scrubbed from every log line and error text that passes through here. The HTTP layer
// registers each token (and its Basic-auth encoding) before using it, so a token can't appear in
// the output channel even if a server echoes it back or a URL carries it.

const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(secret);
    this.secrets.add(encodeURIComponent(secret));
    this.secrets.add(Buffer.from(secret).toString('base64'));
    this.secrets.add(Buffer.from(`${secret}:`).toString('base64'));
  }

  scrub(text: string): string {
    let out = text.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]');
    for (const s of this.secrets) {
      if (out.includes(s)) out = out.split(s).join('[redacted]');
    }
    return out;
  }
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
