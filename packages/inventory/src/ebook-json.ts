import { KitapError } from '@kitap/core';
import { type BranchDirectory, type Copy, type WebRabisRef, toWebRabisInv } from '@kitap/holdings';
import type { EditionData } from './classify-row.js';
import { IMPORTED_STATE, type WebRabisEbook } from './web-rabis-ebook.js';

/**
 * Writes the `web-rabis.jsonl` document of each target as JSON text.
 *
 * The document is built in the order of `webRabisEbookSchema`'s keys, which
 * is the order its JSON is written in, from values that fit the schema by
 * construction (a title, copies with an inventory number, a department and a
 * state, source lines), so it is not parsed again here: the tests check every
 * document of the fixture runs against the schema, and that parsing it gives
 * back the same text.
 *
 * Most of a document is its copies (`inv`), and a copy's department and state
 * depend only on its branch, department and status: `toWebRabisInv` is asked
 * once for each of those, and its answer kept as JSON, so a copy costs its
 * inventory number and barcode.
 */
export class EbookJson {
  /** `"department":…,"state":…}` by branch, department and status. */
  private readonly places = new Map<string, string>();
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
    return `${JSON.stringify(head).slice(0, -1)},"inv":[${inv}],"kitap":${JSON.stringify(kitap)}}`;
  }

  /** One copy as Web-RABIS's `inv`: `{"invNumber":…,"barcode":…,"department":…,"state":…}`. */
  private invJson(copy: Copy, kitap: WebRabisEbook['kitap']): string {
    const key = `${copy.branch ?? ''}\u0000${copy.department ?? ''}\u0000${copy.status ?? ''}`;
    let place = this.places.get(key);
    if (place === undefined || copy.inventoryNumber === undefined) {
      const result = toWebRabisInv(copy, this.options);
      // Every mapped copy has an inventory number, a branch of the directory and a status: a failure here is a bug.
      if (!result.ok) throw new KitapError('E_INTERNAL', `copy ${copy.inventoryNumber ?? '?'} cannot become a Web-RABIS copy: ${result.reason} (lines ${kitap.sourceLines.join(', ')})`);
      place = JSON.stringify({ department: result.inv.department, state: result.inv.state }).slice(1);
      this.places.set(key, place);
    }
    const barcode = copy.barcode === undefined ? '' : `,"barcode":${JSON.stringify(copy.barcode)}`;
    return `{"invNumber":${JSON.stringify(copy.inventoryNumber)}${barcode},${place}`;
  }
}
