// The audit trail: every write the extension sent, one JSON line each, in the extension's global
// storage. Bounded: when the file would pass its cap it becomes the previous file (the one before
// is dropped), so at most two caps' worth is kept. Read back through a schema: a line cut short by
// a crash or edited by hand is skipped, never fatal.
import { appendFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionWrite } from '../connections/runtime';
import { API_KINDS } from '../core/model';
import * as z from '../core/zod';

export const AUDIT_FILE = 'audit.jsonl';
export const PREVIOUS_AUDIT_FILE = 'audit.1.jsonl';
export const DEFAULT_AUDIT_CAP_BYTES = 2 * 1024 * 1024;

export const auditEntrySchema = z.object({
  time: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  api: z.enum(API_KINDS),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
  path: z.string(),
  status: z.optional(z.number()),
  outcome: z.enum(['done', 'failed', 'refused', 'unknown', 'cancelled']),
  requestId: z.optional(z.string()),
  durationMs: z.optional(z.number()),
  companyId: z.optional(z.string()),
  companyName: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditTrailOptions {
  /** The folder the files live in (context.globalStorageUri.fsPath). */
  dir: string;
  capBytes?: number;
  /** The connection's Redactor: a second guard over every text written (the client scrubbed them first). */
  redact: (text: string) => string;
  now?: () => Date;
  /** Told when a line could not be written (the write itself already happened). */
  onError?: (e: unknown) => void;
}

export class AuditTrail {
  private queue: Promise<void> = Promise.resolve();
  private readonly cap: number;

  constructor(private readonly options: AuditTrailOptions) {
    this.cap = options.capBytes ?? DEFAULT_AUDIT_CAP_BYTES;
  }

  /** Appends one write; lines are written in the order writes ended, one at a time. */
  record(write: ConnectionWrite): Promise<void> {
    const entry = this.entryOf(write);
    this.queue = this.queue.then(() => this.append(entry)).catch((e: unknown) => this.options.onError?.(e));
    return this.queue;
  }

  /** Every entry kept, newest first; unreadable lines skipped. */
  async read(): Promise<AuditEntry[]> {
    await this.queue;
    const out: AuditEntry[] = [];
    for (const name of [PREVIOUS_AUDIT_FILE, AUDIT_FILE]) {
      let text: string;
      try {
        text = await readFile(join(this.options.dir, name), 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          continue;
        }
        const parsed = auditEntrySchema.safeParse(json);
        if (parsed.success) out.push(parsed.data);
      }
    }
    return out.reverse();
  }

  async clear(): Promise<void> {
    await this.queue;
    for (const name of [PREVIOUS_AUDIT_FILE, AUDIT_FILE]) await rm(join(this.options.dir, name), { force: true });
  }

  private entryOf(w: ConnectionWrite): AuditEntry {
    const r = this.options.redact;
    const entry: AuditEntry = {
      time: (this.options.now?.() ?? new Date()).toISOString(),
      connectionId: w.connectionId,
      connectionName: r(w.connectionName),
      api: w.api,
      method: w.method,
      path: r(w.path),
      outcome: w.outcome,
      durationMs: w.durationMs,
    };
    if (w.status !== undefined) entry.status = w.status;
    if (w.requestId !== undefined) entry.requestId = r(w.requestId);
    if (w.companyId !== undefined) entry.companyId = r(w.companyId);
    if (w.companyName !== undefined) entry.companyName = r(w.companyName);
    return entry;
  }

  private async append(entry: AuditEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    const file = join(this.options.dir, AUDIT_FILE);
    await mkdir(this.options.dir, { recursive: true });
    const size = await stat(file).then((s) => s.size, () => 0);
    if (size > 0 && size + Buffer.byteLength(line) > this.cap) await rename(file, join(this.options.dir, PREVIOUS_AUDIT_FILE));
    await appendFile(file, line, 'utf8');
  }
}
