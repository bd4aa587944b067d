// Query-string value parsers shared by Bitsight list endpoints.
import * as z from '../../../core/zod';

const BOOLEAN_SPELLINGS = ['true', 'True', 'TRUE', '1', 'false', 'False', 'FALSE', '0'] as const;

/** Django's boolean spellings; sandbox's own choice: anything else is a 400 with `message`. */
export function booleanParam(message: string) {
  return z.optional(
    z.pipe(
      z.enum(BOOLEAN_SPELLINGS, { error: message }),
      z.transform((v) => v.toLowerCase() === 'true' || v === '1'),
    ),
  );
}

/** 'a, b,,c' → ['a', 'b', 'c'] */
export const commaListParam = z.optional(
  z.pipe(
    z.string(),
    z.transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v !== '')),
  ),
);
