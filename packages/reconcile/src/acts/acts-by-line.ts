import type { Act } from './act.js';
import { actHeaderLine } from './act-header-lines.js';

/**
 * The act that a line of a file belongs to: one of its lines, or its title or
 * totals row (see act-header-lines.ts). Findings about an act as a whole
 * (ACT_TOTAL_MISMATCH at a form's «Итого» row, INVENTORY_NUMBER_DUPLICATE…)
 * point at such a line; this tells which act they are about.
 */
export function actsByLine(acts: readonly Act[]): (file: string, line: number) => Act | undefined {
  const map = new Map<string, Act>();
  const key = (file: string, line: number): string => `${file}\u0000${line}`;
  for (const act of acts) {
    for (const which of ['title', 'statedCopies', 'statedSum'] as const) {
      const line = actHeaderLine(act, which);
      if (line !== undefined && !map.has(key(act.file, line))) map.set(key(act.file, line), act);
    }
    for (const l of act.lines) if (!map.has(key(l.file, l.line))) map.set(key(l.file, l.line), act);
  }
  return (file, line) => map.get(key(file, line));
}
