/**
 * The MARCXML record element of an ISO2709 record, written from its UTF-8
 * bytes by a WebAssembly function (see iso2709-bytes.ts for when it is used):
 * markup is copied from templates in the module's memory with `memory.copy`,
 * and each value's bytes are copied one by one, the five characters XML
 * escapes written as entities. A JavaScript loop over typed arrays costs a
 * few nanoseconds a byte here, several times what this function does.
 *
 * Input, prepared by iso2709-bytes.ts: the record at RECORD, and for each
 * field four i32 at `fields`: start, end (its terminator), its tag's three
 * bytes (little-endian), and `ind1 | ind2 << 8 | data << 16`. A data field's
 * subfields start two bytes after its start.
 *
 * Markup, written once for each layout (`markup` below): a table of
 * (address, length) of each template, by the numbers T_*, then a 64-byte
 * table of what each byte below 0x40 asks for in a value (KIND_*), then the
 * templates' bytes.
 */
import { Code, OP } from '../iso2709/wasm-binary.js';
import { RECORD } from '../iso2709/wasm-layout.js';

/** Template: `<record>` and `<leader>` (with the layout's indentation and line ends). */
export const T_LEADER_OPEN = 0;
/** Template: `</leader>` (with the layout's indentation and line ends). */
export const T_LEADER_CLOSE = 1;
/** Template: `<controlfield tag="` (with the layout's indentation and line ends). */
export const T_CONTROL_OPEN = 2;
/** Template: `</controlfield>` (with the layout's indentation and line ends). */
export const T_CONTROL_CLOSE = 3;
/** Template: `<datafield tag="` (with the layout's indentation and line ends). */
export const T_DATA_OPEN = 4;
/** Template: the end of the datafield start tag (with the layout's indentation and line ends). */
export const T_DATA_OPEN_END = 5;
/** Template: `</datafield>` (with the layout's indentation and line ends). */
export const T_DATA_CLOSE = 6;
/** Template: `</subfield>` (with the layout's indentation and line ends). */
export const T_SUBFIELD_CLOSE = 7;
/** Template: `">` after a control field's tag (with the layout's indentation and line ends). */
export const T_TAG_END = 8;
/** Template: `" ind1="` (with the layout's indentation and line ends). */
export const T_IND1 = 9;
/** Template: `" ind2="` (with the layout's indentation and line ends). */
export const T_IND2 = 10;
/** Template: `</record>` (with the layout's indentation and line ends). */
export const T_RECORD_CLOSE = 11;
/** The subfield start tag for code byte c is template T_SUBFIELD_OPEN + c (c < 128). */
export const T_SUBFIELD_OPEN = 12;
/** The entity for byte c (below 0x40) is template T_ENTITY + c. */
export const T_ENTITY = T_SUBFIELD_OPEN + 128;
/** How many templates there are. */
export const TEMPLATE_COUNT = T_ENTITY + 64;
/** Where the byte kinds are, after the template table. */
export const KIND_TABLE = TEMPLATE_COUNT * 8;
/** Where the templates' bytes may start. */
export const TEMPLATE_BYTES = KIND_TABLE + 64;

/** Byte kind: copied as it is. */
export const KIND_PLAIN = 0;
/** Byte kind: written as an entity (" & ' < >). */
export const KIND_ESCAPE = 1;
/** Byte kind: a subfield delimiter (ends a value). */
export const KIND_DELIMITER = 2;
/** Byte kind: a control character, left to the string writer. */
export const KIND_REFUSE = 3;

/** Result: the string writer must write this record. */
export const XML_REFUSED = -1;
/** Result: the element might not fit the output region. */
export const XML_NO_ROOM = -2;

const P_FIELDS = 0, P_COUNT = 1, P_OUT = 2, P_LIMIT = 3, P_MARKUP = 4;
const L_I = 5, L_O = 6, L_P = 7, L_E = 8, L_C = 9, L_F = 10, L_N = 11, L_T = 12, L_K = 13;

/** The function's parameter count, for the module (wasm-codec.ts). */
export const MARCXML_PARAMS = 5;
/** The function's local count. */
export const MARCXML_LOCALS = 9;

/**
 * `marcxml(fields, count, out, limit, markup) → bytes written at out`, or
 * XML_REFUSED (a byte the string writer must judge, or a data field without
 * subfields), or XML_NO_ROOM (the element might not fit below `limit`).
 */
export function marcXmlCode(): Code {
  const c = new Code();

  /** out[o..] = template n; o += its length. */
  const template = (n: number): void => {
    c.get(L_O).get(P_MARKUP).mem(OP.i32_load, 2, n * 8).get(P_MARKUP).mem(OP.i32_load, 2, n * 8 + 4).memoryCopy();
    c.get(L_O).get(P_MARKUP).mem(OP.i32_load, 2, n * 8 + 4).op(OP.i32_add).set(L_O);
  };
  /** The same for template `first` + the value of local `index`. */
  const templateOf = (first: number, index: number): void => {
    c.get(P_MARKUP).get(index).const(3).op(OP.i32_shl, OP.i32_add).set(L_T);
    c.get(L_O).get(L_T).mem(OP.i32_load, 2, first * 8).get(L_T).mem(OP.i32_load, 2, first * 8 + 4).memoryCopy();
    c.get(L_O).get(L_T).mem(OP.i32_load, 2, first * 8 + 4).op(OP.i32_add).set(L_O);
  };
  /** out[o++] = the low byte of the value on the stack. */
  const putByte = (): void => {
    c.set(L_K).get(L_O).get(L_K).mem(OP.i32_store8, 0, 0).inc(L_O, 1);
  };
  /**
   * Copies bytes [p, e) escaped. At a subfield delimiter it stops (`stopAtDelimiter`)
   * or refuses; any other control character refuses.
   */
  const escapedCopy = (stopAtDelimiter: boolean): void => {
    c.block().loop();
    {
      c.get(L_P).get(L_E).op(OP.i32_ge_u).brIf(1);
      c.get(L_P).mem(OP.i32_load8_u, 0).tee(L_C).const(0x40).op(OP.i32_ge_u).if();
      c.get(L_O).get(L_C).mem(OP.i32_store8, 0, 0).inc(L_O, 1).inc(L_P, 1).br(1);
      c.end();
      c.get(P_MARKUP).get(L_C).op(OP.i32_add).mem(OP.i32_load8_u, 0, KIND_TABLE).tee(L_K).op(OP.i32_eqz).if();
      c.get(L_O).get(L_C).mem(OP.i32_store8, 0, 0).inc(L_O, 1).inc(L_P, 1).br(1);
      c.end();
      c.get(L_K).const(KIND_DELIMITER).op(OP.i32_eq).if();
      if (stopAtDelimiter) c.br(2);
      else c.const(XML_REFUSED).op(OP.return);
      c.end();
      c.get(L_K).const(KIND_REFUSE).op(OP.i32_eq).if().const(XML_REFUSED).op(OP.return).end();
      templateOf(T_ENTITY, L_C);
      c.inc(L_P, 1).br(0);
    }
    c.end().end();
  };
  /** The tag's three bytes (written as four; the next piece overwrites the fourth). */
  const tag = (): void => {
    c.get(L_O).get(L_F).mem(OP.i32_load, 2, 8).mem(OP.i32_store, 0, 0).inc(L_O, 3);
  };

  c.get(P_OUT).set(L_O);
  template(T_LEADER_OPEN);
  c.const(RECORD).set(L_P).const(RECORD + 24).set(L_E);
  escapedCopy(false);
  template(T_LEADER_CLOSE);

  c.block().loop(); // for each field
  {
    c.get(L_I).get(P_COUNT).op(OP.i32_ge_u).brIf(1);
    c.get(P_FIELDS).get(L_I).const(4).op(OP.i32_shl, OP.i32_add).set(L_F);
    c.get(L_F).mem(OP.i32_load, 2, 0).set(L_P);
    c.get(L_F).mem(OP.i32_load, 2, 4).set(L_E);
    // room for the worst this field can give: every byte an entity or a subfield's markup
    c.get(L_E).get(L_P).op(OP.i32_sub).const(26).op(OP.i32_mul);
    c.get(L_O).op(OP.i32_add).const(256).op(OP.i32_add).get(P_LIMIT).op(OP.i32_gt_u).if().const(XML_NO_ROOM).op(OP.return).end();
    c.get(L_F).mem(OP.i32_load, 2, 12).set(L_C);
    c.get(L_C).const(16).op(OP.i32_shr_u).const(1).op(OP.i32_and).op(OP.i32_eqz).if();
    {
      // a control field
      template(T_CONTROL_OPEN);
      tag();
      template(T_TAG_END);
      escapedCopy(false);
      template(T_CONTROL_CLOSE);
    }
    c.else();
    {
      template(T_DATA_OPEN);
      tag();
      template(T_IND1);
      c.get(L_C).const(0xff).op(OP.i32_and);
      putByte();
      template(T_IND2);
      c.get(L_C).const(8).op(OP.i32_shr_u).const(0xff).op(OP.i32_and);
      putByte();
      template(T_DATA_OPEN_END);
      c.inc(L_P, 2);
      c.const(0).set(L_N);
      // text before the first delimiter is subfield $_
      c.get(L_P).get(L_E).op(OP.i32_lt_u).if();
      c.get(L_P).mem(OP.i32_load8_u, 0).const(0x1f).op(OP.i32_ne).if();
      template(T_SUBFIELD_OPEN + 0x5f);
      escapedCopy(true);
      template(T_SUBFIELD_CLOSE);
      c.inc(L_N, 1);
      c.end();
      c.end();
      c.block().loop(); // for each subfield: p is at its delimiter
      {
        c.get(L_P).get(L_E).op(OP.i32_ge_u).brIf(1);
        c.get(L_P).mem(OP.i32_load8_u, 0, 1).set(L_C);
        // a delimiter with no code is dropped, as the decoder drops it
        c.get(L_P).const(1).op(OP.i32_add).get(L_E).op(OP.i32_ge_u).get(L_C).const(0x1f).op(OP.i32_eq).op(OP.i32_or).if();
        c.inc(L_P, 1).br(1);
        c.end();
        templateOf(T_SUBFIELD_OPEN, L_C);
        c.inc(L_P, 2);
        escapedCopy(true);
        template(T_SUBFIELD_CLOSE);
        c.inc(L_N, 1).br(0);
      }
      c.end().end();
      c.get(L_N).op(OP.i32_eqz).if().const(XML_REFUSED).op(OP.return).end();
      template(T_DATA_CLOSE);
    }
    c.end();
    c.inc(L_I, 1).br(0);
  }
  c.end().end();
  template(T_RECORD_CLOSE);
  c.get(L_O).get(P_OUT).op(OP.i32_sub);
  return c;
}
