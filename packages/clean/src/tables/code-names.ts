/**
 * How coded values (leader and fixed-field positions, indicators) are named in
 * messages: a blank is the word "blank", anything else is quoted, so that a
 * space, a fill character `|` and a letter cannot be mistaken for each other.
 */

/** `blank`, or the value in quotes: `"x"`, `"||||"`; a run of blanks is `blanks`. */
export function showCode(value: string): string {
  if (value === ' ') return 'blank';
  if (value.length > 1 && value.trim() === '') return 'blanks';
  return JSON.stringify(value);
}

/** The allowed values as a reader says them: `0, 1 or 3`; `blank` for a space. */
export function listCodes(values: readonly string[]): string {
  const shown = values.map((v) => (v === ' ' ? 'blank' : v));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
