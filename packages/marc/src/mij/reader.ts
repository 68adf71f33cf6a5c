/**
 * MARC-in-JSON reader (the code4lib format:
 * `{"leader": "…", "fields": [{"001": "…"}, {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": "…"}]}}]}`).
 * Accepts one record object, an array of them, or NDJSON (one record per line),
 * streaming in every case: an array is split element by element, NDJSON line
 * by line.
 */
import { givenTextDecoder } from '../charset/legacy-text.js';
import type { Place } from '@kitap/core';
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
import { type Field, type Subfield, controlField, dataField } from '../record/field.js';
import { Leader } from '../record/leader.js';
import { MarcRecord } from '../record/record.js';
import { JsonSplitter, type JsonPiece } from './json-splitter.js';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Raw control characters inside JSON strings (which JSON forbids), escaped; with the index of the first. */
export function escapeRawControls(text: string): { text: string; first: number; count: number } {
  let out = '';
  let inString = false;
  let escaped = false;
  let first = -1;
  let count = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
      else if (c < 0x20) {
        if (first < 0) first = i;
        count++;
        out += text.slice(last, i) + `\\u${c.toString(16).padStart(4, '0')}`;
        last = i + 1;
      }
    } else if (c === 0x22) {
      inString = true;
    }
  }
  return { text: count > 0 ? out + text.slice(last) : text, first, count };
}

function lineAt(text: string, index: number, startLine: number): number {
  let line = startLine;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Parses one piece of JSON text, reporting where it fails. */
function parseJson(text: string, problems: RecordProblems, startLine: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const escaped = escapeRawControls(text);
    if (escaped.count > 0) {
      const line = lineAt(text, escaped.first, startLine);
      const cp = text.charCodeAt(escaped.first).toString(16).toUpperCase().padStart(4, '0');
      const message = `A string has a raw control character U+${cp} at line ${line} (JSON requires it to be escaped as \\u${cp.toLowerCase()})${escaped.count > 1 ? `, and ${escaped.count - 1} more` : ''}`;
      problems.repair('E_JSON', 'W_CONTROL_CHARACTER', `${message}; it was kept in the value.`, { line });
      try {
        return JSON.parse(escaped.text) as unknown;
      } catch (again) {
        error = again;
      }
    }
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1]), startLine) : undefined;
    problems.fail('E_JSON', `The JSON is not valid: ${message}${line !== undefined ? ` (line ${line})` : ''}.`, line !== undefined ? { line } : undefined);
    return undefined;
  }
}

/** Builds a record from one parsed MiJ object; problems go to `problems`. */
export function mijToRecord(value: unknown, problems: RecordProblems, normalize: (value: string) => string = (v) => v): () => MarcRecord {
  const fields: Field[] = [];
  let leader = Leader.DEFAULT;
  if (!isObject(value)) {
    problems.fail('E_JSON', `A record must be a JSON object with "leader" and "fields", not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`);
    return () => new MarcRecord(leader, fields);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'leader' && key !== 'fields') problems.notice('W_CONTENT_IGNORED', `The key ${JSON.stringify(key)} has no place in a MARC-in-JSON record; it was ignored.`);
  }

  // fields first, so that the record id is known for the other messages
  const rawFields = value['fields'];
  const seen = new Map<string, number>();
  if (rawFields === undefined) problems.fail('E_JSON', 'The record has no "fields" array.');
  else if (!Array.isArray(rawFields)) problems.fail('E_JSON', `"fields" must be an array, not ${typeof rawFields}.`);
  else {
    for (const [n, raw] of rawFields.entries()) {
      const field = readField(raw, n, problems, seen, normalize);
      if (field) fields.push(field);
    }
  }
  const id = fields.find((f) => f.kind === 'control' && f.tag === '001');
  if (id?.kind === 'control') {
    (problems.place as Place).recordId = id.value;
    for (const e of problems.errors) e.place.recordId ??= id.value;
    for (const w of problems.warnings) w.place.recordId ??= id.value;
  }

  const rawLeader = value['leader'];
  if (rawLeader === undefined) {
    problems.repair('E_JSON', 'W_LEADER_MISSING', `The record has no leader; the default leader ${JSON.stringify(Leader.DEFAULT.value)} was assumed.`);
  } else if (typeof rawLeader !== 'string') {
    problems.fail('E_JSON', `"leader" must be a string, not ${typeof rawLeader}.`);
  } else if (isValidLeader(rawLeader)) {
    leader = new Leader(rawLeader);
  } else if (isValidLeader(rawLeader.trim())) {
    problems.repair('E_LEADER', 'W_LEADER_REPAIRED', `The leader ${JSON.stringify(rawLeader)} has whitespace around its 24 characters; it was trimmed.`);
    leader = new Leader(rawLeader.trim());
  } else {
    problems.fail('E_LEADER', `The leader ${JSON.stringify(rawLeader)} is not 24 printable ASCII characters (it has ${[...rawLeader].length}).`);
  }
  return () => new MarcRecord(leader, fields);
}

function readField(raw: unknown, n: number, problems: RecordProblems, seen: Map<string, number>, normalize: (value: string) => string): Field | undefined {
  if (!isObject(raw) || Object.keys(raw).length !== 1) {
    problems.fail('E_JSON', `Field ${n + 1} must be an object with exactly one key (its tag): ${JSON.stringify(raw)?.slice(0, 60)}.`);
    return undefined;
  }
  const tag = Object.keys(raw)[0]!;
  const occurrence = seen.get(tag) ?? 0;
  seen.set(tag, occurrence + 1);
  const where: Partial<Place> = { tag, occurrence };
  if (!isValidTag(tag)) problems.fail('E_TAG', `The tag ${JSON.stringify(tag)} is not three ASCII letters or digits.`, where);
  const body = raw[tag];
  if (typeof body === 'string') {
    const notice = delimiterNotice(body);
    if (notice) problems.notice('W_CONTROL_CHARACTER', notice, where);
    return controlField(tag, normalize(body));
  }
  if (!isObject(body)) {
    problems.fail('E_JSON', `Field ${tag} must be a string (control field) or an object (data field), not ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}.`, where);
    return undefined;
  }
  for (const key of Object.keys(body)) {
    if (/^ind[3-9]$/.test(key)) problems.fail('E_INDICATOR', `Field ${tag} has ${key}: kitap records hold two indicators.`, where);
    else if (key !== 'ind1' && key !== 'ind2' && key !== 'subfields') problems.notice('W_CONTENT_IGNORED', `The key ${JSON.stringify(key)} of field ${tag} has no place in MARC-in-JSON; it was ignored.`, where);
  }
  const indicators: string[] = [];
  for (const name of ['ind1', 'ind2'] as const) {
    const ind = body[name];
    if (ind === undefined || ind === '') {
      problems.repair('E_INDICATOR', 'W_INDICATORS_MISSING', `Field ${tag} has no ${name}; a blank was assumed.`, where);
      indicators.push(' ');
    } else if (typeof ind !== 'string') {
      problems.fail('E_JSON', `The ${name} of field ${tag} must be a string, not ${typeof ind}.`, where);
      indicators.push(' ');
    } else {
      if (!isValidIndicator(ind)) problems.fail('E_INDICATOR', `The ${name} of field ${tag} is ${show(ind)}, not an ASCII letter, digit or space.`, where);
      indicators.push(ind);
    }
  }
  const rawSubfields = body['subfields'];
  const subfields: Subfield[] = [];
  if (!Array.isArray(rawSubfields)) {
    problems.fail('E_JSON', `Field ${tag} has no "subfields" array.`, where);
  } else {
    for (const sf of rawSubfields) {
      const code = isObject(sf) ? Object.keys(sf) : [];
      const value = code.length === 1 ? (sf as Record<string, unknown>)[code[0]!] : undefined;
      if (code.length !== 1 || typeof value !== 'string') {
        problems.fail('E_JSON', `A subfield of ${tag} must be an object with one code and a string value: ${JSON.stringify(sf)?.slice(0, 60)}.`, where);
        continue;
      }
      if (!isValidSubfieldCode(code[0]!)) problems.fail('E_SUBFIELD_CODE', `A subfield code of ${tag} is ${show(code[0]!)}, not one ASCII graphic character.`, { tag, occurrence, subfield: code[0]! });
      const notice = delimiterNotice(value);
      if (notice) problems.notice('W_CONTROL_CHARACTER', notice, { tag, occurrence, subfield: code[0]! });
      subfields.push({ code: code[0]!, value: normalize(value) });
    }
  }
  return dataField(tag, indicators[0]!, indicators[1]!, subfields);
}

/**
 * Reads MARC-in-JSON. Each record becomes a record or, when it has a problem
 * the mode does not repair, a reject carrying its JSON text (for NDJSON, the
 * line). Lenient is the default mode; strict throws at the first problem.
 */
export async function* readMij(input: ByteInput, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const mode = readMode(options);
  const file = fileName(options);
  const encoding = options.encoding && !/^(auto|utf-?8)$/i.test(options.encoding) ? options.encoding : undefined;
  const decodeGiven = encoding === undefined ? undefined : givenTextDecoder(encoding, 'MARC-in-JSON');
  const normalize = normalizer(options.normalize, encoding !== undefined);
  const splitter = new JsonSplitter();
  let index = 0;

  function* handle(pieces: JsonPiece[]): Generator<ReadItem> {
    for (const piece of pieces) {
      const at = place({ file, index: index++, offset: piece.offset, line: piece.line });
      const problems = new RecordProblems(mode, at);
      let text: string;
      if (decodeGiven) {
        text = decodeGiven(piece.bytes);
      } else {
        try {
          text = fatalUtf8.decode(piece.bytes);
        } catch {
          problems.repair('E_ENCODING', 'W_ENCODING_REPLACED', 'The record has bytes that are not valid UTF-8; they were replaced by U+FFFD.');
          text = lossyUtf8.decode(piece.bytes);
        }
      }
      if (piece.kind === 'garbage') {
        problems.fail('E_JSON', `This is not JSON: ${JSON.stringify(text.slice(0, 60))}.`);
        yield { kind: 'reject', reject: problems.toReject(text) };
        continue;
      }
      if (piece.kind === 'truncated') {
        problems.fail('E_TRUNCATED', 'The input ends inside this record.');
        yield { kind: 'reject', reject: problems.toReject(text) };
        continue;
      }
      if (piece.unterminatedLine && !isJson(text)) {
        // The last line of NDJSON, without its newline, that does not parse: cut short.
        problems.fail('E_TRUNCATED', 'The input ends inside this record (the last line is incomplete).');
        yield { kind: 'reject', reject: problems.toReject(text) };
        continue;
      }
      const value = parseJson(text, problems, piece.line);
      const build = problems.failed ? () => new MarcRecord() : mijToRecord(value, problems, normalize);
      yield finishRecord(problems, build, text);
    }
  }

  for await (const chunk of chunksOf(input)) yield* handle(splitter.push(chunk));
  yield* handle(splitter.end());
}
