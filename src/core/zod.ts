// zod's "mini" build with only the English messages: the classic build added ~440 KB to the
// extension bundle, this ~20 KB. Import `z` from here (not from 'zod') so messages are configured.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
export type Schema<T> = z.ZodMiniType<T>;
