import { type DataField, type Field, type MarcRecord, subfieldValue } from '@kitap/marc';

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

/** The copies a record holds in the given layouts, in field order. Decodes only the copy (and location) fields. */
export function copyFields(record: MarcRecord, layouts: readonly CopyLayout[], specs: Readonly<Record<string, LayoutSpec>> = LAYOUT_SPECS): CopyFields[] {
  const out: CopyFields[] = [];
  let tags: string[] | undefined;
  // Copies come in field order within a layout; only copies of several layouts need sorting.
  let sorted = true;
  for (let l = 0; l < layouts.length; l++) {
    const layout = layouts[l]!;
    const spec = specs[layout]!;
    tags ??= record.tags;
    if (!tags.includes(spec.tag)) continue;
    // Positions of the layout's fields, then the fields themselves (decoded by tag, in the same order).
    const itemAt = positions(tags, spec.tag);
    const items = record.get(spec.tag);
    const locationTag = spec.locationTag;
    let locationAt: number[] | undefined;
    let locations: readonly Field[] | undefined;
    let locationLinks: (string | undefined)[] | undefined;
    if (locationTag) {
      locationAt = positions(tags, locationTag);
      locations = record.get(locationTag);
      // The $8 link of each location (undefined for a control field or a location without $8).
      locationLinks = [];
      for (const location of locations) locationLinks.push(location.kind === 'data' ? subfieldValue(location, '8') : undefined);
    }
    for (let n = 0; n < items.length; n++) {
      const f = items[n]!;
      if (f.kind !== 'data') continue;
      const i = itemAt[n]!;
      if (out.length > 0 && out[out.length - 1]!.field > i) sorted = false;
      const copy: CopyFields = { layout, field: i };
      const inv = valueAt(f, i, spec.inventoryNumber);
      if (inv) copy.inventoryNumber = inv;
      const price = valueAt(f, i, spec.price);
      if (price) copy.price = price;
      const barcode = valueAt(f, i, spec.barcode);
      if (barcode) copy.barcode = barcode;
      let branch: CopyValue | undefined;
      if (locations !== undefined) {
        // 852/876: the item's location is the 852 with the same $8 link, or the only 852.
        const link = subfieldValue(f, '8');
        let k = -1;
        if (link !== undefined) k = locationLinks!.indexOf(link);
        if (k < 0 && locations.length === 1) k = 0;
        const location = locations[k];
        if (location?.kind === 'data') branch = valueAt(location, locationAt![k]!, spec.branch);
      } else branch = valueAt(f, i, spec.branch);
      if (branch) copy.branch = branch;
      out.push(copy);
    }
  }
  return sorted ? out : out.sort((a, b) => a.field - b.field);
}

/** Indexes of the tags equal to `tag`. */
function positions(tags: readonly string[], tag: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < tags.length; i++) if (tags[i] === tag) out.push(i);
  return out;
}

/** The first `$code` of the field with where it is; undefined when the layout has no such subfield or the field lacks it. */
function valueAt(field: DataField, index: number, code: string | undefined): CopyValue | undefined {
  if (code === undefined) return undefined;
  const v = subfieldValue(field, code);
  return v === undefined ? undefined : { field: index, code, value: v };
}
