// Companies of several connections grouped into "the same company": by domain first, then by
// normalised name where the domains do not say otherwise. Pages are added as they arrive (an
// index update per company); the groups are recomputed in one linear pass when asked for, so a
// view over 3 × 10,000 companies stays fast.
import type { Company } from '../core/model';
import { entryKey, noDecisions, type MatchDecisions } from './decisions';
import { normaliseDomain, normaliseName } from './normalise';

/** Why an entry belongs to its group. */
export type MatchReason = 'domain' | 'name' | 'confirmed';

export interface MatchEntry {
  key: string;
  connectionId: string;
  company: Company;
  reason: MatchReason;
}

export interface MatchGroup {
  /** Stable while the members' keys are: `d:<domain>` or `n:<name>`. */
  id: string;
  name: string;
  domain?: string;
  entries: MatchEntry[];
  /** Distinct connections among the entries (a listed group has at least two). */
  connections: number;
}

interface Held {
  key: string;
  connectionId: string;
  company: Company;
  domain?: string;
  name?: string;
}

export class CompanyMatcher {
  private readonly held = new Map<string, Held>();
  private decisions: MatchDecisions = noDecisions();
  private cached: MatchGroup[] | undefined;

  /** Adds (or updates) a page of one connection's companies. */
  add(connectionId: string, companies: readonly Company[]): void {
    for (const company of companies) {
      const key = entryKey(connectionId, company.id);
      this.held.set(key, { key, connectionId, company, domain: normaliseDomain(company.primaryDomain), name: normaliseName(company.name) });
    }
    this.cached = undefined;
  }

  /** Forgets a connection's companies (before it is loaded again, or once it is removed). */
  clear(connectionId?: string): void {
    for (const [key, h] of this.held) if (connectionId === undefined || h.connectionId === connectionId) this.held.delete(key);
    this.cached = undefined;
  }

  setDecisions(decisions: MatchDecisions): void {
    this.decisions = decisions;
    this.cached = undefined;
  }

  get size(): number {
    return this.held.size;
  }

  /** Groups spanning at least two connections, by name. */
  groups(): MatchGroup[] {
    this.cached ??= this.compute();
    return this.cached;
  }

  /** The group an entry is in, if it is matched. */
  groupOf(connectionId: string, companyId: string): MatchGroup | undefined {
    const key = entryKey(connectionId, companyId);
    return this.groups().find((g) => g.entries.some((e) => e.key === key));
  }

  private compute(): MatchGroup[] {
    const split = new Set(this.decisions.split);
    const confirmed = new Set(this.decisions.confirmed);
    const items = [...this.held.values()].filter((h) => !split.has(h.key));
    const parent = items.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const union = (a: number, b: number) => void (parent[find(a)] = find(b));
    const byDomain = new Map<string, number>();
    items.forEach((h, i) => {
      if (!h.domain) return;
      const first = byDomain.get(h.domain);
      if (first === undefined) byDomain.set(h.domain, i);
      else union(i, first);
    });
    // By name, unless both sides know a domain and the domains differ (two companies may share a name).
    const byName = new Map<string, number>();
    items.forEach((h, i) => {
      if (!h.name) return;
      const first = byName.get(h.name);
      if (first === undefined) return void byName.set(h.name, i);
      const other = items[first]!;
      if (h.domain && other.domain && h.domain !== other.domain) return;
      union(i, first);
    });
    const members = new Map<number, number[]>();
    items.forEach((_, i) => {
      const r = find(i);
      const list = members.get(r);
      if (list) list.push(i);
      else members.set(r, [i]);
    });
    const groups: MatchGroup[] = [];
    for (const list of members.values()) {
      if (list.length < 2) continue;
      const connections = new Set(list.map((i) => items[i]!.connectionId)).size;
      if (connections < 2) continue;
      const domainCounts = new Map<string, number>();
      for (const i of list) if (items[i]!.domain) domainCounts.set(items[i]!.domain!, (domainCounts.get(items[i]!.domain!) ?? 0) + 1);
      const entries = list.map((i): MatchEntry => {
        const h = items[i]!;
        const byDomainToo = h.domain !== undefined && (domainCounts.get(h.domain) ?? 0) > 1;
        const reason: MatchReason = byDomainToo ? 'domain' : confirmed.has(h.key) ? 'confirmed' : 'name';
        return { key: h.key, connectionId: h.connectionId, company: h.company, reason };
      });
      const domain = [...domainCounts.keys()].sort()[0];
      // Named by its shortest record (usually the one without a legal form), whichever page came first.
      const first = list.map((i) => items[i]!).sort((a, b) => a.company.name.length - b.company.name.length || a.company.name.localeCompare(b.company.name))[0]!;
      groups.push({ id: domain ? `d:${domain}` : `n:${first.name ?? first.key}`, name: first.company.name, ...(domain ? { domain } : {}), entries, connections });
    }
    return groups.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}
