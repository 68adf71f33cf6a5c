declare module 'marcjs' {
  /** marcjs's record: fields are [tag, value] or [tag, indicators, code, value, code, value, …]. */
  export class Record {
    leader: string;
    fields: string[][];
  }
  export class Iso2709Parser {
    static parse(data: Buffer): Record;
  }
  const marcjs: { Record: typeof Record; Iso2709Parser: typeof Iso2709Parser; [key: string]: unknown };
  export default marcjs;
}
