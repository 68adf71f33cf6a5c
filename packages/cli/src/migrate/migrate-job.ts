import { appendFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { KitapError, isKitapError, removeStaleTempFiles } from '@kitap/core';
import { BranchDirectory, KARAGANDA_CBS, parseDate } from '@kitap/holdings';
import { MIGRATION_STAGES, type MigrationStage, MigrationStore } from '@kitap/store';
import type { Io } from '../io.js';
import { setProgressHook } from '../job/progress.js';
import { VERSION } from '../version.js';
import { loadProjectConfig } from '../job/project-config.js';
import { stageFingerprint } from './fingerprint.js';
import { lockFolder } from '../job/folder-lock.js';
import type { MigrateOptions } from './migrate-options.js';
import { type MigrationLedger, migrationLedger } from './migration-ledger.js';
import { migrationPaths } from './migration-paths.js';
import { StageDisplay } from '../job/stage-display.js';
import type { StageContext, StageSpec, StageSummary } from './stage.js';
import { actsStage } from './stages/acts-stage.js';
import { cleanStage } from './stages/clean-stage.js';
import { convertStage } from './stages/convert-stage.js';
import { dedupStage } from './stages/dedup-stage.js';
import { inventoryStage } from './stages/inventory-stage.js';
import { packageStage } from './stages/package-stage.js';
import { reconcileStage } from './stages/reconcile-stage.js';

const STAGES: readonly StageSpec[] = [convertStage, cleanStage, dedupStage, inventoryStage, actsStage, reconcileStage, packageStage];
const PROFILES = ['marc21', 'rusmarc', 'kazakh-public-library'];

export interface MigrateResult {
  ledger: MigrationLedger;
  ran: MigrationStage[];
  skipped: MigrationStage[];
  summaries: Partial<Record<MigrationStage, StageSummary>>;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A stage that does not apply to this run: without acts there is nothing to apply or audit. */
function applies(stage: MigrationStage, options: MigrateOptions): boolean {
  return (stage !== 'acts' && stage !== 'reconcile') || Boolean(options.acts?.length);
}

/**
 * `kitap migrate`: the whole job as stages on one SQLite file in `<dir>`.
 * A stage runs unless the store says it finished on the same fingerprint
 * (input bytes + settings) and its outputs are there; so a re-run after a kill
 * continues at the stage that was running, and `--from` forgets a stage and
 * those after it. Every stage writes its files atomically, so a killed stage
 * leaves nothing half-written; the inventory stage also resumes inside itself.
 */
export async function runMigrate(options: MigrateOptions, io: Io): Promise<MigrateResult> {
  for (const [flag, path] of [['--catalog', options.catalog], ['--inventory', options.inventory]] as const) {
    if (!existsSync(path)) throw new KitapError('E_INPUT', `cannot open the ${flag === '--catalog' ? 'catalog' : '1C export'} (${flag}): no such file`, { file: path });
    if (statSync(path).isDirectory()) throw new KitapError('E_INPUT', `the ${flag === '--catalog' ? 'catalog' : '1C export'} (${flag}) is a folder; give the file`, { file: path });
  }
  for (const a of options.acts ?? []) if (!existsSync(a)) throw new KitapError('E_INPUT', 'cannot open the acts (--acts): no such file or folder', { file: a });
  const project = loadProjectConfig(options.config);
  const profile = options.profile ?? project.clean.profile ?? 'kazakh-public-library';
  if (!PROFILES.includes(profile)) throw new KitapError('E_USAGE', `unknown profile "${profile}"; use ${PROFILES.join(', ')}`);
  const asOf = options.asOf === undefined ? today() : parseDate(options.asOf);
  if (!asOf) throw new KitapError('E_USAGE', `--as-of "${options.asOf}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
  let year: number | undefined;
  if (options.year !== undefined) {
    if (!/^\d{4}$/.test(options.year)) throw new KitapError('E_USAGE', `--year "${options.year}" is not a year`);
    year = Number(options.year);
  }
  if ((options.fundStart === undefined) !== (options.fundEnd === undefined)) throw new KitapError('E_USAGE', 'the balance check needs both --fund-start and --fund-end');
  if (options.fundStart !== undefined && year === undefined) throw new KitapError('E_USAGE', 'the balance check needs --year');
  if (options.from !== undefined && !(MIGRATION_STAGES as readonly string[]).includes(options.from)) throw new KitapError('E_USAGE', `--from "${options.from}" is not a stage; the stages are ${MIGRATION_STAGES.join(', ')}`);

  const paths = migrationPaths(options.out);
  for (const d of [paths.convert.dir, paths.clean.dir, paths.dedup.dir, paths.inventory.dir, paths.acts.dir, paths.reconcile.dir]) mkdirSync(d, { recursive: true });
  const unlock = lockFolder(paths.lock);
  const stale = removeStaleTempFiles(options.out);
  const store = MigrationStore.open(paths.store);
  const display = new StageDisplay((line) => io.err(line));
  const log = (line: string): void => appendFileSync(paths.log, `${line}\n`);
  const subIo: Io = { out: (text) => log(text.replace(/\n$/, '')), err: log, exitCode: 0 };
  const branches = options.branches ? await BranchDirectory.load(options.branches) : BranchDirectory.fromJson(KARAGANDA_CBS);
  const ctx: StageContext = { options, paths, store, io: subIo, log, progress: (n) => display.update(n), branches, profile, asOf, year, summaries: {} };
  const ran: MigrationStage[] = [];
  const skipped: MigrationStage[] = [];
  try {
    if (options.from !== undefined) store.forgetStages(MIGRATION_STAGES.slice(MIGRATION_STAGES.indexOf(options.from)));
    if (stale) log(`removed ${stale} temporary files a killed run left`);
    log(`kitap migrate: ${new Date().toISOString()} catalog=${options.catalog} inventory=${options.inventory} acts=${(options.acts ?? []).join(',')} profile=${profile} as-of=${asOf}${options.from ? ` from=${options.from}` : ''}`);
    for (const spec of STAGES) {
      if (!applies(spec.stage, options)) {
        store.forgetStages([spec.stage]);
        continue;
      }
      // The kitap version is part of it: a new version runs every stage again.
      const fingerprint = await stageFingerprint(await spec.inputs(ctx), { kitap: VERSION, settings: spec.settings(ctx) });
      const known = store.stage(spec.stage);
      if (known?.status === 'done' && known.fingerprint === fingerprint && spec.outputs(ctx).every((f) => existsSync(f))) {
        ctx.summaries[spec.stage] = known.summary as StageSummary;
        display.skip(spec.stage, (known.summary as StageSummary).line);
        skipped.push(spec.stage);
        continue;
      }
      store.startStage(spec.stage, fingerprint);
      const total = spec.total ? await spec.total(ctx) : undefined;
      display.start(spec.stage, spec.unit, total);
      setProgressHook((_label, count) => display.update(count));
      log(`--- stage ${spec.stage}`);
      const summary = await spec.run(ctx);
      setProgressHook(undefined);
      store.finishStage(spec.stage, summary);
      ctx.summaries[spec.stage] = summary;
      display.finish(spec.stage, summary.line);
      ran.push(spec.stage);
    }
  } catch (error) {
    setProgressHook(undefined);
    display.abort();
    if (isKitapError(error)) log(`failed: ${error.code}: ${error.message}`);
    throw error;
  } finally {
    store.close();
    unlock();
  }
  const ledger = migrationLedger(ctx.summaries);
  return { ledger, ran, skipped, summaries: ctx.summaries };
}
