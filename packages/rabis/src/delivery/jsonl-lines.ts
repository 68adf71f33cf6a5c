import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { KitapError } from '@kitap/core';

/** A non-blank line of a JSONL file and its 1-based line number. */
export interface JsonlLine {
  line: number;
  text: string;
}

/**
 * The non-blank lines of a JSONL file, streamed (a BOM on the first line is
 * dropped). A file that cannot be read is E_INPUT.
 */
export async function* jsonlLines(path: string): AsyncGenerator<JsonlLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() !== '') yield { line, text };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) throw new KitapError('E_INPUT', `${path} cannot be read: ${code}`, { file: path });
    throw error;
  } finally {
    lines.close();
  }
}
