import damerauLevenshtein from 'damerau-levenshtein';
import { distance } from 'fastest-levenshtein';

/** Levenshtein distance (insertions, deletions, substitutions), by fastest-levenshtein. */
export function editDistance(a: string, b: string): number {
  return distance(a, b);
}

/**
 * Damerau–Levenshtein distance (by damerau-levenshtein): like `editDistance`
 * but two swapped neighbours count as one edit, which is how most typing
 * slips look ("Қазақтсан" for "Қазақстан").
 */
export function typingDistance(a: string, b: string): number {
  return damerauLevenshtein(a, b).steps;
}

/**
 * Every string one deletion away from `word` (and the word itself): two words
 * within edit distance 1 — or one transposition — always share one of these
 * keys, so a misprint index can find neighbours by equality instead of
 * comparing every pair (the symmetric-delete method).
 */
export function deletionKeys(word: string): string[] {
  const chars = [...word];
  const keys = new Set<string>([word]);
  for (let i = 0; i < chars.length; i++) keys.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...keys];
}
