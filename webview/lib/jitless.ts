// Must be the first import of the entry: zod decides at schema construction whether it may compile
// parsers with `new Function`, which the webview's CSP forbids (and reports even when caught).
// ES modules evaluate in import order, so importing this first runs it before messages.ts builds
// its schemas.
import { config } from 'zod/mini';

config({ jitless: true });
