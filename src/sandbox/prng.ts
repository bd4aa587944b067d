// Deterministic pseudo-random numbers for seeded sandbox data. The sandbox must give the same data
// for the same seed on every machine and every run (tests compare two starts), so Math.random and
// crypto are never used for data; only mulberry32 streams derived from the seed.

/** A 32-bit string hash (FNV-1a). Used to derive independent streams and per-entity sub-seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * An independent stream for one purpose (e.g. 'companies', 'users'). Forking per purpose keeps
   * one part of the data stable when another part changes how many numbers it draws.
   */
  static forPurpose(seed: number, purpose: string): Prng {
    return new Prng(hash32(`${seed}:${purpose}`));
  }

  /** mulberry32: tiny, fast and good enough for fake data. Returns [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  }

  /** 32 random bits as 8 hex digits. */
  private hex8(): string {
    return Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
  }

  /** A random-looking but reproducible version-4 UUID. */
  uuid(): string {
    const a = this.hex8();
    const b = this.hex8();
    const c = this.hex8();
    const d = this.hex8();
    const variant = ((parseInt(c[0] as string, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }

  /** A string drawn from an alphabet (e.g. observation ids). */
  chars(length: number, alphabet: string): string {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(this.next() * alphabet.length));
    return String.fromCharCode(...codes);
  }
}
