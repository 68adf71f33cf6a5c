import type { Rule } from '../rule.js';

/** Rules of the punctuation family, in the order they run. */
export const PUNCTUATION_RULES: readonly Rule[] = [];
