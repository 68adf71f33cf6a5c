import type { Rule } from '../rule.js';

/** Rules of the classification family, in the order they run. */
export const CLASSIFICATION_RULES: readonly Rule[] = [];
