import type { Rule } from '../rule.js';
import isbnChecksum from '../rules/isbn-checksum.js';

/** Rules of the identifiers family, in the order they run. */
export const IDENTIFIERS_RULES: readonly Rule[] = [isbnChecksum] as Rule[];
