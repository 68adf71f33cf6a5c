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

export const PROFILES: Readonly<Record<string, Profile>> = {
  marc21: {
    name: 'marc21',
    description: 'MARC 21 bibliographic records: every MARC21 rule at its default severity; copies in 852/876, 952, 949 or 090.',
    flavour: 'marc21',
    only: ['marc21'],
    rules: {
      'inventory-number-unique': { options: { layouts: ['852/876', '952', '949', '090'] } },
    },
  },
  rusmarc: {
    name: 'rusmarc',
    description: 'RUSMARC/UNIMARC bibliographic records: every UNIMARC rule at its default severity; copies in 995 or IRBIS 910.',
    flavour: 'unimarc',
    only: ['unimarc'],
    rules: {
      'inventory-number-unique': { options: { layouts: ['995', '910'] } },
    },
  },
  'kazakh-public-library': {
    name: 'kazakh-public-library',
    description:
      'A Kazakh public library system (the Karaganda customer): MARC21 or RUSMARC records in Kazakh and Russian, BBK and UDC, copies in 949, 852/876, 910 or 995; Kazakh letters and look-alikes checked strictly.',
    flavour: 'marc21',
    only: ['marc21', 'unimarc'],
    rules: {
      'inventory-number-unique': { options: { layouts: ['949', '852/876', '910', '995'] } },
    },
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as readonly string[];
