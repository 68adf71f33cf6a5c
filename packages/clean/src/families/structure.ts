import type { Rule } from '../rule.js';
import controlCharacters from '../rules/control-characters.js';
import duplicateField from '../rules/duplicate-field.js';
import emptyField from '../rules/empty-field.js';
import emptySubfield from '../rules/empty-subfield.js';
import fixedFieldCodes from '../rules/fixed-field-codes.js';
import fixedFieldLength from '../rules/fixed-field-length.js';
import indicatorValues from '../rules/indicator-values.js';
import leaderCodes from '../rules/leader-codes.js';
import nonRepeatableField from '../rules/non-repeatable-field.js';
import requiredTitle from '../rules/required-title.js';

/** Rules of the structure family, in the order they run. */
export const STRUCTURE_RULES: readonly Rule[] = [
  leaderCodes,
  fixedFieldLength,
  fixedFieldCodes,
  requiredTitle,
  indicatorValues,
  nonRepeatableField,
  emptySubfield,
  emptyField,
  controlCharacters,
  duplicateField,
] as Rule[];
