import { type DataField, subfieldValue } from '@kitap/marc';
import type { RuleFlavour } from '../rule.js';

/**
 * The $2 codes of the Library-Bibliographic Classification (ББК) in the
 * Library of Congress "Classification Scheme Source Codes" list: the tables
 * for research (rubbk, rubbkn, rubbknp), regional (rubbko), public/mass
 * (rubbkm), military (rubbkmv), children's (rubbkd), school (rubbks)
 * libraries and for local-studies catalogs (rubbkk).
 */
export const BBK_SOURCES = ['rubbk', 'rubbkd', 'rubbkk', 'rubbkm', 'rubbkmv', 'rubbkn', 'rubbknp', 'rubbko', 'rubbks'] as const;

/** Where each flavour keeps a BBK index and a UDC number: the field and its subfield. */
export const CLASSIFICATION_TAGS: Readonly<Record<RuleFlavour, { bbk: string; udc: string; all: readonly string[] }>> = {
  // MARC21: 050 LCC, 080 UDC, 082 DDC, 084 other scheme (BBK, identified by $2).
  marc21: { bbk: '084', udc: '080', all: ['050', '080', '082', '084'] },
  // UNIMARC/RUSMARC: 675 UDC, 676 DDC, 686 other scheme (BBK, identified by $2).
  unimarc: { bbk: '686', udc: '675', all: ['675', '676', '686'] },
};

/**
 * True when a 084 (MARC21) or 686 (UNIMARC) holds a BBK index: its $2 is one
 * of `sources`, or it has no $2 and the catalog's habit is to leave it out
 * (`withoutSource`), as in the customer's records where 084 is always BBK.
 */
export function isBbkField(field: DataField, sources: readonly string[], withoutSource: boolean): boolean {
  const source = subfieldValue(field, '2')?.trim().toLowerCase();
  if (source === undefined || source === '') return withoutSource;
  return sources.includes(source);
}

/** True when the field has a non-blank $a: an empty classification field classifies nothing. */
export function hasNumber(field: DataField): boolean {
  const subfields = field.subfields;
  for (let i = 0; i < subfields.length; i++) {
    const sf = subfields[i]!;
    if (sf.code === 'a' && sf.value.trim() !== '') return true;
  }
  return false;
}
