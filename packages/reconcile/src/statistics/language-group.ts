import { hasKazakhLetters } from '@kitap/text';

/** The language groups of the annual report: in Kazakh, and all others. */
export const LANGUAGE_GROUPS = ['kaz', 'other'] as const;

/** One of LANGUAGE_GROUPS. */
export type LanguageGroup = (typeof LANGUAGE_GROUPS)[number];

/** What the language group is decided by: the record's language codes and its title. */
export interface LanguageFacts {
  /** Language codes as written (MARC21 008/35-37 and 041 $a, UNIMARC 101 $a). */
  languages: readonly string[];
  title?: string;
}

// Spellings of the Kazakh code met in catalogs: ISO 639-2 `kaz`, ISO 639-1 `kk`, and Cyrillic «каз», «қаз».
const KAZAKH_CODES = new Set(['kaz', 'kk', 'каз', 'қаз']);
// Codes that name no language of the text: blank and fill characters, undetermined, multiple, none.
const UNINFORMATIVE = /^(?:[|#\s_-]*|und|mul|zxx|n\/a)$/u;

/**
 * Whether a copy counts as Kazakh in the statistics: `kaz` when any of the
 * record's language codes is Kazakh (a Kazakh-Russian edition counts as
 * Kazakh); `other` when it has any other code. Only when no language is coded
 * (no codes, or only blanks, `|||`, `und`, `mul`, `zxx`) does the title
 * decide: Kazakh when it has a letter only Kazakh uses (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү,
 * Һ, І). A Kazakh title written only with letters Russian shares («Абай
 * жолы») is therefore `other` without a language code.
 */
export function languageGroupOf(facts: LanguageFacts): LanguageGroup {
  let coded = false;
  for (const code of facts.languages) {
    const folded = code.trim().toLowerCase();
    if (KAZAKH_CODES.has(folded)) return 'kaz';
    if (!UNINFORMATIVE.test(folded)) coded = true;
  }
  if (coded) return 'other';
  return facts.title !== undefined && hasKazakhLetters(facts.title) ? 'kaz' : 'other';
}
