import type { Severity } from '@kitap/core';
import type { RuleFlavour } from './rule.js';

/** How a profile or config sets one rule: off, a severity, or a severity with options. */
export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off' | undefined; options?: Record<string, unknown> | undefined };

export interface Profile {
  name: string;
  description: string;
  /** The flavour assumed for a record whose tags say neither MARC21 nor UNIMARC. */
  flavour: RuleFlavour;
  /** Rules switched on with their defaults unless listed; `only` limits the profile to rules of these flavours. */
  only: readonly RuleFlavour[];
  rules: Readonly<Record<string, RuleSetting>>;
}

const MARC21_LAYOUTS = ['852/876', '952', '949', '090'];
const RUSMARC_LAYOUTS = ['995', '910'];
const CUSTOMER_LAYOUTS = ['949', '852/876', '910', '995'];

export const PROFILES: Readonly<Record<string, Profile>> = {
  marc21: {
    name: 'marc21',
    description: 'MARC 21 bibliographic records: every MARC21 rule at its default severity except isbn-10-to-13 (off); copies in 852/876, 952, 949 or 090, any branch code.',
    flavour: 'marc21',
    only: ['marc21'],
    rules: {
      // Adds a field to every record with an ISBN-10: switch it on deliberately.
      'isbn-10-to-13': 'off',
      'inventory-number-unique': { options: { layouts: MARC21_LAYOUTS } },
      'inventory-number-format': { options: { layouts: MARC21_LAYOUTS } },
      'price-format': { options: { layouts: MARC21_LAYOUTS } },
      // Other library systems have other branch codes: only check that a copy has one.
      'copy-branch-code': { options: { layouts: MARC21_LAYOUTS, branches: [] } },
    },
  },
  rusmarc: {
    name: 'rusmarc',
    description: 'RUSMARC/UNIMARC bibliographic records: every UNIMARC rule at its default severity except isbn-10-to-13 (off) and unimarc-subfield-punctuation (error); copies in 995 or IRBIS 910, any branch code.',
    flavour: 'unimarc',
    only: ['unimarc'],
    rules: {
      'isbn-10-to-13': 'off',
      'inventory-number-unique': { options: { layouts: RUSMARC_LAYOUTS } },
      'inventory-number-format': { options: { layouts: RUSMARC_LAYOUTS } },
      'price-format': { options: { layouts: RUSMARC_LAYOUTS } },
      'copy-branch-code': { options: { layouts: RUSMARC_LAYOUTS, branches: [] } },
      // Typed ISBD marks print twice on cards generated from RUSMARC.
      'unimarc-subfield-punctuation': 'error',
    },
  },
  'kazakh-public-library': {
    name: 'kazakh-public-library',
    description:
      'A Kazakh public library system (the Karaganda customer): MARC21 or RUSMARC records in Kazakh and Russian, BBK and UDC, copies in 949, 852/876, 910 or 995 with the 21 branch codes; ISBN hyphens kept, no period after the extent (GOST), trailing-period and isbn-10-to-13 off.',
    flavour: 'marc21',
    only: ['marc21', 'unimarc'],
    rules: {
      'isbn-10-to-13': 'off',
      // The customer's records carry ISBNs with hyphens as printed; keep them (qualifiers still move to $q).
      'isbn-format': { options: { marc21Hyphens: 'keep' } },
      // GOST 7.0.12: "см" is a unit symbol, so the extent never takes a period.
      'isbd-physical-punctuation': { options: { trailingPeriod: 'never' } },
      // Notes without a final period are the norm in this catalog; not worth a change to half the records.
      'trailing-period': 'off',
      'inventory-number-unique': { options: { layouts: CUSTOMER_LAYOUTS } },
      'inventory-number-format': { options: { layouts: CUSTOMER_LAYOUTS } },
      'price-format': { options: { layouts: CUSTOMER_LAYOUTS } },
      // The 21 libraries of the Karaganda system (the rule's default list).
      'copy-branch-code': { options: { layouts: CUSTOMER_LAYOUTS } },
    },
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as readonly string[];
