// The log of writes the sandbox accepted for processing. Tests and benchmarks read it to prove
// what a client actually sent (e.g. "no duplicate invitations"), independently of the client's own
// bookkeeping.
import type { ApiKind } from '../core/model.js';

export interface WriteRecord {
  api: ApiKind;
  method: string;
  /** The path after the API prefix, with the query string if there was one. */
  path: string;
  /** The parsed JSON body, the raw text when it was not JSON, or null when empty. */
  body: unknown;
  /** ISO-8601 time the request arrived. */
  at: string;
  /** The status the sandbox answered with. */
  status: number;
}

export class WriteLog {
  private readonly records: WriteRecord[] = [];

  get all(): ReadonlyArray<WriteRecord> {
    return this.records;
  }

  add(record: WriteRecord): void {
    this.records.push(record);
  }

  clear(): void {
    this.records.length = 0;
  }
}
