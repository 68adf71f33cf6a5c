import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KitapError } from '@kitap/core';
import { OUTPUT_FILES, attachThresholdsSchema, loadMapping, parseMapping, runInventory } from '@kitap/inventory';
import { profileOutput } from '../../commands/inventory-job.js';
import { dedupSettings } from '../../job/dedup-settings.js';
import { loadProjectConfig } from '../../job/project-config.js';
import { combineCatalog } from '../combine-catalog.js';
import type { StageSpec } from '../stage.js';

/** The 1C export mapped onto the cleaned, merged catalog: copies attached to the records it has, new records for the editions it lacks. */
export const inventoryStage: StageSpec = {
  stage: 'inventory',
  unit: 'rows',
  inputs: (ctx) => [ctx.options.inventory, ctx.paths.dedup.merged, ...(ctx.options.mapping ? [ctx.options.mapping] : []), ...(ctx.options.config ? [ctx.options.config] : []), ...(ctx.options.branches ? [ctx.options.branches] : [])],
  settings: (ctx) => ({ profile: ctx.profile }),
  outputs: (ctx) => [...Object.values(OUTPUT_FILES).map((f) => join(ctx.paths.inventory.dir, f)), ctx.paths.inventory.catalog],
  async run(ctx) {
    if (!existsSync(ctx.options.inventory)) throw new KitapError('E_INPUT', 'cannot open the 1C export: no such file', { file: ctx.options.inventory });
    const project = loadProjectConfig(ctx.options.config);
    const attach = attachThresholdsSchema.safeParse(project.inventory);
    if (!attach.success) throw new KitapError('E_CONFIG', attach.error.issues.map((i) => `inventory.${i.path.join('.')}: ${i.message}`).join('; '), project.path ? { file: project.path } : {});
    const output = profileOutput(ctx.profile);
    const result = await runInventory({
      input: ctx.options.inventory,
      out: ctx.paths.inventory.dir,
      mapping: ctx.options.mapping ? await loadMapping(ctx.options.mapping) : parseMapping({}),
      catalog: ctx.paths.dedup.merged,
      catalogEncoding: 'utf-8',
      layout: output.layout,
      flavour: output.flavour,
      branches: ctx.branches,
      dedup: dedupSettings(ctx.options.config).config,
      attach: attach.data,
      onCheckpoint: (stage, done) => {
        ctx.progress(done);
        inventoryKillHook?.(stage, done);
      },
      log: (line) => ctx.log(line),
    });
    const dir = ctx.paths.inventory.dir;
    const combined = await combineCatalog(ctx.paths.dedup.merged, join(dir, OUTPUT_FILES.records), join(dir, OUTPUT_FILES.webRabis), ctx.paths.inventory.catalog);
    const { rows, copies, money } = result.report.totals;
    const r = result.report;
    return {
      line: `${rows.read} rows: ${copies.mapped} copies mapped (${r.attached.copies} to ${r.attached.records} catalog records, ${r.created.copies} in ${r.created.records} new records), ${rows.rejected} rows rejected, ${rows.batchLevel} batch rows${result.resumed ? ' (resumed)' : ''}`,
      ledger: [
        { stage: 'inventory', unit: 'rows', in: rows.read, out: rows.mapped, rejected: rows.rejected, filtered: rows.batchLevel + rows.alreadyInCatalog + rows.totals, note: 'batch-level rows, rows already in the catalog, totals lines' },
        { stage: 'inventory', unit: 'copies', in: copies.expected, out: copies.mapped, rejected: copies.rejected, filtered: copies.batchLevel + copies.alreadyInCatalog, note: 'copies of batch-level rows and copies already in the catalog' },
        { stage: 'inventory', unit: 'records', in: combined.catalog + combined.created, out: combined.written, rejected: 0, filtered: 0, note: `the merged catalog (${combined.attached} of its records with 1C copies attached) and ${combined.created} new records` },
        { stage: 'inventory', unit: 'tiyn', in: money.read, out: money.mapped, rejected: money.rejected, filtered: money.batchLevel + money.alreadyInCatalog, note: 'money of batch-level rows and of copies already in the catalog' },
      ],
      combined,
      attached: r.attached,
      created: r.created,
      rejectsByCode: r.rejectsByCode,
      possibleMatches: r.possibleMatches,
    };
  },
};

/** The test hook of `kitap inventory` (`KITAP_TEST_KILL_AT=read:4000`), honoured inside a migration too. */
const inventoryKillHook: ((stage: string, done: number) => void) | undefined = (() => {
  const spec = process.env.KITAP_TEST_KILL_AT;
  if (!spec) return undefined;
  const [stage, n] = spec.split(':');
  return (s: string, done: number) => {
    if (s === stage && done >= Number(n ?? 0)) process.kill(process.pid, 'SIGKILL');
  };
})();
