import { z } from 'zod';
import { COPY_STATUSES, type Copy, type CopyProperty, type CopyStatus } from './copy.js';
import type { LostValue } from './mappers/copy-mapper.js';
import { lostValues } from './mappers/lost-values.js';

/** A Web-RABIS dictionary reference as kitap writes it: a code and, when known, a name (ids belong to each installation). */
export interface WebRabisRef {
  code: string;
  name?: string;
}

/**
 * A Web-RABIS copy ("inv"), the part kitap fills: inventory number, barcode,
 * department and state. The server's own `id`, `ebookId` and dictionary ids
 * are not kitap's to invent.
 */
export interface WebRabisInv {
  invNumber: string;
  barcode?: string;
  department: WebRabisRef;
  state: WebRabisRef;
}

const ref = z.strictObject({ code: z.string().min(1), name: z.string().min(1).optional() });

/** Strict zod schema of `WebRabisInv`. */
export const webRabisInvSchema: z.ZodType<WebRabisInv> = z.strictObject({
  invNumber: z.string().min(1),
  barcode: z.string().min(1).optional(),
  department: ref,
  state: ref,
}) as z.ZodType<WebRabisInv>;

/**
 * kitap's own state codes for Web-RABIS copies. Web-RABIS's real copy state
 * codes are not publicly known (only the circulation order states InHands,
 * Ordered, InStorage, InReadingHall, Postponed, InAuxiliaryFund appear in its
 * public code), so these are placeholders to be replaced from the
 * installation's state dictionary: pass `stateCodes`. A summary (`group`)
 * record has no state: it is not a copy.
 */
export const DEFAULT_WEB_RABIS_STATES: Readonly<Record<Exclude<CopyStatus, 'group'>, WebRabisRef>> = {
  available: { code: 'available', name: 'В фонде' },
  'on-loan': { code: 'on-loan', name: 'Выдан' },
  reserved: { code: 'reserved', name: 'Забронирован' },
  'in-transit': { code: 'in-transit', name: 'В пути' },
  bindery: { code: 'bindery', name: 'В переплёте' },
  lost: { code: 'lost', name: 'Утерян' },
  'not-available': { code: 'not-available', name: 'Недоступен' },
  'written-off': { code: 'written-off', name: 'Списан' },
  transferred: { code: 'transferred', name: 'Передан' },
};

/** How a canonical copy becomes a Web-RABIS copy. */
export interface ToWebRabisInvOptions {
  /** The Web-RABIS department of the copy (from its branch and department, through the installation's department dictionary). */
  department(copy: Copy): WebRabisRef | undefined;
  /** State codes to use instead of (or on top of) DEFAULT_WEB_RABIS_STATES: configurable, see there. */
  stateCodes?: Partial<Record<CopyStatus, WebRabisRef>>;
  /** The status of a copy that has none, as in an inventory export that lists only copies on the shelf (default `available`). */
  statusWhenMissing?: CopyStatus;
  /** Index of the copy in its list, for `LostValue.copy` (default 0). */
  index?: number;
}

/** Why a copy cannot become a Web-RABIS copy. */
export type WebRabisInvProblem = 'no-inventory-number' | 'no-department' | 'no-state';

/** A Web-RABIS copy and the values it cannot hold, or why there is none. */
export type ToWebRabisInvResult = { ok: true; inv: WebRabisInv; lost: LostValue[] } | { ok: false; problem: WebRabisInvProblem; reason: string };

// The inv holds the inventory number, barcode and state; branch and department are what `department()` reads.
const HOLDS: ReadonlySet<CopyProperty> = new Set<CopyProperty>(['inventoryNumber', 'barcode', 'status', 'branch', 'department']);

/**
 * The Web-RABIS copy of a canonical copy. Every other value of the copy
 * (price, dates, acts, call number …) is in `lost`: Web-RABIS keeps those
 * elsewhere or not at all. Fails (never throws) when the copy has no inventory
 * number, `department()` finds no department, or its status has no state code.
 */
export function toWebRabisInv(copy: Copy, options: ToWebRabisInvOptions): ToWebRabisInvResult {
  if (copy.inventoryNumber === undefined) return { ok: false, problem: 'no-inventory-number', reason: 'the copy has no inventory number' };
  const department = options.department(copy);
  if (department === undefined) {
    return { ok: false, problem: 'no-department', reason: `no Web-RABIS department for branch "${copy.branch ?? ''}", department "${copy.department ?? ''}"` };
  }
  const states = stateTable(options.stateCodes);
  const status = copy.status ?? options.statusWhenMissing ?? 'available';
  const state = states[status];
  if (state === undefined) return { ok: false, problem: 'no-state', reason: `no Web-RABIS state code for status "${status}"` };
  const inv: WebRabisInv = { invNumber: copy.inventoryNumber, department, state };
  if (copy.barcode !== undefined) inv.barcode = copy.barcode;
  return { ok: true, inv, lost: lostValues(copy, options.index ?? 0, HOLDS, () => true) };
}

/**
 * The canonical copy of a Web-RABIS copy: inventory number, barcode, the
 * department's name (its code when it has no name) as `department`, and the
 * status whose state code matches. A state code with no status is kept as a
 * note («Состояние Web-RABIS: …») rather than dropped.
 */
export function fromWebRabisInv(inv: WebRabisInv, stateCodes?: Partial<Record<CopyStatus, WebRabisRef>>): Copy {
  const copy: Copy = { inventoryNumber: inv.invNumber, department: inv.department.name ?? inv.department.code };
  if (inv.barcode !== undefined) copy.barcode = inv.barcode;
  const states = stateTable(stateCodes);
  const status = COPY_STATUSES.find((s) => states[s]?.code === inv.state.code);
  if (status !== undefined) copy.status = status;
  else copy.notes = [`Состояние Web-RABIS: ${inv.state.code}${inv.state.name ? ` (${inv.state.name})` : ''}`];
  return copy;
}

function stateTable(stateCodes: Partial<Record<CopyStatus, WebRabisRef>> | undefined): Partial<Record<CopyStatus, WebRabisRef>> {
  return { ...DEFAULT_WEB_RABIS_STATES, ...stateCodes };
}
