import type { RuleFlavour } from '../rule.js';

/**
 * Where each flavour keeps ISBNs and ISSNs and their companions.
 * MARC 21 Bibliographic (LC): 020 $a ISBN, $q qualifying information,
 * $c terms of availability, $z canceled/invalid ISBN; 022 $a ISSN,
 * $y incorrect ISSN, $z canceled ISSN.
 * UNIMARC Bibliographic (IFLA) and RUSMARC: 010 $a ISBN, $b qualification,
 * $d terms of availability, $z erroneous ISBN; 011 $a ISSN, $y cancelled
 * ISSN, $z erroneous ISSN.
 */
export interface IsbnField {
  tag: string;
  /** Binding, volume and the like: repeatable $q in MARC21, one $b in UNIMARC. */
  qualifier: string;
  qualifierRepeatable: boolean;
  /** Price or other terms of availability. */
  price: string;
  /** Canceled, invalid or erroneous ISBN. */
  invalid: string;
}

export const ISBN_FIELD: Readonly<Record<RuleFlavour, IsbnField>> = {
  marc21: { tag: '020', qualifier: 'q', qualifierRepeatable: true, price: 'c', invalid: 'z' },
  unimarc: { tag: '010', qualifier: 'b', qualifierRepeatable: false, price: 'd', invalid: 'z' },
};

export interface IssnField {
  tag: string;
  /** Where an ISSN with a wrong check digit goes: MARC21 022 $y "incorrect ISSN", UNIMARC 011 $z "erroneous ISSN". */
  incorrect: string;
}

export const ISSN_FIELD: Readonly<Record<RuleFlavour, IssnField>> = {
  marc21: { tag: '022', incorrect: 'y' },
  unimarc: { tag: '011', incorrect: 'z' },
};
