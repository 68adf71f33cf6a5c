import { z } from 'zod';
import { isIsoDate, parseDate } from './copy-date.js';
import { MAX_TIYN, formatMoneyDecimal, parseMoney } from './money.js';
import { WRITE_OFF_REASONS, type WriteOffReason } from './write-off-reason.js';

export type { WriteOffReason } from './write-off-reason.js';

/**
 * Where a copy is in its life. `group` marks a summary record that stands for
 * several copies without inventory numbers (IRBIS status U); `transferred`
 * is a copy given to another institution (a withdrawal for the system).
 */
export const COPY_STATUSES = ['available', 'on-loan', 'reserved', 'in-transit', 'bindery', 'lost', 'not-available', 'written-off', 'transferred', 'group'] as const;
/** One of COPY_STATUSES. */
export type CopyStatus = (typeof COPY_STATUSES)[number];

/** Write-off facts of a copy: the act, its date and the reason counted in the statistics. */
export interface CopyWriteOff {
  act?: string;
  /** YYYY-MM-DD */
  date?: string;
  reason?: WriteOffReason;
}

/** Transfer facts of a copy: the act, its date, the branches it moved between, or the outside institution it went to. */
export interface CopyTransfer {
  act?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** Branch code the copy left. */
  from?: string;
  /** Branch code the copy went to, inside the library system. */
  to?: string;
  /** An institution outside the system (e.g. a penitentiary library): the transfer is a withdrawal. */
  institution?: string;
}

/**
 * The canonical copy: what kitap knows about one physical copy whatever layout
 * it came from (IRBIS 910, Koha 952/995, MARC 852/876, RUSMARC 899, the
 * customer's 949, Koha-RU 090, Web-RABIS "inv"). Every layout holds only part
 * of it; the mappers say which part (`CopyMapper.holds`) and list what they
 * could not write (`LostValue`). Strings are never empty: an absent value is
 * an absent property.
 */
export interface Copy {
  inventoryNumber?: string;
  barcode?: string;
  /** The holding institution (a MARC organisation code such as `KZ-KrCBS`, MARC 852 $a). */
  institution?: string;
  /** Library/branch code (sigla) that owns the copy, e.g. `ЦГБ`, `№15 д.`, `F04`. */
  branch?: string;
  /** Where the copy is now when a layout records it apart from its owner (Koha's current library). */
  currentBranch?: string;
  /** Department inside the library (абонемент, читальный зал, ООИФ …). */
  department?: string;
  status?: CopyStatus;
  /** Price in tiyn. */
  price?: number;
  /** YYYY-MM-DD */
  dateReceived?: string;
  /** Accession register (КСУ) line or batch number. */
  accessionBatch?: string;
  /** Source of acquisition (покупка, дар, государственная программа …). */
  source?: string;
  receiptAct?: string;
  callNumber?: string;
  copyNumber?: string;
  /** Koha item type (BK …). */
  itemType?: string;
  /** For a group/summary record: how many copies it stands for. */
  copies?: number;
  writeOff?: CopyWriteOff;
  transfer?: CopyTransfer;
  notes?: string[];
}

/** Every value of a copy by a flat dotted name, in the order reports list them. */
export const COPY_PROPERTIES = [
  'inventoryNumber',
  'barcode',
  'institution',
  'branch',
  'currentBranch',
  'department',
  'status',
  'price',
  'dateReceived',
  'accessionBatch',
  'source',
  'receiptAct',
  'callNumber',
  'copyNumber',
  'itemType',
  'copies',
  'writeOff.act',
  'writeOff.date',
  'writeOff.reason',
  'transfer.act',
  'transfer.date',
  'transfer.from',
  'transfer.to',
  'transfer.institution',
  'notes',
] as const;
/** A value of a copy by flat dotted name: used to say what a layout can hold and what it lost. */
export type CopyProperty = (typeof COPY_PROPERTIES)[number];

const text = z.string().min(1);
const isoDate = z.string().refine(isIsoDate, { message: 'a calendar date written YYYY-MM-DD' });

/** Strict zod schema of `Copy`: unknown keys, empty strings, fractional tiyn and impossible dates are errors. */
export const copySchema: z.ZodType<Copy> = z.strictObject({
  inventoryNumber: text.optional(),
  barcode: text.optional(),
  institution: text.optional(),
  branch: text.optional(),
  currentBranch: text.optional(),
  department: text.optional(),
  status: z.enum(COPY_STATUSES).optional(),
  price: z.number().int().min(0).max(MAX_TIYN).optional(),
  dateReceived: isoDate.optional(),
  accessionBatch: text.optional(),
  source: text.optional(),
  receiptAct: text.optional(),
  callNumber: text.optional(),
  copyNumber: text.optional(),
  itemType: text.optional(),
  copies: z.number().int().min(1).optional(),
  writeOff: z.strictObject({ act: text.optional(), date: isoDate.optional(), reason: z.enum(WRITE_OFF_REASONS).optional() }).optional(),
  transfer: z
    .strictObject({ act: text.optional(), date: isoDate.optional(), from: text.optional(), to: text.optional(), institution: text.optional() })
    .optional(),
  notes: z.array(text).optional(),
}) as z.ZodType<Copy>;

/**
 * A value of the copy as text: the price as `1200.00` (formatMoneyDecimal),
 * dates as YYYY-MM-DD, `copies` as digits, notes joined by "; ". Undefined when
 * the copy has no such value.
 */
export function copyValue(copy: Copy, property: CopyProperty): string | undefined {
  switch (property) {
    case 'price':
      return copy.price === undefined ? undefined : formatMoneyDecimal(copy.price);
    case 'copies':
      return copy.copies === undefined ? undefined : String(copy.copies);
    case 'notes':
      return copy.notes && copy.notes.length > 0 ? copy.notes.join('; ') : undefined;
    case 'writeOff.act':
      return copy.writeOff?.act;
    case 'writeOff.date':
      return copy.writeOff?.date;
    case 'writeOff.reason':
      return copy.writeOff?.reason;
    case 'transfer.act':
      return copy.transfer?.act;
    case 'transfer.date':
      return copy.transfer?.date;
    case 'transfer.from':
      return copy.transfer?.from;
    case 'transfer.to':
      return copy.transfer?.to;
    case 'transfer.institution':
      return copy.transfer?.institution;
    default:
      return copy[property];
  }
}

/**
 * The copy with one value set from text — the inverse of `copyValue` (a note
 * is appended to `notes`). Prices go through parseMoney, dates through
 * parseDate, write-off reasons through the English codes; undefined when the
 * text is not a valid value for the property (so the caller can keep it
 * aside instead of losing it).
 */
export function withCopyValue(copy: Copy, property: CopyProperty, value: string): Copy | undefined {
  if (value === '') return undefined;
  switch (property) {
    case 'price': {
      const money = parseMoney(value);
      return money.ok ? { ...copy, price: money.tiyn } : undefined;
    }
    case 'copies':
      return /^[0-9]{1,9}$/.test(value) && Number(value) > 0 ? { ...copy, copies: Number(value) } : undefined;
    case 'status':
      return (COPY_STATUSES as readonly string[]).includes(value) ? { ...copy, status: value as CopyStatus } : undefined;
    case 'dateReceived': {
      const date = parseDate(value);
      return date === undefined ? undefined : { ...copy, dateReceived: date };
    }
    case 'notes':
      return { ...copy, notes: [...(copy.notes ?? []), value] };
    case 'writeOff.act':
      return { ...copy, writeOff: { ...copy.writeOff, act: value } };
    case 'writeOff.date': {
      const date = parseDate(value);
      return date === undefined ? undefined : { ...copy, writeOff: { ...copy.writeOff, date } };
    }
    case 'writeOff.reason':
      return (WRITE_OFF_REASONS as readonly string[]).includes(value) ? { ...copy, writeOff: { ...copy.writeOff, reason: value as WriteOffReason } } : undefined;
    case 'transfer.act':
      return { ...copy, transfer: { ...copy.transfer, act: value } };
    case 'transfer.date': {
      const date = parseDate(value);
      return date === undefined ? undefined : { ...copy, transfer: { ...copy.transfer, date } };
    }
    case 'transfer.from':
      return { ...copy, transfer: { ...copy.transfer, from: value } };
    case 'transfer.to':
      return { ...copy, transfer: { ...copy.transfer, to: value } };
    case 'transfer.institution':
      return { ...copy, transfer: { ...copy.transfer, institution: value } };
    default:
      return { ...copy, [property]: value };
  }
}
