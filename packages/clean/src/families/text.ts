import type { Rule } from '../rule.js';
import kazakhLookalikeLetters from '../rules/kazakh-lookalike-letters.js';
import mixedScriptWord from '../rules/mixed-script-word.js';
import subfieldWhitespace from '../rules/subfield-whitespace.js';
import unbalancedBrackets from '../rules/unbalanced-brackets.js';
import unicodeNfc from '../rules/unicode-nfc.js';

/** Rules of the text family, in the order they run. */
export const TEXT_RULES: readonly Rule[] = [subfieldWhitespace, unicodeNfc, mixedScriptWord, kazakhLookalikeLetters, unbalancedBrackets] as Rule[];
