import type { Rule } from '../rule.js';

/** Rules of the codes family, in the order they run. */
export const CODES_RULES: readonly Rule[] = [];
