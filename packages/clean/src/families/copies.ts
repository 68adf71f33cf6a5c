import type { Rule } from '../rule.js';
import inventoryNumberUnique from '../rules/inventory-number-unique.js';

/** Rules of the copies family, in the order they run. */
export const COPIES_RULES: readonly Rule[] = [inventoryNumberUnique] as Rule[];
