import { join } from 'node:path';
import { AtomicFile, KitapError } from '@kitap/core';
import { OUTPUT_FILES } from '@kitap/inventory';
import { PROFILE_LAYOUTS, applyActs, listActFiles } from '@kitap/reconcile';
import type { StageContext, StageSpec } from '../stage.js';

const INVENTORY_NUMBERS = { branchPrefixes: 'strip' } as const;

function common(ctx: StageContext) {
  return {
    acts: ctx.options.acts ?? [],
    layouts: PROFILE_LAYOUTS[ctx.profile as keyof typeof PROFILE_LAYOUTS],
    branches: ctx.branches,
    inventoryNumbers: INVENTORY_NUMBERS,
    asOf: ctx.asOf,
  };
}

/**
 * The year's acts applied to the copies: a copy an act withdrew keeps its
 * record, with its status, act, date and reason; a line that cannot be
 * applied waits for the audit. Applied twice with the same plan: to the whole
 * catalog (records.mrc of the package), and to the inventory's records with
 * their web-rabis.jsonl (documents and records go in the same order there);
 * both must agree line for line.
 */
export const actsStage: StageSpec = {
  stage: 'acts',
  unit: 'act lines',
  inputs: async (ctx) => [
    ctx.paths.inventory.catalog,
    join(ctx.paths.inventory.dir, OUTPUT_FILES.records),
    join(ctx.paths.inventory.dir, OUTPUT_FILES.webRabis),
    ...(await listActFiles(ctx.options.acts ?? [])).files,
    ...(ctx.options.branches ? [ctx.options.branches] : []),
  ],
  settings: (ctx) => ({ asOf: ctx.asOf, profile: ctx.profile }),
  outputs: (ctx) => [ctx.paths.acts.records, ctx.paths.acts.jsonl, ctx.paths.acts.notApplied],
  async run(ctx) {
    const p = ctx.paths.acts;
    const { files } = await listActFiles(ctx.options.acts ?? []);
    const whole = await applyActs({ ...common(ctx), records: ctx.paths.inventory.catalog, outRecords: p.records });
    const delivered = await applyActs({
      ...common(ctx),
      records: join(ctx.paths.inventory.dir, OUTPUT_FILES.records),
      jsonl: join(ctx.paths.inventory.dir, OUTPUT_FILES.webRabis),
      outRecords: p.inventoryRecords,
      outJsonl: p.jsonl,
    });
    const appliedWhole = new Map(whole.applied.map((a) => [`${a.file}:${a.line}`, a.copy.inventoryNumber]));
    for (const a of delivered.applied) {
      if (appliedWhole.get(`${a.file}:${a.line}`) !== a.copy.inventoryNumber) {
        throw new KitapError('E_LEDGER', `act line ${a.line} changes copy ${a.copy.inventoryNumber} of the 1C copies but not the same copy in the whole catalog: an inventory number the legacy catalog and the 1C export share? Check rejects/inventory-rows.csv`, { file: a.file, line: a.line });
      }
    }
    const notApplied = new AtomicFile(p.notApplied);
    await notApplied.write(whole.notApplied.map((n) => `${JSON.stringify(n)}\n`).join(''));
    await notApplied.close();
    const c = whole.counts;
    const w = whole.withdrawn;
    return {
      line: `${c.lines} act lines: ${c.applied} applied (${w.writtenOff.copies} written off, ${w.transferredOut.copies} transferred out, ${whole.moved} moved between our libraries), ${c.notApplied} left for the audit`,
      ledger: [
        { stage: 'acts', unit: 'act lines', in: c.lines, out: c.applied, rejected: 0, filtered: c.notApplied, note: 'lines not applied: the audit reports them (rejects/acts-not-applied.ndjson)' },
        { stage: 'acts', unit: 'records', in: c.records.in, out: c.records.out, rejected: 0, filtered: 0 },
        { stage: 'acts', unit: 'copies', in: c.copies.in, out: c.copies.out, rejected: 0, filtered: 0, note: 'every copy keeps its record; only statuses change' },
      ],
      actFiles: files,
      copiesFrom1C: delivered.counts.webRabis?.copies.in,
      withdrawnTiyn: w.sum,
      applied: { lines: c.applied, writtenOff: w.writtenOff, transferredOut: w.transferredOut, moved: whole.moved },
      notAppliedByCode: countBy(whole.notApplied.map((n) => n.code)),
    };
  },
};

function countBy(codes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of [...codes].sort()) out[c] = (out[c] ?? 0) + 1;
  return out;
}
