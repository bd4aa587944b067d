// Date helpers. Seeded data is dated relative to a fixed day (not "now") so the same seed gives
// byte-identical data on every run; only writes carry the real clock.

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a Date, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DDTHH:MM:SSZ' (whole seconds, as the documented examples show). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Day strings by day number: seeding 10,000 companies formats the same few thousand days over and over. */
const dayCache = new Map<number, string>();

function dayString(dayNumber: number): string {
  let s = dayCache.get(dayNumber);
  if (s === undefined) {
    s = isoDate(new Date(dayNumber * DAY_MS));
    dayCache.set(dayNumber, s);
  }
  return s;
}

export function addDays(day: string, days: number): string {
  return dayString(Math.round(Date.parse(day + 'T00:00:00Z') / DAY_MS) + days);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS);
}
