// The test counts in a runner's output, for the summary line of scripts/test-all.mjs.
// node:test (spec `ℹ pass N`, TAP `# pass N`): a cancelled test (its hook or file timed out or
// crashed) never ran to a verdict, so it counts as failed; skipped and todo tests are reported
// apart, never as passed. Mocha: `N passing`, `N failing`, `N pending` (skipped).
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * @param {'node' | 'mocha'} kind
 * @param {string} text
 * @returns {{ passed: number; failed: number; skipped: number; seen: boolean }}
 */
export function countTests(kind, text) {
  const clean = text.replace(ANSI, '');
  const counts = { passed: 0, failed: 0, skipped: 0, seen: false };
  /** @param {RegExp} re @param {'passed' | 'failed' | 'skipped'} into */
  const add = (re, into) => {
    for (const m of clean.matchAll(re)) {
      counts.seen = true;
      counts[into] += Number(m[1]);
    }
  };
  if (kind === 'node') {
    const line = (word) => new RegExp(`^\\s*(?:ℹ|#) ${word} (\\d+)\\s*$`, 'gm');
    add(line('pass'), 'passed');
    add(line('fail'), 'failed');
    add(line('cancelled'), 'failed');
    add(line('skipped'), 'skipped');
    add(line('todo'), 'skipped');
  } else if (kind === 'mocha') {
    add(/(\d+) passing\b/g, 'passed');
    add(/(\d+) failing\b/g, 'failed');
    add(/(\d+) pending\b/g, 'skipped');
  }
  return counts;
}
