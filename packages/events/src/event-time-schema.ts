import * as z from 'zod/mini';
import { checked } from './checked';
import { lazySchema } from './lazy-schema';

/** Builds eventTimeSchema on its first use (see lazy-schema.ts). */
export const eventTimeSchemaOnce = /* @__PURE__ */ lazySchema(() =>
  checked(
    /* @__PURE__ */ z.iso.datetime({ offset: true }),
    /* @__PURE__ */ z.refine(
      (value) => {
        const year = new Date(value).getUTCFullYear();
        return year >= 0 && year <= 9999;
      },
      { message: 'must fall in the years 0000-9999 (UTC)' },
    ),
  ),
);
/**
 * An ISO 8601 date-time with `Z` or an offset whose UTC instant falls in the years 0000-9999, so
 * `toISOString()` of it is always `YYYY-MM-DDTHH:MM:SS.sssZ` (run names depend on that).
 *
 * @example
 * ```ts
 * eventTimeSchema.parse('2026-11-30T16:00:00Z');
 * ```
 */
export const eventTimeSchema = /* @__PURE__ */ eventTimeSchemaOnce();
