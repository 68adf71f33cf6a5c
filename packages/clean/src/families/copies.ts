import type { Rule } from '../rule.js';
import controlNumberUnique from '../rules/control-number-unique.js';
import copyBranchCode from '../rules/copy-branch-code.js';
import inventoryNumberFormat from '../rules/inventory-number-format.js';
import inventoryNumberUnique from '../rules/inventory-number-unique.js';
import priceFormat from '../rules/price-format.js';

/** Rules of the copies family, in the order they run. */
export const COPIES_RULES: readonly Rule[] = [inventoryNumberFormat, priceFormat, copyBranchCode, inventoryNumberUnique, controlNumberUnique] as Rule[];
