import { type DataField, type MarcRecord, subfieldValue } from '@kitap/marc';

/** The copy-field layouts kitap reads. */
export const COPY_LAYOUTS = ['852/876', '949', '910', '952', '995', '090'] as const;
export type CopyLayout = (typeof COPY_LAYOUTS)[number];

/** Where one layout keeps a copy's values: the field and the subfield code of each. */
export interface LayoutSpec {
  /** The field that holds one copy. */
  tag: string;
  inventoryNumber: string;
  branch: string;
  price?: string;
  barcode?: string;
  /** For 852/876: the location field that holds the branch, linked by $8. */
  locationTag?: string;
}

/**
 * Sources: IRBIS 910 (ManagedIrbis ExemplarInfo), Koha 952 (MARC21) and 995
 * (UNIMARC/RUSMARC), LC MARC 21 Holdings 852/876, Koha's Russian MARC21 090.
 * 949 has no standard meaning: the layout here is the one of the customer's
 * 1C-style export (see fixtures/sample/MANIFEST.md) and can be changed in the
 * project config.
 */
export const LAYOUT_SPECS: Readonly<Record<CopyLayout, LayoutSpec>> = {
  '852/876': { tag: '876', inventoryNumber: 'a', branch: 'b', price: 'c', barcode: 'p', locationTag: '852' },
  '949': { tag: '949', inventoryNumber: 'i', branch: 'a', price: 'c', barcode: 'p' },
  '910': { tag: '910', inventoryNumber: 'b', branch: 'd', price: 'e', barcode: 'h' },
  '952': { tag: '952', inventoryNumber: 'i', branch: 'a', price: 'g', barcode: 'p' },
  '995': { tag: '995', inventoryNumber: 'j', branch: 'b', price: 'p', barcode: 'f' },
  '090': { tag: '090', inventoryNumber: 'e', branch: 'f' },
};

/** A value of a copy and where it is: the field's index in the record and the subfield code. */
export interface CopyValue {
  field: number;
  code: string;
  value: string;
}

/** One copy as found in a record's fields (not yet the canonical copy model). */
export interface CopyFields {
  layout: CopyLayout;
  /** Index of the copy's field in `record.fields`. */
  field: number;
  inventoryNumber?: CopyValue;
  branch?: CopyValue;
  price?: CopyValue;
  barcode?: CopyValue;
}

function value(fields: readonly DataField[], index: number, code: string | undefined): CopyValue | undefined {
  if (code === undefined) return undefined;
  const v = subfieldValue(fields[index]!, code);
  return v === undefined ? undefined : { field: index, code, value: v };
}

/** The copies a record holds in the given layouts, in field order. */
export function copyFields(record: MarcRecord, layouts: readonly CopyLayout[], specs: Readonly<Record<string, LayoutSpec>> = LAYOUT_SPECS): CopyFields[] {
  const out: CopyFields[] = [];
  const fields = record.fields;
  for (const layout of layouts) {
    const spec = specs[layout]!;
    const locations: number[] = [];
    if (spec.locationTag) fields.forEach((f, i) => f.tag === spec.locationTag && f.kind === 'data' && locations.push(i));
    fields.forEach((f, i) => {
      if (f.tag !== spec.tag || f.kind !== 'data') return;
      const data = fields as readonly DataField[];
      const copy: CopyFields = { layout, field: i };
      const inv = value(data, i, spec.inventoryNumber);
      if (inv) copy.inventoryNumber = inv;
      const price = value(data, i, spec.price);
      if (price) copy.price = price;
      const barcode = value(data, i, spec.barcode);
      if (barcode) copy.barcode = barcode;
      let branchField = i;
      if (spec.locationTag) {
        // 852/876: the item's location is the 852 with the same $8 link, or the only 852.
        const link = subfieldValue(f, '8');
        const linked = locations.find((l) => link !== undefined && subfieldValue(fields[l] as DataField, '8') === link);
        branchField = linked ?? (locations.length === 1 ? locations[0]! : -1);
      }
      const branch = branchField >= 0 ? value(data, branchField, spec.branch) : undefined;
      if (branch) copy.branch = branch;
      out.push(copy);
    });
  }
  return out.sort((a, b) => a.field - b.field);
}
