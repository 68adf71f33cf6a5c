import type { Rule } from '../rule.js';

/** Rules of the structure family, in the order they run. */
export const STRUCTURE_RULES: readonly Rule[] = [];
