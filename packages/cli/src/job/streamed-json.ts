import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Text gathered before it is handed to the file: few large writes rather than many small ones. */
const CHUNK = 1 << 20;

/**
 * Writes `JSON.stringify(value, null, indent) + '\n'` to a file, byte for
 * byte, without ever making that text as one string: the top-level arrays
 * named in `streamed` are written an element at a time. A million-record
 * dedup report is ~435 million characters; made whole, the text and the
 * buffer it becomes took ~2.2 GB of the run's peak memory.
 *
 * `value` must be a plain object (what JSON.stringify makes of class
 * instances, `toJSON` and replacers is not reproduced here).
 */
export async function writeJsonStreamed(path: string, value: Record<string, unknown>, indent: number, streamed: readonly string[]): Promise<void> {
  if (!Number.isInteger(indent) || indent < 1 || indent > 10) throw new RangeError('writeJsonStreamed: indent must be 1 to 10 spaces');
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let pending = '';
  const write = async (text: string): Promise<void> => {
    pending += text;
    if (pending.length < CHUNK) return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };

  const pad1 = ' '.repeat(indent);
  const pad2 = pad1 + pad1;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    await write('{}\n');
  } else {
    await write('{');
    for (let i = 0; i < entries.length; i++) {
      const [key, item] = entries[i]!;
      await write(`${i === 0 ? '' : ','}\n${pad1}${JSON.stringify(key)}: `);
      if (streamed.includes(key) && Array.isArray(item) && item.length > 0) {
        await write('[');
        for (let j = 0; j < item.length; j++) {
          // An element nested two levels down: each of its lines moves right by two indents.
          const text = JSON.stringify(item[j] ?? null, null, indent);
          await write(`${j === 0 ? '' : ','}\n${pad2}${text.replaceAll('\n', `\n${pad2}`)}`);
        }
        await write(`\n${pad1}]`);
      } else {
        const text = JSON.stringify(item, null, indent);
        await write(text.replaceAll('\n', `\n${pad1}`));
      }
    }
    await write('\n}\n');
  }
  out.end(pending);
  await Promise.race([once(out, 'finish'), failed]);
}
