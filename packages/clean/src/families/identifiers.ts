import type { Rule } from '../rule.js';
import isbn10To13 from '../rules/isbn-10-to-13.js';
import isbnChecksum from '../rules/isbn-checksum.js';
import isbnDuplicate from '../rules/isbn-duplicate.js';
import isbnFormat from '../rules/isbn-format.js';
import issnChecksum from '../rules/issn-checksum.js';

/** Rules of the identifiers family, in the order they run. */
export const IDENTIFIERS_RULES: readonly Rule[] = [isbnChecksum, isbnFormat, issnChecksum, isbnDuplicate, isbn10To13] as Rule[];
