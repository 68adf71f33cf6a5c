import type { Rule } from '../rule.js';
import probableMisprint from '../rules/probable-misprint.js';

/** Rules of the misprints family, in the order they run. */
export const MISPRINTS_RULES: readonly Rule[] = [probableMisprint] as Rule[];
