import { type Finding, formatPlace } from '@kitap/core';

/**
 * The columns of a finding for people working through a list (CSV, XLSX):
 * Russian headers for library staff with the English name beside them.
 */
export const FINDING_COLUMNS = [
  { key: 'severity', header: 'Важность / severity', width: 10 },
  { key: 'rule', header: 'Правило / rule', width: 24 },
  { key: 'record', header: '№ записи / record', width: 10 },
  { key: 'recordId', header: 'ID записи / record id', width: 16 },
  { key: 'title', header: 'Заглавие / title', width: 40 },
  { key: 'field', header: 'Поле / field', width: 10 },
  { key: 'message', header: 'Сообщение / message', width: 60 },
  { key: 'actual', header: 'Найдено / found', width: 24 },
  { key: 'suggestion', header: 'Предложение / suggestion', width: 24 },
  { key: 'fixable', header: 'Исправимо / fixable', width: 10 },
  { key: 'related', header: 'Связано с / related', width: 24 },
  { key: 'place', header: 'Место / place', width: 30 },
] as const;

export type FindingRow = Record<(typeof FINDING_COLUMNS)[number]['key'], string | number>;

export function findingRow(f: Finding): FindingRow {
  const p = f.place;
  let field = p.tag ?? '';
  if (field && p.occurrence !== undefined && p.occurrence > 0) field += `[${p.occurrence + 1}]`;
  if (field && p.subfield !== undefined) field += ` $${p.subfield}`;
  return {
    severity: f.severity,
    rule: f.ruleId,
    record: p.index === undefined ? '' : p.index + 1,
    recordId: p.recordId ?? '',
    title: f.label ?? '',
    field,
    message: f.message,
    actual: f.actual ?? '',
    suggestion: f.expected ?? '',
    fixable: f.fixable ? 'yes' : '',
    related: f.related ? formatPlace(f.related) : '',
    place: formatPlace(p),
  };
}
