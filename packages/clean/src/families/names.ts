import type { Rule } from '../rule.js';
import initialsSpacing from '../rules/initials-spacing.js';
import mainEntryRepeated from '../rules/main-entry-repeated.js';

/** Rules of the names family, in the order they run. */
export const NAMES_RULES: readonly Rule[] = [mainEntryRepeated, initialsSpacing] as Rule[];
