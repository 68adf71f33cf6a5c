/**
 * The planned changes of one record made in its copy fields: each copy is
 * found by its normalised inventory number, changed as a canonical copy,
 * written back through its layout's mapper, and read again to check that the
 * copy now says what the act says and that no other copy of the record
 * changed. A change the fields cannot take is refused, never half made.
 */
import { type BranchDirectory, COPY_MAPPERS, COPY_PROPERTIES, type Copy, type CopyProperty, type CopyStatus, type InventoryNumberOptions, type MapperLayout, type ReadCopy, copyValue, parseInventoryNumber } from '@kitap/holdings';
import type { MarcRecord } from '@kitap/marc';
import type { PlannedChange } from './apply-plan.js';
import { changedCopy } from './copy-change.js';
import { rewriteCopy } from './rewrite-copy.js';

/** How copies are found in a record. */
export interface RecordContext {
  layouts: readonly MapperLayout[];
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
}

/** A change made: the copy as written, and the status the act gives it (a layout may write `transferred` as `written-off`). */
export interface AppliedChange {
  change: PlannedChange;
  copy: Copy;
  status: CopyStatus | undefined;
}

/** What became of a record's changes. */
export interface RecordOutcome {
  record: MarcRecord;
  applied: AppliedChange[];
  refused: { change: PlannedChange; reason: string }[];
  /** Values of the changed copies the layout has no place for (their note keeps them where the layout has notes). */
  notInMarc: { property: CopyProperty; value: string }[];
}

interface Found {
  layout: MapperLayout;
  copies: ReadCopy[];
  target: number;
}

function keyOf(inventoryNumber: string | undefined, context: RecordContext): string | undefined {
  if (inventoryNumber === undefined) return undefined;
  const parsed = parseInventoryNumber(inventoryNumber, context.inventoryNumbers, context.branches);
  return parsed.ok ? parsed.value.key : undefined;
}

/** Every copy of the record in the layouts, with its layout and key. */
function copiesOf(record: MarcRecord, context: RecordContext): { layout: MapperLayout; copies: ReadCopy[] }[] {
  return context.layouts.map((layout) => ({ layout, copies: COPY_MAPPERS[layout].read(record) }));
}

function find(record: MarcRecord, key: string, context: RecordContext): Found[] {
  const out: Found[] = [];
  for (const { layout, copies } of copiesOf(record, context)) {
    copies.forEach((c, target) => {
      if (keyOf(c.copy.inventoryNumber, context) === key) out.push({ layout, copies, target });
    });
  }
  return out;
}

/** The values of a copy as text, for comparing what was meant with what was written. */
function valuesOf(copy: Copy, skip: ReadonlySet<CopyProperty> = new Set()): string {
  return JSON.stringify(COPY_PROPERTIES.map((p) => (skip.has(p) ? null : (copyValue(copy, p) ?? null))));
}

/** The other copies of the record (all but the one with `key`), as text. */
function othersOf(record: MarcRecord, key: string, context: RecordContext): string {
  return JSON.stringify(copiesOf(record, context).map(({ layout, copies }) => [layout, copies.filter((c) => keyOf(c.copy.inventoryNumber, context) !== key).map((c) => valuesOf(c.copy))]));
}

/**
 * Makes the changes (in the order of their acts' dates) in the record's copy
 * fields. A copy the plan names must be in the record exactly once (the plan
 * was made from the same file); a change is refused when the layout has no
 * status for it (a `transferred` copy is written `written-off` with its
 * transfer facts where the layout has no code for `transferred`, as IRBIS
 * does), or when reading the record back shows the copy otherwise than meant
 * or another copy changed.
 */
export function applyToRecord(record: MarcRecord, changes: readonly PlannedChange[], context: RecordContext): RecordOutcome {
  let current = record;
  const outcome: RecordOutcome = { record, applied: [], refused: [], notInMarc: [] };
  for (const change of changes) {
    const key = change.copy.key;
    const found = find(current, key, context);
    if (found.length !== 1) {
      outcome.refused.push({ change, reason: `the record holds ${found.length} copies with this inventory number when its copies are mapped` });
      continue;
    }
    const { layout, copies, target } = found[0]!;
    const meant = changedCopy(copies[target]!.copy, change, context.branches);
    let next = meant;
    let lost = COPY_MAPPERS[layout].write([next]).lost;
    if (next.status === 'transferred' && lost.some((l) => l.property === 'status')) {
      next = { ...next, status: 'written-off' };
      lost = COPY_MAPPERS[layout].write([next]).lost;
    }
    if (lost.some((l) => l.property === 'status')) {
      outcome.refused.push({ change, reason: `the ${layout} layout has no place for the status ${next.status}` });
      continue;
    }
    const rewritten = rewriteCopy(current, layout, copies, target, next);
    const again = find(rewritten, key, context);
    const skip = new Set(lost.map((l) => l.property));
    if (again.length !== 1 || again[0]!.layout !== layout || valuesOf(again[0]!.copies[again[0]!.target]!.copy, skip) !== valuesOf(next, skip)) {
      outcome.refused.push({ change, reason: `the ${layout} fields of the copy do not read back as the act makes them` });
      continue;
    }
    if (othersOf(rewritten, key, context) !== othersOf(current, key, context)) {
      outcome.refused.push({ change, reason: `rewriting the copy's ${layout} fields would change other copies of the record` });
      continue;
    }
    current = rewritten;
    outcome.applied.push({ change, copy: next, status: meant.status });
    for (const l of lost) outcome.notInMarc.push({ property: l.property, value: l.value });
  }
  outcome.record = current;
  return outcome;
}
