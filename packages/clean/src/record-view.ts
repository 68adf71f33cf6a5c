/**
 * What several rules read from one record, worked out once and shared: the
 * engine runs every rule on a record before it goes on to the next, so the
 * text rules would otherwise each find the same free-text subfields again.
 */
import type { Field, MarcRecord } from '@kitap/marc';
import type { RuleFlavour } from './rule.js';
import { isTextSubfield, textCodes } from './tables/text-subfields.js';

/** A subfield that holds free text (see tables/text-subfields.ts), with where it is. */
export interface TextSubfield {
  /** Index of the field in `record.fields`. */
  readonly field: number;
  /** Index of the subfield in the field's `subfields`. */
  readonly position: number;
  readonly code: string;
  readonly value: string;
}

interface View {
  /** The record's fields when the view was made: the view holds while they are the same objects. */
  readonly fields: readonly Field[];
  readonly text: readonly TextSubfield[];
  readonly byOwnTag: readonly TextSubfield[];
  /** The subfields of `text` with a notable character, made when first asked for. */
  notable?: readonly TextSubfield[];
}

/**
 * A character the text rules may have something to say about: anything but
 * space, digits, ASCII punctuation other than brackets and quotes, the
 * Russian and Kazakh Cyrillic letters, en and em dashes and №. A value made
 * only of those is in NFC and has no Latin letter (so no mixed script), no
 * look-alike of a Kazakh letter and no bracket or quote to pair
 * (test/record-view.test.ts checks this against each rule's own quick test).
 */
export const NOTABLE = /[^\u0020\u0021\u0023-\u0027\u002a-\u0040\u005c\u005e-\u0060\u007b-\u007e\u0400-\u045f\u0492\u0493\u049a\u049b\u04a2\u04a3\u04ae-\u04b1\u04ba\u04bb\u04d8\u04d9\u04e8\u04e9\u2013\u2014\u2116]/;

/**
 * The free-text subfields of a record, in field and subfield order, as
 * `textSubfieldMask` marks them (UNIMARC 4XX fields that embed other fields
 * after $1 included). Every text rule reads the same list, so it is worked
 * out once per record and flavour and shared. Fields are immutable values, so
 * the list stays right while the record holds the very same field objects; a
 * record changed in place (`replaceField`, `addField` …) gets a new list.
 */
export function textSubfields(record: MarcRecord, flavour: RuleFlavour): readonly TextSubfield[] {
  return view(record, flavour).text;
}

/**
 * The subfields `isTextSubfield` calls text for their field's own tag, without
 * reading the fields a UNIMARC 4XX embeds after $1 (its subfields count as the
 * 4XX's own). The same list as `textSubfields` unless such a field is there.
 */
export function textSubfieldsByOwnTag(record: MarcRecord, flavour: RuleFlavour): readonly TextSubfield[] {
  return view(record, flavour).byOwnTag;
}

/**
 * The free-text subfields (as `textSubfields`) whose value has a NOTABLE
 * character: the only ones in which unicode-nfc, kazakh-lookalike-letters,
 * mixed-script-word and unbalanced-brackets can find anything. Most of a
 * Kazakh or Russian catalog's text has none, so those rules skip it with one
 * test of each value shared by all four.
 */
export function notableTextSubfields(record: MarcRecord, flavour: RuleFlavour): readonly TextSubfield[] {
  const v = view(record, flavour);
  return (v.notable ??= v.text.filter((sf) => NOTABLE.test(sf.value)));
}

/**
 * Indexes of the fields that hold at least one of `subfields` whose value passes `test`, each once, in
 * field order: the fields a rule must read whole, when `test` tells quickly that a value has nothing to
 * report.
 */
export function fieldsWhere(subfields: readonly TextSubfield[], test: (value: string) => boolean): number[] {
  const out: number[] = [];
  for (const sf of subfields) if (sf.field !== out[out.length - 1] && test(sf.value)) out.push(sf.field);
  return out;
}

/**
 * The views of the last record asked about, one per flavour. The engine runs every rule on a record
 * before the next, and each fix pass makes a new record, so one record is all that needs keeping.
 * (Keeping a view per record in a WeakMap kept thousands alive when a caller holds many records,
 * as the benchmark does, and the garbage collector's extra work slowed every rule after the text rules.)
 */
let lastRecord: MarcRecord | undefined;
let lastViews: Partial<Record<RuleFlavour, View>> = {};

function view(record: MarcRecord, flavour: RuleFlavour): View {
  const fields = record.fields;
  if (record !== lastRecord) {
    lastRecord = record;
    lastViews = {};
  }
  const cached = lastViews[flavour];
  if (cached !== undefined && sameFields(cached.fields, fields)) return cached;
  const made = makeView(fields, flavour);
  lastViews[flavour] = made;
  return made;
}

function sameFields(a: readonly Field[], b: readonly Field[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Both lists in one pass over the fields. */
function makeView(fields: readonly Field[], flavour: RuleFlavour): View {
  const text: TextSubfield[] = [];
  // Made only when a UNIMARC 4XX field embeds another: until then it is `text` itself.
  let byOwnTag: TextSubfield[] | undefined;
  for (let field = 0; field < fields.length; field++) {
    const f = fields[field]!;
    if (f.kind !== 'data') continue;
    const tag = f.tag;
    const codes = textCodes(flavour, tag);
    const subfields = f.subfields;
    if (flavour === 'unimarc' && tag >= '400' && tag < '500' && subfields.some((sf) => sf.code === '1')) {
      byOwnTag ??= text.slice();
      let embedded: string | undefined;
      for (let position = 0; position < subfields.length; position++) {
        const sf = subfields[position]!;
        const entry: TextSubfield = { field, position, code: sf.code, value: sf.value };
        if (codes.has(sf.code)) byOwnTag.push(entry);
        if (sf.code === '1') embedded = sf.value.slice(0, 3);
        else if (embedded === undefined ? codes.has(sf.code) : embedded >= '200' && embedded < '900' && isTextSubfield(flavour, embedded, sf.code)) text.push(entry);
      }
      continue;
    }
    // Control numbers, local 9XX fields and the like hold no text at all.
    if (!codes.any) continue;
    for (let position = 0; position < subfields.length; position++) {
      const sf = subfields[position]!;
      if (!codes.has(sf.code)) continue;
      const entry: TextSubfield = { field, position, code: sf.code, value: sf.value };
      text.push(entry);
      byOwnTag?.push(entry);
    }
  }
  return { fields: fields.slice(), text, byOwnTag: byOwnTag ?? text };
}
