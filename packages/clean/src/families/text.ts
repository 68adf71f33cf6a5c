import type { Rule } from '../rule.js';
import subfieldWhitespace from '../rules/subfield-whitespace.js';

/** Rules of the text family, in the order they run. */
export const TEXT_RULES: readonly Rule[] = [subfieldWhitespace] as Rule[];
