import type { DataField, MarcRecord } from '@kitap/marc';
import type { Copy, CopyProperty } from '../copy.js';

/** The copy-field layouts that have a mapper to and from the canonical copy. */
export const MAPPER_LAYOUTS = ['910', '952', '995', '852/876', '899', '949', '090'] as const;
/** One of MAPPER_LAYOUTS: a tag, or `852/876` for MARC 21 holdings. */
export type MapperLayout = (typeof MAPPER_LAYOUTS)[number];

/** A subfield a mapper read but had no place for: an unknown code, a repeat of a single-valued one, or a value that does not parse. */
export interface UnmappedSubfield {
  tag: string;
  code: string;
  value: string;
}

/** One copy read from a record: the canonical copy, the fields that held it, and whatever the mapper could not place. */
export interface ReadCopy {
  copy: Copy;
  /** Indexes in `record.fields` of the fields that held the copy (852 and 876 for MARC holdings). */
  fields: number[];
  /** Subfields the mapper has no place for: never dropped silently. */
  unmapped: UnmappedSubfield[];
}

/** A value the target layout cannot hold, so it is not in the written fields. */
export interface LostValue {
  /** Index of the copy in the input list. */
  copy: number;
  property: CopyProperty;
  value: string;
}

/**
 * Reads and writes the copies of one layout. `read` never drops a subfield
 * silently (what it cannot place is in `unmapped`); `write` never drops a value
 * silently (what it cannot hold is in `lost`). `holds` lists the properties the
 * layout has a place for; a held property may still lose some values (a status
 * the layout has no code for).
 */
export interface CopyMapper {
  readonly layout: MapperLayout;
  readonly flavour: 'marc21' | 'unimarc';
  readonly holds: ReadonlySet<CopyProperty>;
  read(record: MarcRecord): ReadCopy[];
  /** Fields in copy order; every copy gets its field(s), even an empty one, so copy n stays copy n. */
  write(copies: readonly Copy[]): { fields: DataField[]; lost: LostValue[] };
}
