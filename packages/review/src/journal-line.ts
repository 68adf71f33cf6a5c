import { z } from 'zod';

/*
 * The lines of `journal.jsonl` as `kitap fix` and `kitap merge` write them
 * (`JournalLine` of @kitap/clean, the end line and merge notes of the CLI's
 * journal file). A migration's journal is the clean-up journal followed by the
 * merge journal: each begins with a `journal` header and ends with an `end`
 * line. Only what the page shows is checked; other keys pass.
 */

const header = z.object({ type: z.literal('journal'), tool: z.string(), input: z.object({ path: z.string() }).loose().optional(), output: z.object({ path: z.string() }).loose().optional(), profile: z.string().optional() }).loose();
const end = z.object({ type: z.literal('end'), records: z.number(), changedRecords: z.number().optional(), changes: z.number().optional() }).loose();
const change = z
  .object({
    type: z.literal('change'),
    index: z.number().int(),
    id: z.string().optional(),
    rule: z.string(),
    message: z.string(),
    op: z.string(),
    tag: z.string(),
    beforeText: z.string().nullable(),
    afterText: z.string().nullable(),
  })
  .loose();
const merge = z.object({ type: z.literal('merge'), cluster: z.string(), survivor: z.number().int(), mergedAway: z.array(z.number().int()), copies: z.number().optional() }).loose();
const removed = z.object({ type: z.literal('removed'), index: z.number().int(), id: z.string().optional(), into: z.number().int() }).loose();
const rejected = z.object({ type: z.literal('rejected'), code: z.string(), index: z.number().int().optional(), beforeOutput: z.number().optional() }).loose();
const original = z.object({ type: z.literal('original') }).loose();

export const journalLineSchema = z.discriminatedUnion('type', [header, end, change, merge, removed, rejected, original]);
export type JournalLineData = z.infer<typeof journalLineSchema>;

/** The start of an `original` line: the record's bytes, which the page never shows, so the scan skips them unparsed. */
const ORIGINAL_PREFIX = Buffer.from('{"type":"original"');

export function isOriginalLine(line: Buffer): boolean {
  return line.length >= ORIGINAL_PREFIX.length && line.subarray(0, ORIGINAL_PREFIX.length).equals(ORIGINAL_PREFIX);
}

/** A line as data, or why it cannot be read. */
export function parseJournalLine(text: string): { ok: true; line: JournalLineData } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message})` };
  }
  const parsed = journalLineSchema.safeParse(json);
  if (parsed.success) return { ok: true, line: parsed.data };
  const type = typeof json === 'object' && json !== null && 'type' in json ? String((json as { type: unknown }).type) : undefined;
  const issue = parsed.error.issues[0];
  return { ok: false, error: type === undefined ? 'a line without a type' : `a "${type}" line kitap does not know or that lacks ${issue?.path.join('.') || 'a key'}` };
}
