/**
 * MarcEdit mnemonic text reader (`.mrk` and `.mrk8`):
 *
 *     =LDR  00000nam  2200000 a 4500
 *     =001  kz\000123
 *     =245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.
 *
 * One field per line: `=`, the tag, two spaces, then the value. In control
 * fields and indicators `\` is a blank; data fields are two indicators then
 * `$code value` subfields. Records are separated by blank lines (a `=LDR` line
 * also starts a new record). Lines starting with `#` are comments. `{name}`
 * mnemonics are decoded (see mnemonics.ts).
 */
import { iconvLite } from '../charset/iconv-lite.js';
import { KitapError, type Place } from '@kitap/core';
import { chunksOf } from '../byte-input.js';
import {
  RecordProblems,
  fileName,
  finishRecord,
  isValidIndicator,
  isValidLeader,
  isValidSubfieldCode,
  isValidTag,
  delimiterNotice,
  normalizer,
  place,
  readMode,
  show,
} from '../marcxml/problems.js';
import type { ByteInput, ReadItem, ReadOptions } from '../read-types.js';
import { type Field, type Subfield, controlField, dataField, isControlTag } from '../record/field.js';
import { Leader } from '../record/leader.js';
import { MarcRecord } from '../record/record.js';
import { decodeMnemonics } from './mnemonics.js';

interface Line {
  text: string;
  /** 1-based line number and byte offset of the line. */
  line: number;
  offset: number;
  /** Set when the bytes were not valid in the input's character set. */
  badBytes: boolean;
}

const LF = 0x0a;

/** Splits bytes into lines (LF; a CR before it is dropped), keeping line numbers and byte offsets. */
class LineSplitter {
  private parts: Uint8Array[] = [];
  private line = 1;
  private offset = 0;
  private lineOffset = 0;

  constructor(private readonly decode: (bytes: Uint8Array) => { text: string; bad: boolean }) {}

  *push(chunk: Uint8Array): Generator<Line> {
    let from = 0;
    for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) {
      this.parts.push(chunk.subarray(from, i));
      yield this.emit(i - from + 1);
      from = i + 1;
    }
    if (from < chunk.length) {
      this.parts.push(chunk.slice(from));
      this.offset += chunk.length - from;
    }
  }

  *end(): Generator<Line> {
    if (this.parts.length > 0) yield this.emit(0);
  }

  private emit(consumed: number): Line {
    let size = 0;
    for (const p of this.parts) size += p.length;
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const p of this.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    this.parts = [];
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const start = this.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const { text, bad } = this.decode(bytes.subarray(start, end));
    const out: Line = { text, line: this.line, offset: this.lineOffset, badBytes: bad };
    this.offset += consumed;
    this.lineOffset = this.offset;
    this.line++;
    return out;
  }
}

/** Blank for `\` (in the leader, control fields and indicators). */
function blanks(text: string): string {
  return text.includes('\\') ? text.replaceAll('\\', ' ') : text;
}

/** A numeric tag of 010 and above is always a data field; 00X always a control field; other tags by their content. */
function isDataLine(tag: string, content: string): boolean {
  if (isControlTag(tag)) return false;
  if (/^[0-9]{3}$/.test(tag)) return true;
  return content.includes('$');
}

/** Builds records out of groups of lines. */
class RecordBuilder {
  private fields: Field[] = [];
  private leader: string | undefined;
  private seen = new Map<string, number>();
  private lines: Line[] = [];
  private converted = false;

  constructor(
    private readonly options: ReadOptions,
    private readonly problems: RecordProblems,
    /** The input was converted from a legacy character set (so values are NFC by default). */
    private readonly legacy: boolean,
  ) {}

  get rawText(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  private where(line: Line, extra?: Partial<Place>): Partial<Place> {
    return extra ? { line: line.line, ...extra } : { line: line.line };
  }

  /** Decodes mnemonics of a value; a problem is reported at `line` (with `extra`, built only then). */
  private decode(text: string, line: Line, extra?: () => Partial<Place>): string {
    const decoded = decodeMnemonics(text);
    const notice = delimiterNotice(decoded.value);
    if (notice) this.problems.notice('W_CONTROL_CHARACTER', notice, this.where(line, extra?.()));
    if (decoded.converted) this.converted = true;
    if (decoded.error) this.problems.fail('E_MNEMONIC', `Line ${line.line}: ${decoded.error}.`, this.where(line, extra?.()));
    return decoded.value;
  }

  add(line: Line): void {
    this.lines.push(line);
    const problems = this.problems;
    if (line.badBytes) {
      problems.repair('E_ENCODING', 'W_ENCODING_REPLACED', `Line ${line.line} has bytes that are not valid in the input's character set; they were replaced by U+FFFD.`, this.where(line));
    }
    const text = line.text;
    if (!text.startsWith('=')) {
      problems.fail('E_MNEMONIC', `Line ${line.line} does not start with "=TAG": ${JSON.stringify(text.slice(0, 40))}.`, this.where(line));
      return;
    }
    const tag = text.slice(1, 4);
    let content: string;
    if (text.length <= 6 && /^ {0,2}$/.test(text.slice(4))) {
      content = '';
    } else if (text.startsWith('  ', 4)) {
      content = text.slice(6);
    } else if (text[4] === ' ') {
      problems.repair('E_MNEMONIC', 'W_MNEMONIC_REPAIRED', `Line ${line.line} has one space after the tag instead of two; it was read as if it had two.`, this.where(line, { tag }));
      content = text.slice(5);
    } else {
      problems.fail('E_MNEMONIC', `Line ${line.line}: the tag ${JSON.stringify(tag)} is not followed by two spaces.`, this.where(line));
      return;
    }

    if (tag === 'LDR') {
      this.readLeader(content, line);
      return;
    }
    const occurrence = this.seen.get(tag) ?? 0;
    this.seen.set(tag, occurrence + 1);
    const where: Partial<Place> = { line: line.line, tag, occurrence };
    if (!isValidTag(tag)) problems.fail('E_TAG', `Line ${line.line}: the tag ${JSON.stringify(tag)} is not three ASCII letters or digits.`, where);
    const normalize = (value: string, converted: boolean): string => normalizer(this.options.normalize, converted || this.legacy)(value);

    if (!isDataLine(tag, content)) {
      const before = this.converted;
      this.converted = false;
      const value = this.decode(blanks(content), line, () => where);
      this.fields.push(controlField(tag, normalize(value, this.converted)));
      this.converted ||= before;
      return;
    }

    let ind1 = ' ';
    let ind2 = ' ';
    let rest: string;
    if (content === '' || content.startsWith('$')) {
      problems.repair('E_INDICATOR', 'W_INDICATORS_MISSING', `Line ${line.line}: field ${tag} has no indicators; blanks were assumed.`, where);
      rest = content;
    } else if (content.length === 1 || content[1] === '$') {
      problems.fail('E_INDICATOR', `Line ${line.line}: field ${tag} has one indicator where two are needed.`, where);
      rest = content.slice(1);
    } else {
      ind1 = blanks(content[0]!);
      ind2 = blanks(content[1]!);
      for (const [n, ind] of [[1, ind1], [2, ind2]] as const) {
        if (!isValidIndicator(ind)) problems.fail('E_INDICATOR', `Line ${line.line}: indicator ${n} of ${tag} is ${show(ind)}, not an ASCII letter, digit, space or \\.`, where);
      }
      rest = content.slice(2);
    }

    const subfields: Subfield[] = [];
    let at = 0;
    if (rest !== '' && !rest.startsWith('$')) {
      const end = rest.indexOf('$');
      const text = rest.slice(0, end < 0 ? rest.length : end);
      problems.repair('E_MNEMONIC', 'W_DATA_BEFORE_SUBFIELD', `Line ${line.line}: field ${tag} has text before its first $; it was kept as subfield $_.`, where);
      subfields.push({ code: '_', value: this.value(text, line, () => where) });
      at = text.length;
    }
    while (at < rest.length) {
      // rest[at] is '$'; the next character is the code, whatever it is.
      const code = rest[at + 1];
      if (code === undefined) {
        problems.fail('E_SUBFIELD_CODE', `Line ${line.line}: field ${tag} ends with a $ that has no subfield code.`, where);
        break;
      }
      const next = rest.indexOf('$', at + 2);
      const end = next < 0 ? rest.length : next;
      if (!isValidSubfieldCode(code)) problems.fail('E_SUBFIELD_CODE', `Line ${line.line}: a subfield code of ${tag} is ${show(code)}, not one ASCII graphic character.`, { line: line.line, tag, occurrence, subfield: code });
      subfields.push({ code, value: this.value(rest.slice(at + 2, end), line, () => ({ tag, occurrence, subfield: code })) });
      at = end;
    }
    this.fields.push(dataField(tag, ind1, ind2, subfields));
  }

  private value(text: string, line: Line, where: () => Partial<Place>): string {
    const before = this.converted;
    this.converted = false;
    const value = this.decode(text, line, where);
    const out = normalizer(this.options.normalize, this.converted || this.legacy)(value);
    this.converted ||= before;
    return out;
  }

  private readLeader(content: string, line: Line): void {
    if (this.leader !== undefined) {
      this.problems.fail('E_MNEMONIC', `Line ${line.line}: a second =LDR line in one record.`, this.where(line));
      return;
    }
    const value = this.decode(blanks(content), line);
    if (isValidLeader(value)) {
      this.leader = value;
    } else if (isValidLeader(value.trim())) {
      this.problems.repair('E_LEADER', 'W_LEADER_REPAIRED', `Line ${line.line}: the leader ${JSON.stringify(value)} has whitespace around its 24 characters; it was trimmed.`, this.where(line));
      this.leader = value.trim();
    } else {
      this.problems.fail('E_LEADER', `Line ${line.line}: the leader ${JSON.stringify(value)} is not 24 printable ASCII characters (it has ${[...value].length}).`, this.where(line));
      this.leader = '';
    }
  }

  get hasLeader(): boolean {
    return this.leader !== undefined;
  }

  finish(): ReadItem {
    const problems = this.problems;
    if (this.leader === undefined) {
      problems.repair('E_MNEMONIC', 'W_LEADER_MISSING', `The record has no =LDR line; the default leader ${JSON.stringify(Leader.DEFAULT.value)} was assumed.`);
    }
    const id = this.fields.find((f) => f.kind === 'control' && f.tag === '001');
    if (id?.kind === 'control') {
      (problems.place as Place).recordId = id.value;
      for (const e of problems.errors) e.place.recordId ??= id.value;
      for (const w of problems.warnings) w.place.recordId ??= id.value;
    }
    const leader = this.leader !== undefined && isValidLeader(this.leader) ? new Leader(this.leader) : Leader.DEFAULT;
    const fields = this.fields;
    return finishRecord(problems, () => new MarcRecord(leader, fields), this.rawText);
  }
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Reads MarcEdit mnemonic text. Each record becomes a record or, when it has a
 * problem the mode does not repair, a reject carrying its lines. Lenient is the
 * default mode; strict throws at the first problem (with its line).
 */
export async function* readMrk(input: ByteInput, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const mode = readMode(options);
  const file = fileName(options);
  // 'marc8' names what the mnemonics stand for: the text itself is ASCII (or UTF-8).
  const encoding = options.encoding && !/^(auto|utf-?8|marc-?8)$/i.test(options.encoding) ? options.encoding : undefined;
  if (encoding !== undefined && !iconvLite().encodingExists(encoding)) throw new KitapError('E_USAGE', `unknown character set ${JSON.stringify(encoding)}`);
  const decode = encoding
    ? (bytes: Uint8Array) => ({ text: iconvLite().decode(Buffer.from(bytes), encoding), bad: false })
    : (bytes: Uint8Array) => {
        try {
          return { text: fatalUtf8.decode(bytes), bad: false };
        } catch {
          return { text: lossyUtf8.decode(bytes), bad: true };
        }
      };
  const splitter = new LineSplitter(decode);
  let index = 0;
  let record: RecordBuilder | undefined;

  function* take(line: Line): Generator<ReadItem> {
    const text = line.text;
    if (text.trim() === '') {
      if (record) yield record.finish();
      record = undefined;
      return;
    }
    if (text.startsWith('#')) return;
    if (record && text.startsWith('=LDR') && record.hasLeader) {
      yield record.finish();
      record = undefined;
    }
    record ??= new RecordBuilder(options, new RecordProblems(mode, place({ file, index: index++, offset: line.offset, line: line.line })), encoding !== undefined);
    record.add(line);
  }

  for await (const chunk of chunksOf(input)) for (const line of splitter.push(chunk)) yield* take(line);
  for (const line of splitter.end()) yield* take(line);
  if (record) yield record.finish();
}
