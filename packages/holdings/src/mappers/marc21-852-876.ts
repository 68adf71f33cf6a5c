import { type DataField, type MarcRecord, dataField, subfieldValue } from '@kitap/marc';
import type { Copy, CopyProperty } from '../copy.js';
import type { CopyMapper, LostValue, ReadCopy } from './copy-mapper.js';
import { tagPositions } from './field-mapper.js';
import { lostValues } from './lost-values.js';
import { type SubfieldTable, readSubfields, statusCodeStatus, tableHolds, writeSubfields, writesStatus } from './subfield-table.js';

/**
 * MARC 21 holdings location 852 (LC MARC 21 Format for Holdings Data): $a
 * institution, $b sublocation (branch), $c shelving location (department), $h
 * call number, read together with $i (item part, joined by a space) and
 * written whole to $h; $x/$z notes are read (and written with the item, to
 * 876); $8 links it to its items.
 */
export const LOCATION_852: SubfieldTable = {
  tag: '852',
  ignore: ['8'],
  notes: { read: ['x', 'z'] },
  rules: [
    { code: 'a', property: 'institution' },
    { code: 'b', property: 'branch' },
    { code: 'c', property: 'department' },
    { code: 'h', property: 'callNumber' },
    { code: 'i', property: 'callNumber', continues: true },
  ],
};

/**
 * MARC 21 item information 876: $a internal item (inventory) number, $c cost,
 * $d date acquired (YYYYMMDD), $e source, $j item status (kitap writes its own
 * status codes: available, on-loan …), $p barcode, $t copy number, $x
 * non-public and $z public note (notes are written to $x); $8 links it to its
 * 852.
 */
export const ITEM_876: SubfieldTable = {
  tag: '876',
  ignore: ['8'],
  status: statusCodeStatus('j'),
  rules: [
    { code: 'a', property: 'inventoryNumber' },
    { code: 'c', property: 'price', codec: 'money' },
    { code: 'd', property: 'dateReceived', codec: 'date-compact' },
    { code: 'e', property: 'source' },
    { code: 'p', property: 'barcode' },
    { code: 't', property: 'copyNumber' },
  ],
  notes: { read: ['x', 'z'], write: 'x' },
};

const HOLDS: ReadonlySet<CopyProperty> = new Set([...tableHolds(LOCATION_852), ...tableHolds(ITEM_876)]);

/**
 * MARC 21 holdings in the bibliographic record: one 852 and one 876 per copy,
 * linked by $8 (`1.1`, `2.1` … written on both). On reading, an 876 takes the
 * 852 with the same $8, else the one with the same link number (the part
 * before the dot), else the only 852, else the nearest 852 before it when
 * neither has a $8. An 852 that no 876 takes is a copy by itself (location
 * only), and the unmapped subfields of an 852 shared by several items are
 * reported once, with its first copy.
 */
export const marc21Holdings: CopyMapper = {
  layout: '852/876',
  flavour: 'marc21',
  holds: HOLDS,
  read(record: MarcRecord): ReadCopy[] {
    const tags = record.tags;
    const locations = dataAt(record, tags, '852');
    const items = dataAt(record, tags, '876');
    const used = new Set<number>();
    const out: ReadCopy[] = [];
    for (const item of items) {
      const location = locationOf(item, locations);
      let copy: Copy = {};
      const fields: number[] = [];
      const unmapped: ReadCopy['unmapped'] = [];
      if (location) {
        const read = readSubfields(location.field, LOCATION_852);
        copy = read.copy;
        fields.push(location.index);
        if (!used.has(location.index)) unmapped.push(...read.unmapped);
        used.add(location.index);
      }
      const read = readSubfields(item.field, ITEM_876, copy);
      fields.push(item.index);
      out.push({ copy: read.copy, fields, unmapped: [...unmapped, ...read.unmapped] });
    }
    for (const location of locations) {
      if (used.has(location.index)) continue;
      const read = readSubfields(location.field, LOCATION_852);
      out.push({ copy: read.copy, fields: [location.index], unmapped: read.unmapped });
    }
    return out.sort((a, b) => Math.min(...a.fields) - Math.min(...b.fields));
  },
  write(copies: readonly Copy[]): { fields: DataField[]; lost: LostValue[] } {
    const fields: DataField[] = [];
    const lost: LostValue[] = [];
    copies.forEach((copy, n) => {
      const link = { code: '8', value: `${n + 1}.1` };
      fields.push(dataField('852', ' ', ' ', [link, ...writeSubfields(copy, LOCATION_852)]));
      fields.push(dataField('876', ' ', ' ', [link, ...writeSubfields(copy, ITEM_876)]));
      lost.push(...lostValues(copy, n, HOLDS, (status) => writesStatus(ITEM_876, status)));
    });
    return { fields, lost };
  },
};

interface Located {
  field: DataField;
  index: number;
}

/** The data fields with this tag and their indexes in the record. */
function dataAt(record: MarcRecord, tags: readonly string[], tag: string): Located[] {
  const at = tagPositions(tags, tag);
  const out: Located[] = [];
  record.get(tag).forEach((field, n) => {
    if (field.kind === 'data') out.push({ field, index: at[n]! });
  });
  return out;
}

/** The 852 an 876 belongs to (see marc21Holdings). */
function locationOf(item: Located, locations: readonly Located[]): Located | undefined {
  const link = subfieldValue(item.field, '8');
  if (link !== undefined) {
    const exact = locations.find((l) => subfieldValue(l.field, '8') === link);
    if (exact) return exact;
    const number = linkNumber(link);
    const same = locations.find((l) => {
      const other = subfieldValue(l.field, '8');
      return other !== undefined && linkNumber(other) === number;
    });
    if (same) return same;
  }
  if (locations.length === 1) return locations[0];
  if (link === undefined) {
    let before: Located | undefined;
    for (const l of locations) if (l.index < item.index && subfieldValue(l.field, '8') === undefined) before = l;
    return before;
  }
  return undefined;
}

/** The link number of a $8 value: `2.1` → `2`. */
function linkNumber(link: string): string {
  const dot = link.indexOf('.');
  return (dot < 0 ? link : link.slice(0, dot)).trim();
}
