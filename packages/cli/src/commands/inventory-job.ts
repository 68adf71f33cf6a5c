import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KitapError } from '@kitap/core';
import { BranchDirectory, KARAGANDA_CBS, type MapperLayout, formatMoney } from '@kitap/holdings';
import { OUTPUT_FILES, type InventoryReport, type TableFormat, attachThresholdsSchema, detectMapping, loadMapping, parseMapping, runInventory } from '@kitap/inventory';
import type { CharsetName } from '@kitap/marc';
import { dedupSettings } from '../job/dedup-settings.js';
import { loadProjectConfig } from '../job/project-config.js';
import type { Io } from '../io.js';

export interface InventoryCliOptions {
  input: string;
  out?: string;
  detect?: boolean;
  format?: TableFormat;
  encoding?: CharsetName;
  mapping?: string;
  delimiter?: string;
  sheet?: string;
  xmlRow?: string;
  catalog?: string;
  catalogEncoding?: string;
  profile?: string;
  layout?: MapperLayout;
  branches?: string;
  config?: string;
}

const PROFILES = ['marc21', 'rusmarc', 'kazakh-public-library'] as const;

/** The flavour and copy layout of a profile: MARC21 with 852/876, or RUSMARC with IRBIS's 910. */
export function profileOutput(profile: string): { flavour: 'marc21' | 'unimarc'; layout: MapperLayout } {
  return profile === 'rusmarc' ? { flavour: 'unimarc', layout: '910' } : { flavour: 'marc21', layout: '852/876' };
}

/**
 * A test hook, not a user option: `KITAP_TEST_KILL_AT=read:4000` makes the
 * process kill itself (SIGKILL, no clean-up) once that many rows of the stage
 * are committed, so tests can prove a killed run resumes.
 */
function killHook(): ((stage: string, done: number) => void) | undefined {
  const spec = process.env.KITAP_TEST_KILL_AT;
  if (!spec) return undefined;
  const [stage, n] = spec.split(':');
  return (s, done) => {
    if (s === stage && done >= Number(n ?? 0)) process.kill(process.pid, 'SIGKILL');
  };
}

export async function runInventoryCommand(options: InventoryCliOptions, io: Io): Promise<number> {
  if (options.detect) {
    const { mapping, notes, sample } = await detectMapping(options.input, { format: options.format, encoding: options.encoding });
    for (const note of notes) io.err(note);
    if (sample.length) io.err(`first data row as mapped: ${JSON.stringify(sample[0])}`);
    await io.out(`${JSON.stringify(mapping, null, 2)}\n`);
    return 0;
  }
  if (!options.out) throw new KitapError('E_USAGE', 'give --out <dir> (or --detect to only look at the export)');
  const project = loadProjectConfig(options.config);
  const profile = options.profile ?? project.clean.profile ?? 'kazakh-public-library';
  if (!(PROFILES as readonly string[]).includes(profile)) throw new KitapError('E_USAGE', `unknown profile "${profile}"; use ${PROFILES.join(', ')}`);
  const output = profileOutput(profile);
  const { config: dedup } = dedupSettings(options.config);
  const attach = attachThresholdsSchema.safeParse(project.inventory);
  if (!attach.success) {
    const issues = attach.error.issues.map((i) => `inventory.${i.path.join('.') || '(section)'}: ${i.message}`).join('; ');
    throw new KitapError('E_CONFIG', issues, project.path ? { file: project.path } : {});
  }
  const branches = options.branches ? await BranchDirectory.load(options.branches) : BranchDirectory.fromJson(KARAGANDA_CBS);
  const loaded = options.mapping ? await loadMapping(options.mapping) : parseMapping({});
  // The command line overrides the mapping file.
  const mapping = parseMapping({
    ...loaded,
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter.replace(/^\\t$|^tab$/i, '\t') } : {}),
    ...(options.sheet !== undefined ? { sheet: /^\d+$/.test(options.sheet) ? Number(options.sheet) : options.sheet } : {}),
    ...(options.xmlRow !== undefined ? { xmlRow: options.xmlRow } : {}),
  });
  if (options.catalog !== undefined && !existsSync(options.catalog)) throw new KitapError('E_INPUT', 'cannot open the catalog: no such file', { file: options.catalog });

  const started = Date.now();
  const result = await runInventory({
    input: options.input,
    out: options.out,
    format: options.format,
    encoding: options.encoding,
    mapping,
    catalog: options.catalog,
    catalogEncoding: options.catalogEncoding === 'auto' ? undefined : options.catalogEncoding,
    layout: options.layout ?? output.layout,
    flavour: output.flavour,
    branches,
    dedup,
    attach: attach.data,
    onCheckpoint: killHook(),
    log: (line) => io.err(line),
  });
  for (const line of summary(result.report, options.out)) io.err(line);
  if (result.resumed) io.err(`resumed an interrupted run; stages already done: ${result.stagesSkipped.join(', ') || 'none'}`);
  io.err(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const t = result.report.totals.rows;
  return t.rejected > 0 || t.batchLevel > 0 ? 1 : 0;
}

function balance(ok: boolean): string {
  return ok ? 'balanced' : 'NOT BALANCED';
}

/** The summary on stderr: the ledger of rows, copies and money, what was attached and created, and where the files are. */
export function summary(report: InventoryReport, out: string): string[] {
  const { rows, copies, money } = report.totals;
  const lines: string[] = [];
  const input = report.input;
  lines.push(`read ${input.file}: ${input.format}${input.encoding ? `, ${input.encoding}` : ''}${input.headerLine ? `, header on line ${input.headerLine}` : ''}`);
  lines.push(
    `rows: read ${rows.read} = mapped ${rows.mapped} + rejected ${rows.rejected} + batch-level ${rows.batchLevel} + already in catalog ${rows.alreadyInCatalog} + totals ${rows.totals} (${balance(rows.read === rows.mapped + rows.rejected + rows.batchLevel + rows.alreadyInCatalog + rows.totals)})`,
  );
  lines.push(
    `copies: expected ${copies.expected} = mapped ${copies.mapped} + rejected ${copies.rejected} + batch-level ${copies.batchLevel} + already in catalog ${copies.alreadyInCatalog} (${balance(copies.expected === copies.mapped + copies.rejected + copies.batchLevel + copies.alreadyInCatalog)})`,
  );
  lines.push(
    `money, KZT: read ${formatMoney(money.read)} = mapped ${formatMoney(money.mapped)} + rejected ${formatMoney(money.rejected)} + batch-level ${formatMoney(money.batchLevel)} + already in catalog ${formatMoney(money.alreadyInCatalog)} (${balance(money.read === money.mapped + money.rejected + money.batchLevel + money.alreadyInCatalog)})`,
  );
  lines.push(`records: ${report.attached.records} existing records receive ${report.attached.copies} copies; ${report.created.records} new records hold ${report.created.copies} copies${report.possibleMatches ? `; ${report.possibleMatches} possible matches to check (report.json)` : ''}`);
  const codes = Object.entries(report.rejectsByCode);
  if (codes.length) lines.push(`rejected rows by reason: ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (report.undecodable.rows) lines.push(`bytes the encoding cannot read were replaced by U+FFFD in ${report.undecodable.rows} rows (W_ENCODING_REPLACED; lines in report.json)`);
  if (report.lostLetters.rows) lines.push(`Kazakh letters lost as "?" in ${report.lostLetters.rows} mapped rows (W_ROW_LOST_LETTERS; lines in report.json)`);
  lines.push(`wrote ${Object.values(OUTPUT_FILES).map((f) => join(out, f)).join(', ')}`);
  return lines;
}
