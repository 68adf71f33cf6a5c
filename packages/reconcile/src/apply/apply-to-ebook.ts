/**
 * The changes made to a record's copies, made again in its document of
 * `web-rabis.jsonl` (the same record, on the same line as the record's place
 * in records.mrc): the copy's `inv` entry gets the state of its new status,
 * as `toWebRabisInv` of @kitap/holdings codes it, and a copy moved inside the
 * system the department of its new library. Web-RABIS's `inv` has no place
 * for the act itself: the act number, date and reason stay in records.mrc.
 */
import { KitapError } from '@kitap/core';
import { type BranchDirectory, type CopyStatus, type InventoryNumberOptions, type WebRabisRef, parseInventoryNumber, toWebRabisInv } from '@kitap/holdings';
import { type WebRabisEbook, webRabisEbookSchema } from '@kitap/inventory';
import type { AppliedChange } from './apply-to-record.js';

/** How documents are read and what state codes are written. */
export interface EbookContext {
  file: string;
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
  /** State codes of the installation, over DEFAULT_WEB_RABIS_STATES (see web-rabis-inv.ts). */
  stateCodes?: Partial<Record<CopyStatus, WebRabisRef>> | undefined;
}

/** The document as JSON text, how many of its copies changed, and how many changed copies of the record it does not list (copies the catalog record had before the inventory). */
export interface EbookOutcome {
  text: string;
  changed: number;
  notListed: number;
}

function invalid(context: EbookContext, line: number, why: string): KitapError {
  return new KitapError('E_INPUT', `web-rabis.jsonl line ${line} ${why}; it must be the document of the record at the same place in records.mrc`, { file: context.file, line });
}

/** The document `text` (one line of web-rabis.jsonl, without its line end) with the changes made; key order and every other value kept. */
export function applyToEbook(text: string, applied: readonly AppliedChange[], line: number, context: EbookContext): EbookOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw invalid(context, line, `is not JSON (${(error as Error).message})`);
  }
  const checked = webRabisEbookSchema.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw invalid(context, line, `is not a Web-RABIS document (${issue.path.join('.')}: ${issue.message})`);
  }
  // The parsed object, not zod's copy: its keys stay in the order they were written.
  const ebook = doc as WebRabisEbook;
  const outcome: EbookOutcome = { text, changed: 0, notListed: 0 };
  let moved = false;
  const changed = new Set<string>();
  const notListed = new Set<string>();
  for (const { change, copy, status } of applied) {
    const entries = ebook.inv.filter((inv) => {
      const parsed = parseInventoryNumber(inv.invNumber, context.inventoryNumbers, context.branches);
      return parsed.ok && parsed.value.key === change.copy.key;
    });
    if (entries.length === 0) {
      notListed.add(change.copy.key);
      continue;
    }
    if (entries.length > 1) throw invalid(context, line, `lists ${entries.length} copies with inventory number «${change.copy.inventoryNumber}»`);
    const inv = entries[0]!;
    if (change.kind === 'move') {
      const branch = context.branches.byCode(copy.branch ?? '');
      if (branch === undefined) throw new KitapError('E_INTERNAL', `copy «${inv.invNumber}» was moved to «${copy.branch ?? ''}», which is not in the branch directory`, { file: context.file, line });
      inv.department = { code: branch.code, name: branch.name };
      moved = true;
    } else {
      const result = toWebRabisInv({ inventoryNumber: inv.invNumber, ...(status === undefined ? {} : { status }) }, { department: () => inv.department, ...(context.stateCodes ? { stateCodes: context.stateCodes } : {}) });
      if (!result.ok) throw new KitapError('E_CONFIG', `copy «${inv.invNumber}» cannot be given a Web-RABIS state: ${result.reason}`, { file: context.file, line });
      inv.state = result.inv.state;
    }
    changed.add(change.copy.key);
  }
  outcome.changed = changed.size;
  outcome.notListed = notListed.size;
  // The libraries of the record are those of its copies, in the order of the copies.
  if (moved) ebook.siglas = [...new Set(ebook.inv.map((inv) => inv.department.code.split('/')[0]!))].map((sigla) => ({ sigla }));
  if (outcome.changed > 0) outcome.text = JSON.stringify(ebook);
  return outcome;
}
