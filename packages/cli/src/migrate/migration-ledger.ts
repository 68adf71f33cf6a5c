import { MIGRATION_STAGES, type MigrationStage } from '@kitap/store';
import type { LedgerRow, StageSummary } from './stage.js';

/** A hand-over between stages that must agree: what one stage passed on is what the next one took in. */
export interface LedgerLink {
  check: string;
  left: number;
  right: number;
  equal: boolean;
}

export interface MigrationLedger {
  tool: 'kitap migrate';
  version: 1;
  /** Every stage's rows: in = out + rejected + filtered. */
  stages: (LedgerRow & { balanced: boolean })[];
  links: LedgerLink[];
  /** Every row balances and every hand-over agrees. */
  balanced: boolean;
}

function row(summaries: Partial<Record<MigrationStage, StageSummary>>, stage: MigrationStage, unit: LedgerRow['unit']): LedgerRow | undefined {
  return summaries[stage]?.ledger.find((r) => r.unit === unit);
}

/** The ledger of the whole migration, from the stages' summaries, in stage order. */
export function migrationLedger(summaries: Partial<Record<MigrationStage, StageSummary>>): MigrationLedger {
  const stages = MIGRATION_STAGES.flatMap((s) => summaries[s]?.ledger ?? []).map((r) => ({ ...r, balanced: r.in === r.out + r.rejected + r.filtered }));
  const links: LedgerLink[] = [];
  const link = (check: string, left: number | undefined, right: number | undefined): void => {
    if (left !== undefined && right !== undefined) links.push({ check, left, right, equal: left === right });
  };
  link('records converted = records cleaned', row(summaries, 'convert', 'records')?.out, row(summaries, 'clean', 'records')?.in);
  link('records cleaned = records deduplicated', row(summaries, 'clean', 'records')?.out, row(summaries, 'dedup', 'records')?.in);
  const combined = summaries.inventory?.combined as { catalog: number } | undefined;
  link('records after merge = catalog records the inventory kept', row(summaries, 'dedup', 'records')?.out, combined?.catalog);
  link('catalog records with copies = records the acts were applied to', row(summaries, 'inventory', 'records')?.out, row(summaries, 'acts', 'records')?.in);
  link('copies mapped from 1C = copies the acts stage read', row(summaries, 'inventory', 'copies')?.out, (summaries.acts?.copiesFrom1C as number | undefined) ?? undefined);
  link('act lines = act lines the audit read', row(summaries, 'acts', 'act lines')?.in, (summaries.reconcile?.actLines as number | undefined) ?? undefined);
  link('records with copies = records packaged', row(summaries, summaries.acts ? 'acts' : 'inventory', 'records')?.out, row(summaries, 'package', 'records')?.in);
  return { tool: 'kitap migrate', version: 1, stages, links, balanced: stages.every((s) => s.balanced) && links.every((l) => l.equal) };
}

const UNIT_NAMES: Record<LedgerRow['unit'], string> = { records: 'записи', rows: 'строки 1С', copies: 'экземпляры', 'act lines': 'строки актов', tiyn: 'сумма, тиын' };
const STAGE_NAMES: Record<MigrationStage, string> = {
  convert: 'Чтение каталога (convert)',
  clean: 'Исправления (clean)',
  dedup: 'Дубликаты (dedup)',
  inventory: 'Инвентарь 1С (inventory)',
  acts: 'Акты выбытия (acts)',
  reconcile: 'Сверка (reconcile)',
  package: 'Пакет Web-RABIS (package)',
};

/** What «учтено отдельно» and the row mean, for the fund commission (the English notes stay in ledger.json). */
const RU_NOTES: Record<string, string> = {
  'dedup/records': 'объединены с сохраняемой записью (дубликаты)',
  'dedup/copies': 'экземпляры записей каталога, перенесены в сохраняемые записи',
  'inventory/rows': 'учтены отдельно: строки партий (КСУ), экземпляры уже в каталоге, строки «Итого»',
  'inventory/copies': 'учтены отдельно: экземпляры строк партий и уже имеющиеся в каталоге',
  'inventory/records': 'каталог после объединения (с присоединёнными экземплярами 1С) и новые записи',
  'inventory/tiyn': 'учтены отдельно: суммы строк партий и экземпляров, уже имеющихся в каталоге',
  'acts/act lines': 'не применены: см. замечания сверки (rejects/acts-not-applied.ndjson)',
  'acts/copies': 'экземпляры не удаляются: меняется только их состояние',
};

const RU_LINKS: Record<string, string> = {
  'records converted = records cleaned': 'записи после чтения = записи на исправлении',
  'records cleaned = records deduplicated': 'записи после исправлений = записи на поиске дубликатов',
  'records after merge = catalog records the inventory kept': 'записи после объединения = записи каталога после инвентаря',
  'catalog records with copies = records the acts were applied to': 'записи с экземплярами = записи, к которым применены акты',
  'copies mapped from 1C = copies the acts stage read': 'экземпляры из 1С = экземпляры на применении актов',
  'act lines = act lines the audit read': 'строки актов = строки, проверенные сверкой',
  'records with copies = records packaged': 'записи = записи в пакете Web-RABIS',
};

function ruNote(r: LedgerRow): string {
  if (r.stage === 'package' && r.unit === 'copies') return r.note?.startsWith('copies in records.mrc') ? 'экземпляры в records.mrc: собственные экземпляры каталога и экземпляры из 1С' : 'экземпляры из 1С в web-rabis.jsonl';
  return RU_NOTES[`${r.stage}/${r.unit}`] ?? r.note ?? '';
}

/** The ledger as table rows for the reports, header first, labels in Russian for the fund commission. */
export function ledgerTable(ledger: MigrationLedger): (string | number)[][] {
  const rows: (string | number)[][] = [['Этап', 'Единица', 'Поступило', 'Передано дальше', 'Отклонено', 'Учтено отдельно', 'Баланс', 'Примечание']];
  for (const r of ledger.stages) rows.push([STAGE_NAMES[r.stage], UNIT_NAMES[r.unit], r.in, r.out, r.rejected, r.filtered, r.balanced ? 'сходится' : 'НЕ СХОДИТСЯ', ruNote(r)]);
  for (const l of ledger.links) rows.push([`Передача: ${RU_LINKS[l.check] ?? l.check}`, '', l.left, l.right, '', '', l.equal ? 'сходится' : 'НЕ СХОДИТСЯ', '']);
  return rows;
}
