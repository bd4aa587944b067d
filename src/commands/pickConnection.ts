// Kept for the modules that import it from here: the pickers live in pickers.ts.
export { pickConnection } from './pickers';
