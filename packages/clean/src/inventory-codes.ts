import { type CopyLayout, LAYOUT_SPECS } from '@kitap/holdings';

const codesFor = new WeakMap<readonly CopyLayout[], ReadonlyMap<string, string>>();

/**
 * The inventory-number subfield of each copy tag of the layouts (each layout
 * has a tag of its own), worked out once per list: options are parsed once
 * per run.
 */
export function inventoryCodes(layouts: readonly CopyLayout[]): ReadonlyMap<string, string> {
  let codes = codesFor.get(layouts);
  if (codes === undefined) {
    const made = new Map<string, string>();
    for (const layout of layouts) made.set(LAYOUT_SPECS[layout].tag, LAYOUT_SPECS[layout].inventoryNumber);
    codes = made;
    codesFor.set(layouts, codes);
  }
  return codes;
}
