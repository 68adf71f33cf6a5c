import type { Copy } from '@kitap/holdings';
import { type DataField, detectFlavour, type MarcRecord, subfieldValue } from '@kitap/marc';

/**
 * What the withdrawal statistics need to know about one copy: its record's
 * BBK indexes and UDC notations (for the subject group), language codes and
 * title (for the language group), and the copy's own branch and price.
 */
export interface CopyFacts {
  /** BBK indexes as written, in record order (the first is the main one). */
  bbk: string[];
  /** UDC notations as written, in record order. */
  udc: string[];
  /** Language codes as written, fixed-field code first, each once. */
  languages: string[];
  /** The title proper with its other title information and parts. */
  title?: string;
  inventoryNumber?: string;
  /** The copy's branch code. */
  branch?: string;
  /** The copy's price in tiyn. */
  price?: number;
}

interface Tags {
  bbk: string;
  udc: string;
  title: string;
  titleCodes: readonly string[];
}

// MARC21: 084 other scheme (BBK when $2 says so), 080 UDC, 245 $a $b $n $p.
const MARC21: Tags = { bbk: '084', udc: '080', title: '245', titleCodes: ['a', 'b', 'n', 'p'] };
// UNIMARC/RUSMARC: 686 other scheme, 675 UDC, 200 $a $e (other title information) $h $i (part).
const UNIMARC: Tags = { bbk: '686', udc: '675', title: '200', titleCodes: ['a', 'e', 'h', 'i'] };

// Trailing ISBD punctuation left by the cataloguer between subfields: " /", " :", " ;", " =", ",".
const ISBD_END = /[\s/:;=,.]+$/u;

/** True when the field is a BBK field: its $2 names a BBK table (rubbk, rubbkd, rubbkm …) or it has none, as in the customer's records. */
function isBbkField(field: DataField): boolean {
  const source = subfieldValue(field, '2')?.trim().toLowerCase();
  return source === undefined || source === '' || source.startsWith('rubbk');
}

function nonBlank(values: Iterable<string>, into: string[]): void {
  for (const v of values) if (v.trim() !== '') into.push(v.trim());
}

/** Language codes of one subfield value: `kaz`, or `kazrus` as older records pack several codes into one $a. */
function languageCodes(value: string): string[] {
  const v = value.trim();
  if (v.length > 3 && v.length % 3 === 0 && /^[a-z]+$/iu.test(v)) return v.match(/.{3}/gu) ?? [];
  return v === '' ? [] : [v];
}

function titleOf(record: MarcRecord, tags: Tags): string | undefined {
  const field = record.dataFields(tags.title)[0];
  if (!field) return undefined;
  const parts: string[] = [];
  for (const sf of field.subfields) {
    if (!tags.titleCodes.includes(sf.code)) continue;
    const part = sf.value.replace(ISBD_END, '').trim();
    if (part !== '') parts.push(part);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * The facts of a copy for grouping it in the withdrawal table. Reads MARC21
 * (BBK from 084 $a when $2 is a `rubbk…` table or absent, UDC from 080 $a,
 * languages from 008/35-37 and 041 $a, title from 245) or UNIMARC/RUSMARC
 * (BBK from 686 $a, UDC from 675 $a, languages from 101 $a, title from 200),
 * by the record's content; a record of unknown flavour is read both ways.
 * Values are trimmed and blank ones left out; nothing else is normalised
 * here (see `bbkClass`, `udcClass`, `languageGroupOf`).
 */
export function copyFacts(record: MarcRecord, copy: Copy): CopyFacts {
  const flavour = detectFlavour(record);
  const schemes = flavour === 'marc21' ? [MARC21] : flavour === 'unimarc' ? [UNIMARC] : [MARC21, UNIMARC];
  const bbk: string[] = [];
  const udc: string[] = [];
  const languages: string[] = [];
  let title: string | undefined;
  for (const tags of schemes) {
    for (const field of record.dataFields(tags.bbk)) if (isBbkField(field)) nonBlank(field.subfields.filter((sf) => sf.code === 'a').map((sf) => sf.value), bbk);
    nonBlank(record.subfieldValues(tags.udc, 'a'), udc);
    title ??= titleOf(record, tags);
  }
  if (flavour !== 'unimarc') {
    const fixed = record.controlValue('008');
    if (fixed !== undefined && fixed.length >= 38) nonBlank(languageCodes(fixed.slice(35, 38)), languages);
    for (const value of record.subfieldValues('041', 'a')) nonBlank(languageCodes(value), languages);
  }
  if (flavour !== 'marc21') for (const value of record.subfieldValues('101', 'a')) nonBlank(languageCodes(value), languages);
  return {
    bbk,
    udc,
    languages: [...new Set(languages)],
    ...(title !== undefined ? { title } : {}),
    ...(copy.inventoryNumber !== undefined ? { inventoryNumber: copy.inventoryNumber } : {}),
    ...(copy.branch !== undefined ? { branch: copy.branch } : {}),
    ...(copy.price !== undefined ? { price: copy.price } : {}),
  };
}
