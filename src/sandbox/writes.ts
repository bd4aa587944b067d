// The log of writes the sandbox accepted for processing, and of every API request it received.
// Tests and benchmarks read them to prove what a client actually sent (e.g. "no duplicate
// invitations", "no write was repeated after a timeout"), independently of the client's own
// bookkeeping.

export interface WriteRecord {
  /** The API's key in the sandbox registry. */
  api: string;
  method: string;
  /** The path after the API prefix, with the query string if there was one. */
  path: string;
  /** The parsed JSON body, the raw text when it was not JSON, or null when empty; at most 4 KiB (see bodyBytes). */
  body: unknown;
  /** Set when the body was longer than 4 KiB of text: its size; `body` then holds its first 4 KiB of text. */
  bodyBytes?: number;
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

/** One API request as received (never its credentials: only whether it carried any). */
export interface RequestRecord {
  /** The API's key in the sandbox registry. */
  api: string;
  method: string;
  /** The path after the API prefix, with the query string if there was one. */
  path: string;
  /** ISO-8601 time the request arrived. */
  at: string;
  /** Whether an Authorization header came with it. */
  authorization: boolean;
  /**
   * Writes only: the body as in WriteRecord (parsed JSON, raw text, or null, at most 4 KiB),
   * processed or not. Absent when authentication refused the request: its body is never read.
   */
  body?: unknown;
  /** As in WriteRecord: the size of a body longer than 4 KiB of text. */
  bodyBytes?: number;
  /** The fault that hit it, if one did. */
  fault?: string;
  /** The fault hit after the request was processed (its write, if any, happened). */
  afterProcessing?: boolean;
  /** The status the API decided on, when the request was processed (a faulted answer may differ). */
  status?: number;
}

/** The latest `max` API requests, oldest first. */
export class RequestLog {
  private records: RequestRecord[] = [];

  constructor(private readonly max: number) {}

  get all(): ReadonlyArray<RequestRecord> {
    return this.records;
  }

  add(record: RequestRecord): void {
    if (this.max <= 0) return;
    this.records.push(record);
    if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
  }

  clear(): void {
    this.records.length = 0;
  }
}
