import { KitapError } from '@kitap/core';
import { type BranchDirectory, type Copy, type WebRabisRef, toWebRabisInv, webRabisInvSchema } from '@kitap/holdings';
import { z } from 'zod';
import type { EditionData } from './classify-row.js';
import { IMPORTED_STATE, type WebRabisEbook, webRabisEbookSchema } from './web-rabis-ebook.js';

/**
 * Writes the `web-rabis.jsonl` document of each target as JSON text.
 *
 * The document is built in the order of `webRabisEbookSchema`'s keys, which
 * is the order its JSON is written in, as text. Every part of it is checked
 * against the schema (zod) on the way: the document without its copies once,
 * each copy by `webRabisInvSchema` (the schema of `inv`'s items), so a
 * document Web-RABIS would refuse stops the run as an internal error naming
 * its source lines instead of reaching the file. (Reading each finished line
 * back to check it whole cost ~40 µs a document, ~7 s for 500,000 rows.)
 *
 * Most of a document is its copies (`inv`), and a copy's department and state
 * depend only on its branch, department and status: `toWebRabisInv` is asked
 * once for each of those, and its answer kept as JSON, so a copy costs its
 * inventory number and barcode.
 */
/** The document but its copies: `inv` is checked copy by copy. */
const withoutCopies = webRabisEbookSchema.omit({ inv: true });

export class EbookJson {
  /** A copy's department and state by branch, department and status: as values and as `"department":…,"state":…}`. */
  private readonly places = new Map<string, { department: WebRabisRef; state: WebRabisRef; json: string }>();
  private readonly options: { department: (copy: Copy) => WebRabisRef | undefined };

  constructor(branches: BranchDirectory) {
    this.options = {
      department: (c: Copy) => {
        const branch = c.branch === undefined ? undefined : branches.byCode(c.branch);
        if (!branch) return undefined;
        const department = c.department === undefined ? undefined : branch.departments?.find((d) => d.code === c.department);
        return department ? { code: `${branch.code}/${department.code}`, name: `${branch.name}, ${department.name}` } : { code: branch.code, name: branch.name };
      },
    };
  }

  /** The document as one line of JSON (without the line break). */
  json(edition: Readonly<EditionData>, copies: readonly Copy[], kitap: WebRabisEbook['kitap']): string {
    const year = edition.year === undefined ? undefined : String(edition.year);
    const source: WebRabisEbook['sources'][number] = { title: edition.title };
    if (edition.author !== undefined) source.authors = edition.author;
    if (edition.isbn !== undefined) source.isbn = edition.isbn;
    if (year !== undefined) source.year = year;
    const publishing: WebRabisEbook['publishings'][number] = {};
    if (edition.place !== undefined) publishing.placeEdition = edition.place;
    if (edition.publisher !== undefined) publishing.publishingHouse = edition.publisher;
    if (year !== undefined) publishing.yearEdition = year;
    // Every key up to `siglas`; `inv` and `kitap`, the last two, are appended to its JSON below.
    const head = { state: { ...IMPORTED_STATE } } as Omit<WebRabisEbook, 'inv' | 'kitap'>;
    if (edition.author !== undefined) head.author = edition.author;
    head.title = edition.title;
    if (edition.volume !== undefined) head.volumeNumber = edition.volume;
    if (edition.bbk !== undefined) head.bbk = edition.bbk;
    if (edition.udc !== undefined) head.udc = edition.udc;
    head.sources = [source];
    head.publishings = Object.keys(publishing).length ? [publishing] : [];
    if (edition.language !== undefined) head.language = { language: edition.language };
    head.siglas = [...new Set(copies.map((c) => c.branch!))].map((sigla) => ({ sigla }));
    let inv = '';
    for (const copy of copies) inv += `${inv === '' ? '' : ','}${this.invJson(copy, kitap)}`;
    const checked = withoutCopies.safeParse({ ...head, kitap });
    if (!checked.success) misfit(checked.error.issues[0]!, kitap);
    if (copies.length === 0) misfit({ path: ['inv'], message: 'no copies' }, kitap);
    return `${JSON.stringify(head).slice(0, -1)},"inv":[${inv}],"kitap":${JSON.stringify(kitap)}}`;
  }

  /** One copy as Web-RABIS's `inv`: `{"invNumber":…,"barcode":…,"department":…,"state":…}`. */
  private invJson(copy: Copy, kitap: WebRabisEbook['kitap']): string {
    const key = `${copy.branch ?? ''}\u0000${copy.department ?? ''}\u0000${copy.status ?? ''}`;
    let place = this.places.get(key);
    const fresh = place === undefined;
    if (place === undefined || copy.inventoryNumber === undefined) {
      const result = toWebRabisInv(copy, this.options);
      // Every mapped copy has an inventory number, a branch of the directory and a status: a failure here is a bug.
      if (!result.ok) throw new KitapError('E_INTERNAL', `copy ${copy.inventoryNumber ?? '?'} cannot become a Web-RABIS copy: ${result.reason} (lines ${kitap.sourceLines.join(', ')})`);
      const { department, state } = result.inv;
      place = { department, state, json: JSON.stringify({ department, state }).slice(1) };
      this.places.set(key, place);
    }
    // The department and state were checked with the first copy of their place; what differs from copy to
    // copy is checked for each (the same rules as webRabisInvSchema's, asked of zod without building an object).
    if (fresh) checkInv({ invNumber: copy.inventoryNumber, barcode: copy.barcode, department: place.department, state: place.state }, kitap);
    else {
      if (!invNumberSchema.safeParse(copy.inventoryNumber).success) checkInv({ invNumber: copy.inventoryNumber, department: place.department, state: place.state }, kitap);
      if (copy.barcode !== undefined && !barcodeSchema.safeParse(copy.barcode).success) checkInv({ invNumber: copy.inventoryNumber, barcode: copy.barcode, department: place.department, state: place.state }, kitap);
    }
    const barcode = copy.barcode === undefined ? '' : `,"barcode":${JSON.stringify(copy.barcode)}`;
    return `{"invNumber":${JSON.stringify(copy.inventoryNumber)}${barcode},${place.json}`;
  }
}

/** `inv` item values checked one by one (see webRabisInvSchema). */
const invNumberSchema = z.string().min(1);
const barcodeSchema = z.string().min(1);

function checkInv(inv: { invNumber: unknown; barcode?: unknown; department: unknown; state: unknown }, kitap: WebRabisEbook['kitap']): void {
  const value: Record<string, unknown> = { invNumber: inv.invNumber };
  if (inv.barcode !== undefined) value.barcode = inv.barcode;
  value.department = inv.department;
  value.state = inv.state;
  const checked = webRabisInvSchema.safeParse(value);
  if (!checked.success) misfit({ ...checked.error.issues[0]!, path: ['inv', ...checked.error.issues[0]!.path] }, kitap);
}

function misfit(issue: { path: readonly PropertyKey[]; message: string }, kitap: WebRabisEbook['kitap']): never {
  throw new KitapError('E_INTERNAL', `a web-rabis.jsonl document does not fit its schema at ${issue.path.map(String).join('.')}: ${issue.message} (lines ${kitap.sourceLines.join(', ')})`);
}
