// zod's "mini" build with only the English messages: the classic build added ~440 KB to the
// extension bundle, this ~20 KB. Import it as `import * as z from '…/core/zod'` (not from 'zod')
// so messages are configured; a star re-export keeps esbuild's tree-shaking intact.
import { config, type ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
export type Schema<T> = ZodMiniType<T>;
