import type { Rule } from '../rule.js';
import languageCode from '../rules/language-code.js';
import languageConsistency from '../rules/language-consistency.js';
import publicationYear from '../rules/publication-year.js';

/** Rules of the codes family, in the order they run. */
export const CODES_RULES: readonly Rule[] = [languageCode, languageConsistency, publicationYear] as Rule[];
