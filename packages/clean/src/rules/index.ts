import { CLASSIFICATION_RULES } from '../families/classification.js';
import { CODES_RULES } from '../families/codes.js';
import { COPIES_RULES } from '../families/copies.js';
import { IDENTIFIERS_RULES } from '../families/identifiers.js';
import { MISPRINTS_RULES } from '../families/misprints.js';
import { NAMES_RULES } from '../families/names.js';
import { PUNCTUATION_RULES } from '../families/punctuation.js';
import { STRUCTURE_RULES } from '../families/structure.js';
import { TEXT_RULES } from '../families/text.js';
import type { Rule } from '../rule.js';

/** Every rule kitap ships, by family, in the order they run and are documented. */
export const RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  ...TEXT_RULES,
  ...IDENTIFIERS_RULES,
  ...PUNCTUATION_RULES,
  ...CODES_RULES,
  ...CLASSIFICATION_RULES,
  ...NAMES_RULES,
  ...COPIES_RULES,
  ...MISPRINTS_RULES,
];
