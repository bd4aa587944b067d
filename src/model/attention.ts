// What the Needs Attention view shows and what commands may ask of it. The tree implements it;
// commands depend on this interface only (src/commands never imports src/tree).
import type { HealthCheck, HealthEntry } from '../core/health';

export interface AttentionEntry extends HealthEntry {
  connectionId: string;
  connectionName: string;
}

export type AttentionNode =
  | { kind: 'group'; check: HealthCheck; count: number }
  | { kind: 'entry'; entry: AttentionEntry }
  | { kind: 'message'; text: string };

export interface AttentionStatus {
  running: boolean;
  checked: number;
  total?: number;
  error?: string;
}

export interface AttentionSink {
  /** Replaces what is known of one key (a company, or the connection's invitations); empty removes it. */
  set(connectionId: string, key: string, entries: AttentionEntry[]): void;
  clear(connectionId?: string): void;
  setStatus(status: AttentionStatus): void;
  entries(): AttentionEntry[];
}
