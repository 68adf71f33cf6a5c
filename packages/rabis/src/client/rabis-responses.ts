import { z } from 'zod';

/*
 * The shapes of Web-RABIS answers as far as the public code shows them
 * (`../shared/domain/web-rabis.md`). They are lenient: unknown keys are kept,
 * ids may be numbers or strings, and optional parts may be null, because an
 * installation may answer with more than the public code shows.
 */

const id = z.union([z.number(), z.string()]);

/** A dictionary reference in an answer: `{id, code, name}` (and `type` for departments). */
export const rabisRefSchema = z.looseObject({
  id: id.optional(),
  code: z.string().nullish(),
  name: z.string().nullish(),
  type: z.unknown().optional(),
});
export type RabisRef = z.infer<typeof rabisRefSchema>;

/** A department of the dictionary (`GET /api/v1/dictionary/department`). */
export const rabisDepartmentSchema = z.looseObject({
  id,
  code: z.string().nullish(),
  name: z.string().nullish(),
  type: z.unknown().optional(),
});
export type RabisDepartment = z.infer<typeof rabisDepartmentSchema>;

/** A copy ("inv") as Web-RABIS answers it. */
export const rabisCopySchema = z.looseObject({
  id: id.optional(),
  ebookId: id.nullish(),
  invNumber: z.string(),
  barcode: z.string().nullish(),
  department: rabisRefSchema.nullish(),
  state: rabisRefSchema.nullish(),
});
export type RabisCopy = z.infer<typeof rabisCopySchema>;

/** A record card (`GET /api/v1/ebook/{id}/card`). */
export const rabisCardSchema = z.looseObject({
  id: id.optional(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  cipher: z.string().nullish(),
  language: z.unknown().optional(),
  inv: z.array(rabisCopySchema).nullish(),
});
export type RabisCard = z.infer<typeof rabisCardSchema>;

/** A record in a search answer. */
export const rabisEbookSchema = z.looseObject({ id, author: z.string().nullish(), title: z.string().nullish() });
export type RabisEbook = z.infer<typeof rabisEbookSchema>;

/** A page of a list: `{result, count}` (count: all matches, not this page). */
export function rabisListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ result: z.array(item).nullable().transform((value) => value ?? []), count: z.number().int().min(0) });
}

/** An answer that is either a bare array or a `{result}` list: both occur for dictionaries and copy lists. */
export function arrayOrListSchema<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), z.looseObject({ result: z.array(item) }).transform((list) => list.result)]);
}

/** What became of one record of an import batch (kitap's assumed import route). */
export const importResultSchema = z.looseObject({
  key: z.string().optional(),
  id: id.nullish(),
  status: z.enum(['created', 'exists', 'rejected']),
  message: z.string().nullish(),
});
export type RabisImportResult = z.infer<typeof importResultSchema>;

/** The answer of the import route: `{results: [...]}`. */
export const importAnswerSchema = z.looseObject({ results: z.array(importResultSchema) });

/** The answer of sign-in: `{token, user}`. */
export const signInAnswerSchema = z.looseObject({ token: z.string().min(1) });

/** The error shape: `{"error": {"status", "code", "message"}}`. */
export const rabisErrorBodySchema = z.looseObject({
  error: z.looseObject({ status: z.unknown().optional(), code: z.unknown().optional(), message: z.unknown().optional() }),
});
