/**
 * Where two texts differ, as one changed stretch between a common start and a
 * common end: `=245  10$aАлдар\tКөсе` → `=245  10$aАлдар Көсе` is
 * `{ prefix: '=245  10$aАлдар', removed: '\t', added: ' ', suffix: 'Көсе' }`.
 * Enough to highlight what a fix changed in a field; not a full diff.
 */
export interface TextChange {
  prefix: string;
  removed: string;
  added: string;
  suffix: string;
}

export function textChange(before: string, after: string): TextChange {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return {
    prefix: a.slice(0, start).join(''),
    removed: a.slice(start, a.length - end).join(''),
    added: b.slice(start, b.length - end).join(''),
    suffix: a.slice(a.length - end).join(''),
  };
}
