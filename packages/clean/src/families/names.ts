import type { Rule } from '../rule.js';

/** Rules of the names family, in the order they run. */
export const NAMES_RULES: readonly Rule[] = [];
