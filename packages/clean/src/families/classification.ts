import type { Rule } from '../rule.js';
import bbkSyntax from '../rules/bbk-syntax.js';
import classificationMissing from '../rules/classification-missing.js';
import udcSyntax from '../rules/udc-syntax.js';

/** Rules of the classification family, in the order they run. */
export const CLASSIFICATION_RULES: readonly Rule[] = [bbkSyntax, udcSyntax, classificationMissing] as Rule[];
