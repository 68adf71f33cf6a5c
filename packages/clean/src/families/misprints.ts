import type { Rule } from '../rule.js';

/** Rules of the misprints family, in the order they run. */
export const MISPRINTS_RULES: readonly Rule[] = [];
