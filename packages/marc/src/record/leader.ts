/**
 * The 24-character record leader, immutable. Named getters for the positions
 * people ask about; `with` returns a changed copy. Structural positions
 * (00-04 length, 10-11, 12-16 base address, 20-23 entry map) are recomputed by
 * the ISO2709 writer, so editing them here has no effect on output.
 */
export class Leader {
  static readonly LENGTH = 24;
  /** A fresh MARC21 bibliographic leader for a new record in UTF-8. */
  static readonly DEFAULT = new Leader('00000nam a2200000 i 4500');

  readonly value: string;

  constructor(value: string) {
    if (value.length !== Leader.LENGTH) {
      throw new RangeError(`A leader has 24 characters, got ${value.length}: ${JSON.stringify(value)}`);
    }
    this.value = value;
  }

  at(position: number): string {
    return this.value.charAt(position);
  }

  with(position: number, text: string): Leader {
    if (position < 0 || position + text.length > Leader.LENGTH) throw new RangeError(`Leader position ${position} out of range`);
    return new Leader(this.value.slice(0, position) + text + this.value.slice(position + text.length));
  }

  private digits(start: number, end: number): number | undefined {
    const text = this.value.slice(start, end);
    return /^[0-9]+$/.test(text) ? Number(text) : undefined;
  }

  /** 00-04, undefined when not digits. */
  get recordLength(): number | undefined {
    return this.digits(0, 5);
  }
  /** 05 record status (n new, c corrected, d deleted, …). */
  get recordStatus(): string {
    return this.at(5);
  }
  /** 06 type of record (a language material, m computer file, …). */
  get typeOfRecord(): string {
    return this.at(6);
  }
  /** 07 bibliographic level (m monograph, s serial, a analytic, …). */
  get bibliographicLevel(): string {
    return this.at(7);
  }
  /** 08 type of control (MARC21) / hierarchical level (UNIMARC). */
  get typeOfControl(): string {
    return this.at(8);
  }
  /** 09 character coding: 'a' UCS/Unicode, ' ' MARC-8 (MARC21); undefined in UNIMARC. */
  get characterCoding(): string {
    return this.at(9);
  }
  /** 10 indicator count. */
  get indicatorCount(): number | undefined {
    return this.digits(10, 11);
  }
  /** 11 subfield code length (delimiter plus code). */
  get subfieldCodeLength(): number | undefined {
    return this.digits(11, 12);
  }
  /** 12-16 base address of data. */
  get baseAddress(): number | undefined {
    return this.digits(12, 17);
  }
  /** 17 encoding level. */
  get encodingLevel(): string {
    return this.at(17);
  }
  /** 18 descriptive cataloguing form (MARC21). */
  get descriptiveCatalogingForm(): string {
    return this.at(18);
  }
  /** 19 multipart resource record level (MARC21). */
  get multipartLevel(): string {
    return this.at(19);
  }
  /** 20-23 entry map. */
  get entryMap(): string {
    return this.value.slice(20, 24);
  }

  toString(): string {
    return this.value;
  }
}
