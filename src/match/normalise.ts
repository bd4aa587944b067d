// The keys two connections' companies are compared on: a web domain, and a name with what varies
// between vendors' records of one company (case, accents, punctuation, legal form) taken out.

/** `https://WWW.Example.com/about` → `example.com`; undefined when nothing domain-like is left. */
export function normaliseDomain(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let d = raw.trim().toLowerCase();
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  d = d.replace(/^[^@/]*@/, ''); // user@ in a URL, or an e-mail given as a domain
  d = d.split(/[/?#]/, 1)[0]!;
  d = d.replace(/:\d+$/, '').replace(/\.$/, '');
  d = d.replace(/^www\d*\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d) ? d : undefined;
}

/**
 * Legal forms dropped from the end of a name (after punctuation is gone, so "Inc." and "S.A." are
 * already "inc" and "s a"). Several may follow each other ("Acme Holdings Co Ltd").
 */
const LEGAL_SUFFIXES = [
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'sa', 's a', 'sas', 's a s', 'sasu', 'sarl', 's a r l', 'eurl', 'sa de cv',
  'gmbh', 'gmbh co kg', 'kg', 'ag', 'bv', 'b v', 'nv', 'n v', 'corp', 'corporation', 'co', 'company', 'plc', 'spa', 's p a', 'srl', 's r l',
  'pty', 'pty ltd', 'oy', 'ab', 'as', 'a s', 'aps', 'kk', 'se', 'sl', 's l', 'pte', 'pte ltd',
].sort((a, b) => b.length - a.length);

/** `Société Générale S.A.` → `societe generale`; `The Acme Co., Inc.` → `acme`. */
export function normaliseName(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let n = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  n = n.replace(/^the /, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of LEGAL_SUFFIXES) {
      if (n.endsWith(` ${s}`)) {
        n = n.slice(0, -s.length - 1).trimEnd();
        changed = true;
        break;
      }
    }
  }
  return n || undefined;
}
