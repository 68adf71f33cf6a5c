import { type DataField, type MarcRecord, dataField } from '@kitap/marc';
import type { Copy } from '../copy.js';
import type { CopyMapper, LostValue, MapperLayout, ReadCopy } from './copy-mapper.js';
import { lostValues } from './lost-values.js';
import { type SubfieldTable, readSubfields, tableHolds, writeSubfields, writesStatus } from './subfield-table.js';

/** A layout that keeps each copy in one field of its own tag (910, 949, 952, 995, 899, 090). */
export interface FieldLayout {
  layout: MapperLayout;
  flavour: 'marc21' | 'unimarc';
  table: SubfieldTable;
  /** Indicators of written fields (blank by default). */
  ind1?: string;
  ind2?: string;
}

/** A mapper for a one-field-per-copy layout, driven by its subfield table. */
export function fieldMapper(spec: FieldLayout): CopyMapper {
  const { table } = spec;
  const holds = tableHolds(table);
  return {
    layout: spec.layout,
    flavour: spec.flavour,
    holds,
    read(record: MarcRecord): ReadCopy[] {
      const out: ReadCopy[] = [];
      // Positions from the tags, fields by tag: decodes only the copy fields of a lazily read record.
      const at = tagPositions(record.tags, table.tag);
      record.get(table.tag).forEach((field, n) => {
        if (field.kind !== 'data') return;
        const { copy, unmapped } = readSubfields(field, table);
        out.push({ copy, fields: [at[n]!], unmapped });
      });
      return out;
    },
    write(copies: readonly Copy[]): { fields: DataField[]; lost: LostValue[] } {
      const fields: DataField[] = [];
      const lost: LostValue[] = [];
      copies.forEach((copy, n) => {
        fields.push(dataField(table.tag, spec.ind1 ?? ' ', spec.ind2 ?? ' ', writeSubfields(copy, table)));
        lost.push(...lostValues(copy, n, holds, (status) => writesStatus(table, status)));
      });
      return { fields, lost };
    },
  };
}

/** Indexes of the fields with this tag. */
export function tagPositions(tags: readonly string[], tag: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < tags.length; i++) if (tags[i] === tag) out.push(i);
  return out;
}
