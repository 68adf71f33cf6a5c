import { webRabisInvSchema } from '@kitap/holdings';
import { z } from 'zod';

/*
 * A catalog record as Web-RABIS models it (an "ebook"; see
 * `../shared/domain/web-rabis.md`), as far as the public code shows it. No
 * public import format is known, so this is the shape kitap writes and
 * validates, one JSON document per line of `web-rabis.jsonl`; the installation's
 * importer (or the `@kitap/rabis` client) maps it onto the real interface.
 * Dictionary references carry their `code` (ids are data of each
 * installation); `kitap` is kitap's own block (what was done and why) and is
 * not part of the Web-RABIS model.
 */

const dictionaryRef = z.object({ code: z.string().min(1), name: z.string().optional() }).strict();

export const webRabisSourceSchema = z
  .object({
    title: z.string().min(1),
    responsibility: z.string().optional(),
    authors: z.string().optional(),
    isbn: z.string().optional(),
    year: z.string().optional(),
    pages: z.string().optional(),
  })
  .strict();

export const webRabisPublishingSchema = z
  .object({ placeEdition: z.string().optional(), publishingHouse: z.string().optional(), yearEdition: z.string().optional() })
  .strict();

/** What kitap did with the edition, for the people and tools that check the import. */
export const kitapBlockSchema = z
  .object({
    /** `create`: a new record; `attach`: the copies go to an existing catalog record. */
    action: z.enum(['create', 'attach']),
    /** 001 of the record in records.mrc (the existing record's own for `attach`). */
    controlNumber: z.string().min(1),
    /** For `attach`: the record's position (1-based) in the --catalog file, which tells it apart even from a record sharing its 001. */
    catalogRecord: z.number().int().min(1).optional(),
    /** Lines (or sheet rows) of the export the copies came from. */
    sourceLines: z.array(z.number().int().min(1)).min(1),
    /** For `attach`: the match score and its reasons. */
    match: z.object({ score: z.number(), reasons: z.array(z.string()) }).strict().optional(),
    /** Values of the copies that the chosen MARC copy layout cannot hold (they are in `inv` here). */
    notInMarc: z.array(z.string()).optional(),
  })
  .strict();

export const webRabisEbookSchema = z
  .object({
    state: dictionaryRef,
    author: z.string().optional(),
    title: z.string().min(1),
    krv: z.boolean().optional(),
    /** The volume or part of a multi-part work («3-т.»); the set itself is a record of its own in Web-RABIS (`parentId`). */
    volumeNumber: z.string().optional(),
    bbk: z.string().optional(),
    udc: z.string().optional(),
    sources: z.array(webRabisSourceSchema).min(1),
    publishings: z.array(webRabisPublishingSchema),
    language: z.object({ language: z.string().min(1) }).strict().optional(),
    siglas: z.array(z.object({ sigla: z.string().min(1) }).strict()),
    inv: z.array(webRabisInvSchema).min(1),
    kitap: kitapBlockSchema,
  })
  .strict();
export type WebRabisEbook = z.infer<typeof webRabisEbookSchema>;

/** The record state of imported records in Web-RABIS. */
export const IMPORTED_STATE = { code: 'Ebook.Imported' } as const;
