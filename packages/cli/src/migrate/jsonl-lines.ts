import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The lines of a JSON-lines file, one at a time (blank lines skipped). */
export async function* jsonlLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}
