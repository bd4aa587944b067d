export function countTests(kind: 'node' | 'mocha', text: string): { passed: number; failed: number; skipped: number; seen: boolean };
