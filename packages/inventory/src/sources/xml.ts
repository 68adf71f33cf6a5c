/**
 * XML reader for 1C exports: plain table XML, 1C value tables and
 * EnterpriseData messages (see xml-shape.ts). The file is never parsed as a
 * whole: a byte-level splitter cuts the row elements out of the stream and
 * each is decoded and parsed on its own, so memory holds one row.
 *
 * The encoding comes from the caller, a byte-order mark or the XML
 * declaration; when the declaration and the bytes clearly disagree (UTF-8
 * declared over cp1251 bytes or the reverse) the bytes win and a note says
 * so. Without a declaration the bytes are judged as for CSV.
 */
import { detectCharset, parseCharsetName, type CharsetName } from '@kitap/marc';
import { ByteSource } from './byte-source.js';
import { decodeRange, decodingWarning } from './decode-cell.js';
import { describeSample, detectEncoding, sniffBom, wholeCharacters } from './detect-encoding.js';
import { inputError } from './input-error.js';
import { singlePass } from './single-pass.js';
import type { EncodingSource, OpenTable, TableRow } from './table-types.js';
import { declaredXmlEncoding } from './xml-declaration.js';
import { flattenRow, parseElement, valueTableCells, valueTableColumnName } from './xml-row.js';
import { xmlShape, type XmlShape } from './xml-shape.js';
import { MAX_ELEMENT_BYTES, XmlSplitter, type XmlPiece, type XmlSelector } from './xml-splitter.js';
import { localName, xmlStructure } from './xml-structure.js';

/** Bytes of the file looked at to choose the row element. */
export const XML_SAMPLE_SIZE = 256 * 1024;

/** Options of the XML reader. */
export interface XmlOptions {
  encoding?: CharsetName;
  /** The row element's name (local or prefixed). */
  xmlRow?: string;
}

type PieceKind = 'row' | 'column';

interface Encoding {
  charset: CharsetName;
  source: EncodingSource;
  note: string;
}

function chooseXmlEncoding(file: string, sample: Uint8Array, complete: boolean, given: CharsetName | undefined): Encoding {
  const bom = sniffBom(sample);
  if (bom?.charset === 'unsupported') {
    throw inputError(file, `the file is in ${bom.name} (it starts with a ${bom.name} byte-order mark), which kitap does not read; save it as UTF-8`, { offset: 0 });
  }
  if (given !== undefined) return { charset: given, source: 'given', note: `encoding ${given} (given)` };
  if (bom !== undefined) return { charset: 'utf-8', source: 'bom', note: 'encoding utf-8 (the file starts with a UTF-8 byte-order mark)' };
  const declared = declaredXmlEncoding(sample);
  if (declared !== undefined) {
    if (/^utf-?(16|32)/i.test(declared)) throw inputError(file, `the XML declaration says ${declared}, which kitap does not read; save the file as UTF-8`);
    const charset = parseCharsetName(declared);
    if (charset === undefined || charset === 'marc8') throw inputError(file, `the XML declaration names the encoding "${declared}", which kitap does not read`);
    const d = detectCharset(wholeCharacters(sample, complete));
    if (d.charset !== charset && d.confidence !== 'guess' && (d.charset === 'utf-8' || charset === 'utf-8') && d.charset !== 'marc8') {
      return { charset: d.charset, source: 'detected', note: `encoding ${d.charset} detected, although the XML declaration says "${declared}": ${d.reason}` };
    }
    return { charset, source: 'xml-declaration', note: `encoding ${charset} (the XML declaration says "${declared}")` };
  }
  const d = detectEncoding(sample, complete);
  return { charset: d.charset, source: 'detected', note: `${d.note}; the file has no XML declaration` };
}

function selectorFor(shape: XmlShape): XmlSelector<PieceKind> {
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);
  switch (shape.kind) {
    case 'value-table':
      return (path) => (same(path, shape.rowPath) ? 'row' : same(path, shape.columnPath) ? 'column' : undefined);
    case 'named': {
      const name = shape.rowName;
      return (path) => {
        const last = path[path.length - 1] as string;
        return last === name || localName(last) === name ? 'row' : undefined;
      };
    }
    default: {
      const rowPath = shape.rowPath;
      return (path) => (same(path, rowPath) ? 'row' : undefined);
    }
  }
}

/** Grows the column list with the names of one row and lays its values out along it. */
class ColumnLayout {
  private readonly index = new Map<string, number>();
  constructor(readonly columns: string[]) {
    columns.forEach((c, i) => this.index.set(c, i));
  }
  add(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.columns.length;
      this.columns.push(name);
      this.index.set(name, i);
    }
    return i;
  }
  cells(pairs: [string, string][]): string[] {
    for (const [name] of pairs) this.add(name);
    const cells = new Array<string>(this.columns.length).fill('');
    for (const [name, value] of pairs) cells[this.index.get(name) as number] = value;
    return cells;
  }
}

/** Opens XML from a stream of byte chunks. `file` names the input in messages. */
export async function openXml(file: string, chunks: AsyncIterable<Uint8Array>, options: XmlOptions = {}): Promise<OpenTable> {
  const source = new ByteSource(chunks);
  try {
    const sample = await source.sample(XML_SAMPLE_SIZE);
    const where = describeSample(sample.bytes.length, sample.complete);
    const encoding = chooseXmlEncoding(file, sample.bytes, sample.complete, options.encoding);
    const shape = xmlShape(xmlStructure(sample.bytes, sample.complete), options.xmlRow, where);
    if ('problem' in shape) throw inputError(file, `cannot find the table's rows: ${shape.problem}; name the row element (xmlRow)`);
    const notes = [encoding.note, shape.note];
    const charset = encoding.charset;
    const select = selectorFor(shape);

    // columns known from the sample: value table column names, or the names the sample's rows bring
    const layout = new ColumnLayout([]);
    const splitter = new XmlSplitter(select);
    for (const piece of [...splitter.feed(sample.bytes), ...(sample.complete ? splitter.feed(undefined) : [])]) {
      if (piece.truncated) continue;
      const parsed = parseElement(decodeRange(piece.bytes, 0, piece.bytes.length, charset).text);
      if ('error' in parsed) continue;
      if (shape.kind === 'value-table') {
        if (piece.kind === 'column') layout.add(valueTableColumnName(parsed.node, parsed.name) ?? `column ${layout.columns.length + 1}`);
      } else {
        for (const [name] of flattenRow(parsed.node, parsed.name)) layout.add(name);
      }
    }
    if (shape.kind === 'value-table') notes.push(`${layout.columns.length} columns: ${layout.columns.join(', ')}`);

    const rows = readRows(file, source, charset, shape, select, layout, notes);
    return { format: 'xml', encoding: charset, encodingSource: encoding.source, columns: layout.columns, rows: singlePass(file, rows), notes };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** The row element's name as the file writes it (the named shape matches its local name too). */
function rowNameOf(shape: XmlShape): string {
  return shape.kind === 'named' ? shape.rowName : (shape.rowPath[shape.rowPath.length - 1] as string);
}

/**
 * Whether markup the file ends inside could be the start of a row: a start tag whose name, as far
 * as it goes, begins the row element's name, where a row element would be.
 */
function couldStartRow(bytes: Uint8Array, open: readonly string[], shape: XmlShape, select: XmlSelector<PieceKind>): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const m = /^<([^\s/>!?]*)/u.exec(text);
  if (m === null) return false;
  const partial = Buffer.from(m[1]!, 'latin1').toString('utf8');
  const name = rowNameOf(shape);
  const prefixed = shape.kind === 'named' && !name.includes(':') && partial.includes(':') ? partial.slice(partial.indexOf(':') + 1) : partial;
  return name.startsWith(prefixed) && select([...open, name]) === 'row';
}

async function* readRows(file: string, source: ByteSource, charset: CharsetName, shape: XmlShape, select: XmlSelector<PieceKind>, layout: ColumnLayout, notes: string[]): AsyncGenerator<TableRow> {
  const splitter = new XmlSplitter(select);
  let ordinal = 0;
  let columnsSeen = 0;

  const rowOf = (piece: XmlPiece<PieceKind>): TableRow | undefined => {
    const { text, bad } = decodeRange(piece.bytes, 0, piece.bytes.length, charset);
    if (piece.kind === 'column') {
      columnsSeen++;
      if (columnsSeen > layout.columns.length) {
        const parsed = parseElement(text);
        layout.add('error' in parsed ? `column ${columnsSeen}` : (valueTableColumnName(parsed.node, parsed.name) ?? `column ${columnsSeen}`));
      }
      return undefined;
    }
    ordinal++;
    if (piece.truncated) {
      return { line: ordinal, cells: [], raw: text, error: `XML row element ${ordinal} (byte ${piece.offset}) is cut off by the end of the file` };
    }
    if (piece.unclosed) {
      const next = piece.offset + piece.bytes.length;
      return { line: ordinal, cells: [], raw: text, error: `XML row element ${ordinal} (byte ${piece.offset}) has no end tag: the next <${rowNameOf(shape)}> starts inside it, at byte ${next}` };
    }
    const parsed = parseElement(text);
    if ('error' in parsed) {
      return { line: ordinal, cells: [], raw: text, error: `XML row element ${ordinal} (byte ${piece.offset}) is not well formed: ${parsed.error}` };
    }
    const cells = shape.kind === 'value-table' ? valueTableCells(parsed.node, parsed.name) : layout.cells(flattenRow(parsed.node, parsed.name));
    const row: TableRow = { line: ordinal, cells, raw: cells.join('\t') };
    const warning = decodingWarning(bad, charset);
    if (warning !== undefined) row.warning = warning;
    return row;
  };

  for await (const chunk of source.chunks()) {
    for (const piece of splitter.feed(chunk)) {
      const row = rowOf(piece);
      if (row !== undefined) yield row;
    }
    if (splitter.capturing > MAX_ELEMENT_BYTES) {
      throw inputError(file, `row element ${ordinal + 1} is larger than ${MAX_ELEMENT_BYTES / (1024 * 1024)} MiB; is the row element right? (name it with xmlRow)`);
    }
  }
  for (const piece of splitter.feed(undefined)) {
    const row = rowOf(piece);
    if (row !== undefined) yield row;
  }
  const cut = splitter.cutOff;
  if (cut === undefined) return;
  const where = cut.unfinished === undefined ? `before <${cut.open[0]}> is closed` : `inside markup at byte ${cut.unfinished.offset}`;
  if (cut.unfinished !== undefined && couldStartRow(cut.unfinished.bytes, cut.open, shape, select)) {
    // A row began: what is left of it is a row that cannot be read.
    ordinal++;
    const { text } = decodeRange(cut.unfinished.bytes, 0, cut.unfinished.bytes.length, charset);
    yield { line: ordinal, cells: [], raw: text, error: `XML row element ${ordinal} (byte ${cut.unfinished.offset}) is cut off by the end of the file inside its start tag` };
  }
  notes.push(`the XML ends ${where}: the file is cut off, and rows after the cut are not in it`);
}
