/**
 * Just enough of the WebAssembly binary format (core specification 2.0,
 * chapter 5) to write one module of exported functions and one exported
 * memory, from instructions written in TypeScript. It exists so that the
 * codec's WebAssembly functions (utf8-wasm.ts, marcxml/marcxml-wasm.ts) are
 * source code that can be read and reviewed, not a binary blob, and need no
 * tool to build.
 */

/** The opcodes the codec uses (binary format §5.4). */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  return: 0x0f,
  /** Followed by a function index. */
  call: 0x10,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  i32_load: 0x28,
  i32_load8_u: 0x2d,
  i32_store: 0x36,
  i32_store8: 0x3a,
  i32_store16: 0x3b,
  i32_const: 0x41,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_ne: 0x47,
  i32_lt_s: 0x48,
  i32_lt_u: 0x49,
  i32_gt_u: 0x4b,
  i32_le_u: 0x4d,
  i32_ge_u: 0x4f,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
  /** Prefix of the bulk memory instructions (memory.copy is 0xFC 10). */
  prefix_fc: 0xfc,
} as const;

/** Value type i32, and the empty block type. */
const I32 = 0x7f;
const EMPTY_BLOCK = 0x40;

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** The instructions of one function body, written with small helpers (all values are i32). */
export class Code {
  readonly bytes: number[] = [];

  /** Raw opcodes (those without immediates). */
  op(...codes: number[]): this {
    this.bytes.push(...codes);
    return this;
  }
  get(local: number): this {
    return this.op(OP.local_get, ...uleb(local));
  }
  set(local: number): this {
    return this.op(OP.local_set, ...uleb(local));
  }
  tee(local: number): this {
    return this.op(OP.local_tee, ...uleb(local));
  }
  const(value: number): this {
    return this.op(OP.i32_const, ...sleb(value | 0));
  }
  /** `local += value` */
  inc(local: number, value: number): this {
    return this.get(local).const(value).op(OP.i32_add).set(local);
  }
  /** A memory access with its alignment exponent and constant offset. */
  mem(opcode: number, align: number, offset = 0): this {
    return this.op(opcode, align, ...uleb(offset));
  }
  block(): this {
    return this.op(OP.block, EMPTY_BLOCK);
  }
  loop(): this {
    return this.op(OP.loop, EMPTY_BLOCK);
  }
  if(): this {
    return this.op(OP.if, EMPTY_BLOCK);
  }
  else(): this {
    return this.op(OP.else);
  }
  end(): this {
    return this.op(OP.end);
  }
  br(depth: number): this {
    return this.op(OP.br, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.op(OP.br_if, ...uleb(depth));
  }
  /** memory.copy: pops destination, source and length. */
  memoryCopy(): this {
    return this.op(OP.prefix_fc, ...uleb(10), 0, 0);
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...uleb(bytes.length), ...bytes];
}

/** One function of a module: its export name, its i32 parameters and locals, its body. */
export interface ExportedFunction {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Number of further i32 locals (numbered after the parameters). */
  locals: number;
  /** The body; the function returns one i32. */
  code: Code;
}

/**
 * The bytes of a module exporting `memory` (of `memoryPages` pages of 64 KiB,
 * its initial and minimum size) and each function, `(i32 × params) → i32`.
 */
export function functionModule(functions: readonly ExportedFunction[], memoryPages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(Array.from({ length: f.params }, () => [I32])), ...vector([[I32]])]);
  const bodies = functions.map((f) => {
    const body = [...vector(f.locals > 0 ? [[...uleb(f.locals), I32]] : []), ...f.code.bytes, OP.end];
    return [...uleb(body.length), ...body];
  });
  const exports = [...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]), [...name('memory'), 0x02, 0]];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic and version
    ...section(1, vector(types)), // types: one per function
    ...section(3, vector(functions.map((_, i) => uleb(i)))), // functions
    ...section(5, vector([[0x00, ...uleb(memoryPages)]])), // memory: minimum only
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)), // code
  ]);
}
