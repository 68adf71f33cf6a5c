import { COPY_LAYOUTS } from '@kitap/holdings';
import { z } from 'zod';

/** Points each feature adds (or takes away) from a pair's score; the score is clamped to [0, 1]. */
export const weightsSchema = z
  .object({
    isbnShared: z.number().default(0.45),
    isbnConflict: z.number().default(-0.15),
    controlNumberShared: z.number().default(0.5),
    /** At most this much for the title, scaled by similarity from `titleFloor` (0 points) to 1 (all of them). */
    title: z.number().default(0.45),
    titleFloor: z.number().min(0).lt(1, 'titleFloor must be below 1 (at 1 no title similarity earns points)').default(0.7),
    authorSame: z.number().default(0.15),
    authorDifferent: z.number().default(-0.25),
    yearSame: z.number().default(0.1),
    publisherSame: z.number().default(0.05),
    publisherDifferent: z.number().default(-0.05),
    pagesClose: z.number().default(0.05),
    pagesFar: z.number().default(-0.15),
    /** How many pages two duplicates may differ by (VuFind's ±10). */
    pagesTolerance: z.number().int().min(0).default(10),
    languageDifferent: z.number().default(-0.3),
  })
  .strict();

export const survivorPolicies = ['most-copies', 'most-complete', 'oldest-control-number'] as const;

/** The dedup part of the project config (`"dedup": {...}` in kitap.config.json). */
export const dedupConfigSchema = z
  .object({
    /** At or above: merged automatically. */
    matchThreshold: z.number().min(0).max(1).default(0.9),
    /** At or above (and below match): a person decides. */
    reviewThreshold: z.number().min(0).max(1).default(0.6),
    weights: weightsSchema.default(weightsSchema.parse({})),
    /** A blocking key shared by more records than this is skipped (and counted): it would compare everything with everything. */
    maxBlock: z.number().int().min(2).default(200),
    /** Also block on the title's n-gram fingerprint with the year (off: the other tiers already find its pairs). */
    ngramKeys: z.boolean().default(false),
    layouts: z.array(z.enum(COPY_LAYOUTS)).default([...COPY_LAYOUTS]),
    /** How the surviving record of a cluster is chosen: the first policy decides, the next ones break ties, then the lowest position. */
    survivor: z.array(z.enum(survivorPolicies)).min(1).default(['most-copies', 'most-complete', 'oldest-control-number']),
  })
  .strict()
  .refine((c) => c.reviewThreshold <= c.matchThreshold, { message: 'reviewThreshold must not be above matchThreshold' });

export type DedupConfig = z.infer<typeof dedupConfigSchema>;
export type Weights = z.infer<typeof weightsSchema>;
