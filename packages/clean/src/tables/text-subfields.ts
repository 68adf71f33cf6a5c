import type { DataField } from '@kitap/marc';
import type { RuleFlavour } from '../rule.js';

/**
 * Which subfields of a data field hold free text — titles, names, notes,
 * publishers, qualifiers — as opposed to codes, identifiers, numbers and
 * addresses. The text rules (script mixing, Kazakh look-alikes, Unicode
 * normalisation, brackets) read only free text: a language code in 041 $a,
 * a BBK index in 084 $a or 686 $a, a URL in 856 $u or an inventory number in
 * 949 is left alone even when it looks like a word.
 *
 * Sources: MARC 21 Format for Bibliographic Data (LC), UNIMARC Bibliographic
 * (IFLA) and RUSMARC. Local 9XX fields are never read: each library uses them
 * for its own codes (copies, branches, inventory numbers, prices).
 */

/** MARC21 01X–09X: numbers and codes, except these subfields (qualifiers, prices, sources of stock). */
const MARC21_TEXT_IN_NUMBER_FIELDS: Readonly<Record<string, string>> = {
  '020': 'cq', // ISBN: terms of availability, qualifying information
  '024': 'cq', // other standard identifier
  '027': 'q', // standard technical report number
  '028': 'bq', // publisher's number: source, qualifying information
  '037': 'bcfg', // source of acquisition: source, terms, form of issue, format characteristics
};

/** MARC21 fields 1XX–8XX whose listed subfields are codes, identifiers or addresses. */
const MARC21_CODED_SUBFIELDS: readonly (readonly [RegExp, string])[] = [
  [/^33[678]$/, 'b'], // content, media, carrier type codes
  [/^34[4-7]$/, 'b'], // sound, projection, video, digital file characteristics: codes
  [/^490$/, 'xl'], // series: ISSN, LC call number
  [/^5\d\d$/, 'u'], // notes: URI
  [/^7[6-8]\d$/, 'woxyzru'], // linking entries: control number, identifiers, ISSN, CODEN, ISBN, report numbers, URI
  [/^8[0-3]\d$/, 'wx'], // series added entries: control number, ISSN
];

/** MARC21 fields 8XX where only the listed subfields are text; every other subfield is a code. */
const MARC21_TEXT_ONLY: readonly (readonly [RegExp, string])[] = [
  [/^85[0-57-9]$/, 'xz'], // holding institution, location (852) and the like: notes
  [/^856$/, 'yz'], // electronic location: link text, public note
  [/^8[67]\d$/, 'xz'], // holdings and item information
  [/^88[1-9]$/, ''], // machine-generated metadata, replacement and provenance records
];

/** UNIMARC 0XX: identifiers, except qualification and price of ISBN, ISSN, ISMN. */
const UNIMARC_TEXT_IN_ID_FIELDS: Readonly<Record<string, string>> = {
  '010': 'bd', // ISBN: qualification, terms of availability
  '011': 'bd', // ISSN
  '013': 'bd', // ISMN
};

/** UNIMARC fields whose listed subfields are codes or identifiers. */
const UNIMARC_CODED_SUBFIELDS: readonly (readonly [RegExp, string])[] = [
  [/^225$/, 'x'], // series: ISSN
  [/^4\d\d$/, 'uxyz'], // linking entries, standard subfields: URL, ISSN, ISBN, CODEN
];

/** UNIMARC fields that hold codes or numbers only: coded data, subject codes, classification, sources, holding institutions. */
const UNIMARC_CODED_FIELDS = /^(1\d\d|66\d|67[1-9]|68\d|69\d|80[1-2]|85[0-57-9]|88\d)$/;

/** UNIMARC 856: only the link text and notes are text. */
const UNIMARC_TEXT_ONLY: readonly (readonly [RegExp, string])[] = [[/^856$/, 'yz']];

function listed(table: readonly (readonly [RegExp, string])[], tag: string): string | undefined {
  for (const [re, codes] of table) if (re.test(tag)) return codes;
  return undefined;
}

function marc21Text(tag: string, code: string): boolean {
  if (tag >= '900' || tag < '010') return false;
  if (tag < '100') return MARC21_TEXT_IN_NUMBER_FIELDS[tag]?.includes(code) ?? false;
  // Numeric codes are control subfields ($6 linkage, $8 field link, $0 and $1 URIs, $2 source, $4 relator code, $5 institution),
  // except $3 "materials specified", which is text.
  if (code >= '0' && code <= '9') return code === '3';
  const only = listed(MARC21_TEXT_ONLY, tag);
  if (only !== undefined) return only.includes(code);
  return !(listed(MARC21_CODED_SUBFIELDS, tag)?.includes(code) ?? false);
}

function unimarcText(tag: string, code: string): boolean {
  if (tag >= '900' || tag < '010') return false;
  if (tag < '100') return UNIMARC_TEXT_IN_ID_FIELDS[tag]?.includes(code) ?? false;
  if (UNIMARC_CODED_FIELDS.test(tag)) return false;
  // $1 embeds fields (4XX), $2 system code, $3 authority number, $4 relator code, $5 institution, $6 linkage, $7 script, $8, $9 local.
  if (code >= '0' && code <= '9') return false;
  const only = listed(UNIMARC_TEXT_ONLY, tag);
  if (only !== undefined) return only.includes(code);
  return !(listed(UNIMARC_CODED_SUBFIELDS, tag)?.includes(code) ?? false);
}

function computeText(flavour: RuleFlavour, tag: string, code: string): boolean {
  return flavour === 'marc21' ? marc21Text(tag, code) : unimarcText(tag, code);
}

/**
 * Which subfield codes of one tag hold free text. The text rules ask about
 * every subfield of every record, and the answer depends only on the flavour,
 * the tag and the code, so each tag's answers are worked out once, for all
 * ASCII codes, and kept.
 */
export class TextCodes {
  /** Whether any ASCII code is text in this tag: when none is, a field's subfields need not be looked at. */
  readonly any: boolean;
  readonly #flavour: RuleFlavour;
  readonly #tag: string;
  readonly #ascii: Uint8Array;

  constructor(flavour: RuleFlavour, tag: string) {
    this.#flavour = flavour;
    this.#tag = tag;
    this.#ascii = new Uint8Array(128);
    let any = false;
    for (let c = 0; c < 128; c++) {
      if (computeText(flavour, tag, String.fromCharCode(c))) {
        this.#ascii[c] = 1;
        any = true;
      }
    }
    this.any = any;
  }

  has(code: string): boolean {
    const c = code.length === 1 ? code.charCodeAt(0) : 128;
    return c < 128 ? this.#ascii[c] === 1 : computeText(this.#flavour, this.#tag, code);
  }
}

const MEMO: Readonly<Record<RuleFlavour, Map<string, TextCodes>>> = { marc21: new Map(), unimarc: new Map() };
/** Local and garbled tags are many in a bad file; past this many tags the answers are no longer kept. */
const MEMO_TAGS = 4096;

/** The text subfield codes of a tag in this flavour. */
export function textCodes(flavour: RuleFlavour, tag: string): TextCodes {
  const memo = MEMO[flavour];
  let codes = memo.get(tag);
  if (codes === undefined) {
    codes = new TextCodes(flavour, tag);
    if (memo.size < MEMO_TAGS) memo.set(tag, codes);
  }
  return codes;
}

/** True when subfield `code` of field `tag` holds free text in this flavour. */
export function isTextSubfield(flavour: RuleFlavour, tag: string, code: string): boolean {
  return textCodes(flavour, tag).has(code);
}

/**
 * For each subfield of the field, whether it holds free text. UNIMARC 4XX
 * fields may embed whole fields after $1 (`$12001\` then `$aЗаглавие`): the
 * subfields after an embedded 0XX or 1XX field (record number, ISBN, coded
 * data) are codes, those after an embedded 2XX–8XX field are text.
 */
export function textSubfieldMask(flavour: RuleFlavour, field: DataField): boolean[] {
  const embedding = flavour === 'unimarc' && field.tag >= '400' && field.tag < '500';
  let embedded: string | undefined;
  return field.subfields.map((sf) => {
    if (embedding && sf.code === '1') {
      embedded = sf.value.slice(0, 3);
      return false;
    }
    if (embedded !== undefined) return embedded >= '200' && embedded < '900' && isTextSubfield(flavour, embedded, sf.code);
    return isTextSubfield(flavour, field.tag, sf.code);
  });
}

/**
 * Where a text run of a field starts afresh: each UNIMARC 4XX $1 begins an
 * embedded field, so brackets opened before it do not carry over. Returns,
 * for each subfield, a group number; subfields of one group read as one text.
 */
export function textGroups(flavour: RuleFlavour, field: DataField): number[] {
  const embedding = flavour === 'unimarc' && field.tag >= '400' && field.tag < '500';
  let group = 0;
  return field.subfields.map((sf) => (embedding && sf.code === '1' ? ++group : group));
}
