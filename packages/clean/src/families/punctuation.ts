import type { Rule } from '../rule.js';
import isbdPhysicalPunctuation from '../rules/isbd-physical-punctuation.js';
import isbdPublicationPunctuation from '../rules/isbd-publication-punctuation.js';
import isbdTitlePunctuation from '../rules/isbd-title-punctuation.js';
import trailingPeriod from '../rules/trailing-period.js';
import unimarcSubfieldPunctuation from '../rules/unimarc-subfield-punctuation.js';

/** Rules of the punctuation family, in the order they run. */
export const PUNCTUATION_RULES: readonly Rule[] = [
  isbdTitlePunctuation,
  isbdPublicationPunctuation,
  isbdPhysicalPunctuation,
  trailingPeriod,
  unimarcSubfieldPunctuation,
] as Rule[];
