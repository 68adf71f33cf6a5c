import { COPY_PROPERTIES, type Copy, type CopyProperty, type CopyStatus, copyValue } from '../copy.js';
import type { LostValue } from './copy-mapper.js';

/**
 * The values of copy number `index` that a layout cannot hold: every property
 * outside `holds`, and a status the layout has no code for. Notes are listed
 * one line each.
 */
export function lostValues(copy: Copy, index: number, holds: ReadonlySet<CopyProperty>, writesStatus: (status: CopyStatus) => boolean): LostValue[] {
  const out: LostValue[] = [];
  for (const property of COPY_PROPERTIES) {
    if (property === 'notes') {
      if (!holds.has('notes')) for (const note of copy.notes ?? []) out.push({ copy: index, property, value: note });
      continue;
    }
    const value = copyValue(copy, property);
    if (value === undefined) continue;
    if (!holds.has(property) || (property === 'status' && !writesStatus(copy.status!))) out.push({ copy: index, property, value });
  }
  return out;
}
