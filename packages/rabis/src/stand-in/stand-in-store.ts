import { openDatabase, type OpenDatabase } from '@kitap/store';
import { describeImportIssues, importRecordKey, importRecordSchema, type ImportRecord } from './import-record.js';
import type { StandInDepartment } from './stand-in-departments.js';

/** A department as the stand-in answers it (`GET /api/v1/dictionary/department`). */
export interface DepartmentJson {
  id: number;
  code: string;
  name: string;
  type: string;
}

/** A copy as the stand-in answers it: the `Inv` of Web-RABIS's public client code. */
export interface InvJson {
  id: number;
  ebookId: number;
  invNumber: string;
  barcode: string;
  department: DepartmentJson | null;
  state: { id: number; code: string; name: string } | null;
}

/** The answer for one record of an import batch. */
export interface StandInImportResult {
  /** `kitap.controlNumber`, or `sha256:` and the hash of the record's canonical JSON. */
  key: string;
  /** The record's id in the stand-in (null when rejected). */
  id: number | null;
  status: 'created' | 'exists' | 'rejected';
  message?: string;
}

/**
 * One record of an import batch: the record (a web-rabis.jsonl document, or
 * one made from an ISO2709 record), and optionally its key (default: see
 * `importRecordKey`) and a problem that rejects it before anything is looked
 * at (an ISO2709 record the reader refused).
 */
export interface ImportEntry {
  record: unknown;
  key?: string;
  problem?: string;
}

/** A stored answer of an import request, kept under its `Idempotency-Key`. */
export interface StoredAnswer {
  bodyHash: string;
  status: number;
  body: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS department (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ebook (
  id INTEGER PRIMARY KEY,
  record_key TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inv (
  id INTEGER PRIMARY KEY,
  ebook_id INTEGER NOT NULL REFERENCES ebook(id),
  inv_number TEXT NOT NULL UNIQUE,
  barcode TEXT NOT NULL,
  department_id INTEGER REFERENCES department(id),
  state_id INTEGER REFERENCES state(id)
);
CREATE INDEX IF NOT EXISTS inv_by_ebook ON inv(ebook_id);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, body_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL);
`;

interface InvRow {
  id: number;
  ebook_id: number;
  inv_number: string;
  barcode: string;
  d_id: number | null;
  d_code: string | null;
  d_name: string | null;
  d_type: string | null;
  s_id: number | null;
  s_code: string | null;
  s_name: string | null;
}

const INV_SELECT = `SELECT inv.id, inv.ebook_id, inv.inv_number, inv.barcode,
  d.id AS d_id, d.code AS d_code, d.name AS d_name, d.type AS d_type, s.id AS s_id, s.code AS s_code, s.name AS s_name
  FROM inv LEFT JOIN department d ON d.id = inv.department_id LEFT JOIN state s ON s.id = inv.state_id`;

/**
 * The stand-in's data in SQLite: records ("ebooks") with ids, their copies
 * ("inv") with ids, the department and copy-state dictionaries, and the
 * answers of import requests by idempotency key. An import batch is one
 * transaction together with its stored answer, so an answer lost on the wire
 * never means a half-done import.
 */
export class StandInStore {
  readonly #open: OpenDatabase;
  readonly #now: () => Date;
  readonly #departments = new Map<string, DepartmentJson>();

  /** Opens (or creates) the store; `path` undefined gives a temporary database removed on `close()`. */
  constructor(path: string | undefined, departments: readonly StandInDepartment[], now: () => Date) {
    this.#open = openDatabase(path);
    this.#now = now;
    const db = this.#open.db;
    db.exec(SCHEMA);
    const add = db.prepare('INSERT OR IGNORE INTO department (code, name, type) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const d of departments) add.run(d.code, d.name, d.type);
    })();
    for (const d of db.prepare('SELECT id, code, name, type FROM department ORDER BY id').all() as DepartmentJson[]) this.#departments.set(d.code, d);
  }

  /** The department dictionary, in the order departments were added. */
  departments(): DepartmentJson[] {
    return [...this.#departments.values()];
  }

  /** How many records and copies the store holds. */
  counts(): { ebooks: number; copies: number } {
    const db = this.#open.db;
    const ebooks = (db.prepare('SELECT count(*) AS n FROM ebook').get() as { n: number }).n;
    const copies = (db.prepare('SELECT count(*) AS n FROM inv').get() as { n: number }).n;
    return { ebooks, copies };
  }

  /** A record with its id, dates and copies (`GET /api/v1/ebook/{id}`), or undefined. */
  ebook(id: number): Record<string, unknown> | undefined {
    const row = this.#open.db.prepare('SELECT id, doc, created_at FROM ebook WHERE id = ?').get(id) as { id: number; doc: string; created_at: string } | undefined;
    if (row === undefined) return undefined;
    return this.#ebookJson(row);
  }

  /**
   * The card of a record (`GET /api/v1/ebook/{id}/card`), in the shape of
   * Web-RABIS's public `EbookCard`: volume number, author, title, cipher,
   * author mark, language, indexes (BBK, UDC) and copies.
   */
  card(id: number): Record<string, unknown> | undefined {
    const row = this.#open.db.prepare('SELECT doc FROM ebook WHERE id = ?').get(id) as { doc: string } | undefined;
    if (row === undefined) return undefined;
    const doc = JSON.parse(row.doc) as ImportRecord & { authorMark?: unknown };
    const indexes = [doc.bbk, doc.udc].filter((x): x is string => typeof x === 'string' && x !== '');
    const volume = /\d+/.exec(doc.volumeNumber ?? '');
    return {
      volumeNumber: volume ? Number(volume[0]) : 0,
      author: doc.author ?? '',
      title: doc.title,
      rAvt: '',
      main: '',
      rCipher: indexes[0] ?? '',
      authorMark: doc.authorMark ?? null,
      language: doc.language ?? null,
      indexes,
      inv: this.copies(id),
    };
  }

  /** The copies of a record, by copy id. */
  copies(ebookId: number): InvJson[] {
    const rows = this.#open.db.prepare(`${INV_SELECT} WHERE inv.ebook_id = ? ORDER BY inv.id`).all(ebookId) as InvRow[];
    return rows.map(invJson);
  }

  /** The copies with this inventory number (none or one: numbers are unique across the library system). */
  copiesByNumber(invNumber: string): InvJson[] {
    const rows = this.#open.db.prepare(`${INV_SELECT} WHERE inv.inv_number = ?`).all(invNumber.trim()) as InvRow[];
    return rows.map(invJson);
  }

  /**
   * Records whose title or author contains `query` (ignoring case and ё/е),
   * by id, one page of them and how many there are in all. An empty query
   * finds every record.
   */
  search(query: string, limit: number, offset: number): { result: Record<string, unknown>[]; count: number } {
    const db = this.#open.db;
    const q = foldForSearch(query);
    const count = (db.prepare('SELECT count(*) AS n FROM ebook WHERE instr(search_text, ?) > 0').get(q) as { n: number }).n;
    const rows = db.prepare('SELECT id, doc, created_at FROM ebook WHERE instr(search_text, ?) > 0 ORDER BY id LIMIT ? OFFSET ?').all(q, limit, offset) as {
      id: number;
      doc: string;
      created_at: string;
    }[];
    return { result: rows.map((r) => this.#ebookJson(r)), count };
  }

  /** The stored answer of an import request with this idempotency key, if any. */
  storedAnswer(key: string): StoredAnswer | undefined {
    const row = this.#open.db.prepare('SELECT body_hash, status, body FROM idempotency WHERE key = ?').get(key) as { body_hash: string; status: number; body: string } | undefined;
    return row === undefined ? undefined : { bodyHash: row.body_hash, status: row.status, body: row.body };
  }

  /** Imports a batch of records (web-rabis.jsonl documents), each keyed by `importRecordKey`: see `importEntries`. */
  importBatch(
    records: readonly unknown[],
    options: { addDepartments?: boolean; answer?: { key: string; bodyHash: string; render(results: StandInImportResult[]): { status: number; body: string } } } = {},
  ): StandInImportResult[] {
    return this.importEntries(
      records.map((record) => ({ record })),
      options,
    );
  }

  /**
   * Imports a batch in one transaction: each entry is created, found to
   * exist already (same key), or rejected with the reason (not the schema, a
   * department not in the dictionary, an inventory number used twice or held
   * by another record). With `answer`, the answer to store under the
   * idempotency key is made from the results and stored in the same
   * transaction. `addDepartments` (for preloading) adds unknown departments
   * to the dictionary instead of rejecting.
   */
  importEntries(
    entries: readonly ImportEntry[],
    options: { addDepartments?: boolean; answer?: { key: string; bodyHash: string; render(results: StandInImportResult[]): { status: number; body: string } } } = {},
  ): StandInImportResult[] {
    const db = this.#open.db;
    const findKey = db.prepare('SELECT id FROM ebook WHERE record_key = ?');
    const findInv = db.prepare('SELECT ebook_id FROM inv WHERE inv_number = ?');
    const addEbook = db.prepare('INSERT INTO ebook (record_key, doc, search_text, created_at) VALUES (?, ?, ?, ?)');
    const addInv = db.prepare('INSERT INTO inv (ebook_id, inv_number, barcode, department_id, state_id) VALUES (?, ?, ?, ?, ?)');
    const addDepartment = db.prepare('INSERT INTO department (code, name, type) VALUES (?, ?, ?)');
    const findState = db.prepare('SELECT id FROM state WHERE code = ?');
    const addState = db.prepare('INSERT INTO state (code, name) VALUES (?, ?)');
    const storeAnswer = db.prepare('INSERT INTO idempotency (key, body_hash, status, body) VALUES (?, ?, ?, ?)');
    const addedDepartments: DepartmentJson[] = [];

    const run = db.transaction((): StandInImportResult[] => {
      const results: StandInImportResult[] = [];
      for (const entry of entries) {
        const raw = entry.record;
        const key = entry.key ?? importRecordKey(raw);
        if (entry.problem !== undefined) {
          results.push({ key, id: null, status: 'rejected', message: entry.problem });
          continue;
        }
        const parsed = importRecordSchema.safeParse(raw);
        if (!parsed.success) {
          results.push({ key, id: null, status: 'rejected', message: describeImportIssues(parsed.error) });
          continue;
        }
        const record = parsed.data;
        const existing = findKey.get(key) as { id: number } | undefined;
        if (existing !== undefined) {
          results.push({ key, id: existing.id, status: 'exists' });
          continue;
        }
        const problem = this.#copyProblem(record, options.addDepartments === true, (n) => findInv.get(n) as { ebook_id: number } | undefined);
        if (problem !== undefined) {
          results.push({ key, id: null, status: 'rejected', message: problem });
          continue;
        }
        const id = Number(addEbook.run(key, JSON.stringify(record), foldForSearch(`${record.title}\u0000${record.author ?? ''}`), this.#now().toISOString()).lastInsertRowid);
        for (const inv of record.inv) {
          let departmentId: number | null = null;
          if (inv.department !== undefined) {
            const code = inv.department.code.trim();
            let d = this.#departments.get(code);
            if (d === undefined) {
              const name = inv.department.name ?? code;
              d = { id: Number(addDepartment.run(code, name, 'department').lastInsertRowid), code, name, type: 'department' };
              this.#departments.set(code, d);
              addedDepartments.push(d);
            }
            departmentId = d.id;
          }
          let stateId: number | null = null;
          if (inv.state !== undefined) {
            const code = inv.state.code.trim();
            const s = findState.get(code) as { id: number } | undefined;
            stateId = s?.id ?? Number(addState.run(code, inv.state.name ?? code).lastInsertRowid);
          }
          addInv.run(id, inv.invNumber.trim(), inv.barcode ?? '', departmentId, stateId);
        }
        results.push({ key, id, status: 'created' });
      }
      if (options.answer !== undefined) {
        const { status, body } = options.answer.render(results);
        storeAnswer.run(options.answer.key, options.answer.bodyHash, status, body);
      }
      return results;
    });
    try {
      return run();
    } catch (error) {
      // The transaction was rolled back: forget the departments it added.
      for (const d of addedDepartments) this.#departments.delete(d.code);
      throw error;
    }
  }

  /** Closes the database (and removes it when it was a temporary one). */
  close(): void {
    this.#open.close();
  }

  #copyProblem(record: ImportRecord, addDepartments: boolean, holder: (invNumber: string) => { ebook_id: number } | undefined): string | undefined {
    const seen = new Set<string>();
    for (const inv of record.inv) {
      const n = inv.invNumber.trim();
      if (seen.has(n)) return `inventory number ${n} appears twice in the record`;
      seen.add(n);
      const held = holder(n);
      if (held !== undefined) return `inventory number ${n} is already held by record ${held.ebook_id}`;
      if (inv.department !== undefined && !addDepartments && !this.#departments.has(inv.department.code.trim())) {
        return `department "${inv.department.code}" of inventory number ${n} is not in the department dictionary`;
      }
    }
    return undefined;
  }

  #ebookJson(row: { id: number; doc: string; created_at: string }): Record<string, unknown> {
    const doc = JSON.parse(row.doc) as Record<string, unknown>;
    return { ...doc, id: row.id, createdAt: row.created_at, updatedAt: row.created_at, inv: this.copies(row.id) };
  }
}

function invJson(r: InvRow): InvJson {
  return {
    id: r.id,
    ebookId: r.ebook_id,
    invNumber: r.inv_number,
    barcode: r.barcode,
    department: r.d_id === null ? null : { id: r.d_id, code: r.d_code ?? '', name: r.d_name ?? '', type: r.d_type ?? '' },
    state: r.s_id === null ? null : { id: r.s_id, code: r.s_code ?? '', name: r.s_name ?? '' },
  };
}

/** Lower case, NFC, ё → е: enough to find «Абай жолы» by «абай» and «Ёлка» by «елка». */
function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
}
