import { lazyModule } from '@kitap/core';
import type marcjsModule from 'marcjs';
import type { Field, Subfield } from './record/field.js';
import { Leader } from './record/leader.js';
import { MarcRecord } from './record/record.js';

/**
 * Conversion to and from marcjs records, for code that already uses marcjs.
 * We do not use marcjs's own stream readers: they frame records on 0x1D alone,
 * corrupt records that span more than two chunks, drop a truncated last record
 * silently and never validate (see docs/architecture.md).
 */
export type MarcjsRecord = InstanceType<typeof marcjsModule.Record>;

/** marcjs, loaded when first converted to (~7 ms, which no run that does not use marcjs should pay). */
const loadMarcjs = lazyModule<typeof marcjsModule>(import.meta.url, 'marcjs');

export function toMarcjs(record: MarcRecord): MarcjsRecord {
  const out = new (loadMarcjs().Record)();
  out.leader = record.leader.value;
  out.fields = record.fields.map((field) => {
    if (field.kind === 'control') return [field.tag, field.value];
    const row = [field.tag, field.ind1 + field.ind2];
    for (const sf of field.subfields) row.push(sf.code, sf.value);
    return row;
  });
  return out;
}

/** A marcjs record as ours. marcjs tells control fields by tag < 010 and row length; we keep that rule. */
export function fromMarcjs(source: MarcjsRecord): MarcRecord {
  const leaderText = (source.leader ?? '').padEnd(24, ' ').slice(0, 24);
  const fields: Field[] = source.fields.map((row) => {
    const tag = row[0] ?? '';
    if (row.length === 2 && Number.parseInt(tag, 10) < 10) return { kind: 'control', tag, value: row[1] ?? '' };
    const indicators = (row[1] ?? '  ').padEnd(2, ' ');
    const subfields: Subfield[] = [];
    for (let i = 2; i + 1 < row.length; i += 2) subfields.push({ code: row[i]!, value: row[i + 1]! });
    return { kind: 'data', tag, ind1: indicators.charAt(0), ind2: indicators.charAt(1), subfields };
  });
  return new MarcRecord(new Leader(leaderText), fields);
}
