/**
 * The documents of a JSON-lines file, one at a time, as the bytes they were
 * read from: a document nothing changes is written back byte for byte (its
 * line end too), and blank lines go to the output as they are.
 */
import { createReadStream } from 'node:fs';
import { KitapError, type ByteSink } from '@kitap/core';

/** One document: its bytes with the line end, its 1-based line, its text without the line end, and the line end. */
export interface JsonlDocument {
  bytes: Uint8Array;
  line: number;
  text: string;
  end: string;
}

/** The lines of a file as bytes, each with its line end (the last may have none). */
async function* byteLines(path: string): AsyncGenerator<Uint8Array> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
      yield data.subarray(start, nl + 1);
      start = nl + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) yield rest;
}

/** Reads documents in step with something else (the records of records.mrc), passing blank lines to `sink`. */
export class JsonlDocuments {
  readonly #lines: AsyncGenerator<Uint8Array>;
  #line = 0;

  constructor(
    readonly path: string,
    private readonly sink: ByteSink,
  ) {
    this.#lines = byteLines(path);
  }

  /** The next document, or undefined at the end of the file. */
  async next(): Promise<JsonlDocument | undefined> {
    for (;;) {
      let item: IteratorResult<Uint8Array>;
      try {
        item = await this.#lines.next();
      } catch (error) {
        throw new KitapError('E_INPUT', `cannot read web-rabis.jsonl: ${(error as Error).message}`, { file: this.path });
      }
      if (item.done) return undefined;
      this.#line++;
      const bytes = item.value;
      const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      if (whole.trim() === '') {
        await this.sink.write(bytes);
        continue;
      }
      const end = /\r?\n$/.exec(whole)?.[0] ?? '';
      return { bytes, line: this.#line, text: whole.slice(0, whole.length - end.length), end };
    }
  }
}
