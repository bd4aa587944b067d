// Filtering the loaded companies as you type: every word of the query must appear in the name or
// the domain, ignoring case and accents. Search keys are computed once per company object, so
// re-filtering 10,000 companies stays well inside one frame.
import type { Company } from '../core/model';

const keys = new WeakMap<Company, string>();

export function normalize(text: string): string {
  // Most names are plain ASCII: skip the Unicode decomposition for them.
  const lower = text.toLowerCase();
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function keyOf(c: Company): string {
  let k = keys.get(c);
  if (k === undefined) {
    k = normalize(`${c.name} ${c.primaryDomain ?? ''}`);
    keys.set(c, k);
  }
  return k;
}

export function filterCompanies(companies: readonly Company[], query: string): Company[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...companies];
  return companies.filter((c) => {
    const k = keyOf(c);
    return words.every((w) => k.includes(w));
  });
}
