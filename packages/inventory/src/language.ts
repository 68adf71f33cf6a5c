import { hasKazakhLetters } from '@kitap/text';

// Language names and codes written in exports, to MARC language codes.
const LANGUAGES: ReadonlyMap<string, string> = new Map([
  ...['каз', 'казах', 'казахский', 'қаз', 'қазақ', 'қазақша', 'қазақ тілі', 'kaz', 'kk', 'kz', 'kazakh'].map((k) => [k, 'kaz'] as const),
  ...['рус', 'русск', 'русский', 'орыс', 'орысша', 'орыс тілі', 'rus', 'ru', 'russian'].map((k) => [k, 'rus'] as const),
  ...['анг', 'англ', 'английский', 'ағылшын', 'eng', 'en', 'english'].map((k) => [k, 'eng'] as const),
  ...['нем', 'немецкий', 'неміс', 'ger', 'deu', 'de', 'german'].map((k) => [k, 'ger'] as const),
  ...['фр', 'франц', 'французский', 'fre', 'fra', 'fr', 'french'].map((k) => [k, 'fre'] as const),
  ...['тур', 'турецкий', 'түрік', 'tur', 'tr'].map((k) => [k, 'tur'] as const),
  ...['узб', 'узбекский', 'өзбек', 'uzb', 'uz'].map((k) => [k, 'uzb'] as const),
  ...['укр', 'украинский', 'ukr', 'uk'].map((k) => [k, 'ukr'] as const),
]);

/**
 * The MARC language code of an export's language cell («каз», «казахский»,
 * «kaz», «орыс тілі»); an unknown word or an empty cell falls back to the
 * title's script: Kazakh letters (or letters lost as "?") mean `kaz`,
 * Cyrillic without them `rus`.
 */
export function languageCode(cell: string | undefined, title: string | undefined, lostLetters: number): string | undefined {
  if (cell !== undefined) {
    const key = cell.toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ').trim();
    const code = LANGUAGES.get(key);
    if (code) return code;
  }
  if (title === undefined) return undefined;
  if (lostLetters > 0 || hasKazakhLetters(title)) return 'kaz';
  if (/[\u0400-\u04ff]/u.test(title)) return 'rus';
  return undefined;
}
