import type { DataField, Subfield } from '@kitap/marc';
import { type Copy, type CopyProperty, type CopyStatus, copyValue, withCopyValue } from '../copy.js';
import { compactDate, dottedDate, parseDate } from '../copy-date.js';
import { formatMoneyDecimal, parseMoney } from '../money.js';
import type { UnmappedSubfield } from './copy-mapper.js';

/**
 * How a subfield writes a value: `text` as is; `money` as `1200.00` (read with
 * parseMoney, so `1 200,00` is read too); dates as ISO, `YYYYMMDD` or
 * `DD.MM.YYYY` (read in any of the three); `count` as digits.
 */
export type SubfieldCodec = 'text' | 'money' | 'date-iso' | 'date-compact' | 'date-dotted' | 'count';

/** One subfield of a layout and the copy property it holds. */
export interface SubfieldRule {
  code: string;
  property: Exclude<CopyProperty, 'status' | 'notes'>;
  codec?: SubfieldCodec;
  /**
   * Read only: the subfield continues the value of an earlier one, joined by a
   * space (852 $i, the item part of a call number, after $h). Never written:
   * the whole value goes to the first subfield.
   */
  continues?: true;
}

/** How a layout codes a copy's status in one or more subfields. */
export interface StatusCodec {
  /** The subfield codes that carry the status. */
  codes: readonly string[];
  /** The status of these subfields (in field order), and those that say nothing the copy model can hold. */
  read(subfields: readonly Subfield[]): { status?: CopyStatus; unmapped: Subfield[] };
  /** The subfields for a status, or undefined when the layout has no code for it. */
  write(status: CopyStatus): Subfield[] | undefined;
}

/** The subfields of one copy field: value rules in write order, the status codec and where notes go. */
export interface SubfieldTable {
  tag: string;
  rules: readonly SubfieldRule[];
  status?: StatusCodec;
  /** Write the status subfields before the others (IRBIS writes 910 $a first). */
  statusFirst?: true;
  /** Codes read into `notes` (in field order) and the code notes are written to (none: read only). */
  notes?: { read: readonly string[]; write?: string };
  /** Codes the mapper handles itself (the $8 link of 852/876): neither read as values nor reported. */
  ignore?: readonly string[];
}

/** The properties a table has a place for. */
export function tableHolds(table: SubfieldTable): Set<CopyProperty> {
  const holds = new Set<CopyProperty>(table.rules.map((rule) => rule.property));
  if (table.status) holds.add('status');
  if (table.notes?.write !== undefined) holds.add('notes');
  return holds;
}

/** Reads a field's subfields into the copy; what has no place (unknown code, repeat, unparsable value) is returned as unmapped. */
export function readSubfields(field: DataField, table: SubfieldTable, into: Copy = {}): { copy: Copy; unmapped: UnmappedSubfield[] } {
  let copy = into;
  const unmapped: UnmappedSubfield[] = [];
  const statusSubfields: Subfield[] = [];
  const seen = new Set<string>();
  const keep = (sf: Subfield): void => {
    unmapped.push({ tag: field.tag, code: sf.code, value: sf.value });
  };
  for (const sf of field.subfields) {
    if (table.ignore?.includes(sf.code)) continue;
    // An empty subfield holds nothing to lose.
    if (sf.value === '') continue;
    if (table.status?.codes.includes(sf.code)) {
      statusSubfields.push(sf);
      continue;
    }
    if (table.notes?.read.includes(sf.code)) {
      copy = withCopyValue(copy, 'notes', sf.value)!;
      continue;
    }
    const rule = table.rules.find((r) => r.code === sf.code);
    if (!rule || seen.has(sf.code)) {
      keep(sf);
      continue;
    }
    const canonical = decode(rule.codec ?? 'text', sf.value);
    const before = copyValue(copy, rule.property);
    const next =
      canonical === undefined ? undefined : rule.continues && before !== undefined ? withCopyValue(copy, rule.property, `${before} ${canonical}`) : withCopyValue(copy, rule.property, canonical);
    if (next === undefined) {
      keep(sf);
      continue;
    }
    seen.add(sf.code);
    copy = next;
  }
  if (table.status && statusSubfields.length > 0) {
    const { status, unmapped: rest } = table.status.read(statusSubfields);
    if (status !== undefined) copy = { ...copy, status };
    for (const sf of rest) keep(sf);
  }
  return { copy, unmapped };
}

/** The subfields of a copy in the table's order (values the table has no place for are left out: see lostValues). */
export function writeSubfields(copy: Copy, table: SubfieldTable): Subfield[] {
  const out: Subfield[] = [];
  const status = copy.status === undefined ? undefined : table.status?.write(copy.status);
  if (status && table.statusFirst) out.push(...status);
  for (const rule of table.rules) {
    if (rule.continues) continue;
    const value = copyValue(copy, rule.property);
    if (value !== undefined) out.push({ code: rule.code, value: encode(rule.codec ?? 'text', value) });
  }
  const notesCode = table.notes?.write;
  if (notesCode !== undefined) for (const note of copy.notes ?? []) out.push({ code: notesCode, value: note });
  if (status && !table.statusFirst) out.push(...status);
  return out;
}

/** Whether the table can write this status. */
export function writesStatus(table: SubfieldTable, status: CopyStatus): boolean {
  return table.status?.write(status) !== undefined;
}

/** A subfield's text as the canonical text of `copyValue`, or undefined when it does not parse. */
function decode(codec: SubfieldCodec, value: string): string | undefined {
  switch (codec) {
    case 'text':
      return value;
    case 'money': {
      const money = parseMoney(value);
      return money.ok ? formatMoneyDecimal(money.tiyn) : undefined;
    }
    case 'date-iso':
    case 'date-compact':
    case 'date-dotted':
      return parseDate(value);
    case 'count':
      return /^\s*[0-9]+\s*$/.test(value) ? String(Number(value)) : undefined;
  }
}

/** The canonical text of `copyValue` as the subfield writes it. */
function encode(codec: SubfieldCodec, value: string): string {
  switch (codec) {
    case 'date-compact':
      return compactDate(value);
    case 'date-dotted':
      return dottedDate(value);
    default:
      return value;
  }
}

/**
 * A status coded by a single subfield through a table of codes, e.g. IRBIS
 * 910 $a. Codes the table lacks, and repeats, are unmapped.
 */
export function codeTableStatus(code: string, table: Readonly<Partial<Record<CopyStatus, string>>>, options: { caseInsensitive?: true } = {}): StatusCodec {
  const byCode = new Map<string, CopyStatus>();
  for (const [status, value] of Object.entries(table) as [CopyStatus, string][]) byCode.set(options.caseInsensitive ? value.toUpperCase() : value, status);
  return {
    codes: [code],
    read(subfields) {
      const [first, ...rest] = subfields;
      const status = first === undefined ? undefined : byCode.get(options.caseInsensitive ? first.value.trim().toUpperCase() : first.value.trim());
      return status === undefined ? { unmapped: [...subfields] } : { status, unmapped: rest };
    },
    write(status) {
      const value = table[status];
      return value === undefined ? undefined : [{ code, value }];
    },
  };
}

/**
 * A status coded as Koha codes it: integer flags in several subfields
 * (withdrawn, lost, not for loan), 0 for "no". The first flag that is not 0,
 * in the order given, decides the status; flags that are all 0 mean the copy is
 * available. Further set flags and values that are not integers are unmapped.
 * Writes 1 in the flag for its status, and `available` as "not for loan = 0".
 */
export function kohaFlagStatus(flags: readonly { code: string; status: CopyStatus }[], availableCode: string): StatusCodec {
  return {
    codes: flags.map((f) => f.code),
    read(subfields) {
      const unmapped: Subfield[] = [];
      let status: CopyStatus | undefined;
      let allZero = true;
      // Flags in the codec's order of precedence, whatever their order in the field.
      const ordered = [...subfields].sort((a, b) => rank(a.code) - rank(b.code));
      for (const sf of ordered) {
        const value = sf.value.trim();
        if (!/^-?[0-9]+$/.test(value)) {
          unmapped.push(sf);
          continue;
        }
        if (Number(value) === 0) continue;
        allZero = false;
        if (status === undefined) status = flags.find((f) => f.code === sf.code)!.status;
        else unmapped.push(sf);
      }
      if (status === undefined && allZero && unmapped.length < subfields.length) status = 'available';
      return status === undefined ? { unmapped } : { status, unmapped };
    },
    write(status) {
      if (status === 'available') return [{ code: availableCode, value: '0' }];
      const flag = flags.find((f) => f.status === status);
      return flag ? [{ code: flag.code, value: '1' }] : undefined;
    },
  };
  function rank(code: string): number {
    return flags.findIndex((f) => f.code === code);
  }
}

/** A status written as kitap's own status code (`available`, `on-loan` …) in one subfield, as in MARC 876 $j. */
export function statusCodeStatus(code: string): StatusCodec {
  return {
    codes: [code],
    read(subfields) {
      const [first, ...rest] = subfields;
      const status = first === undefined ? undefined : withCopyValue({}, 'status', first.value.trim())?.status;
      return status === undefined ? { unmapped: [...subfields] } : { status, unmapped: rest };
    },
    write(status) {
      return [{ code, value: status }];
    },
  };
}
