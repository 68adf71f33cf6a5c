import { createReadStream } from 'node:fs';
import type { ByteInput } from './read-types.js';

const DEFAULT_CHUNK = 1 << 20;

/** Any ByteInput as an async iterable of chunks ('-' is standard input). */
export async function* chunksOf(input: ByteInput, chunkSize = DEFAULT_CHUNK): AsyncGenerator<Uint8Array> {
  if (typeof input === 'string') {
    const stream = input === '-' ? process.stdin : createReadStream(input, { highWaterMark: chunkSize });
    for await (const chunk of stream) yield chunk as Uint8Array;
    return;
  }
  if (input instanceof Uint8Array) {
    yield input;
    return;
  }
  if (Symbol.asyncIterator in input) {
    for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    return;
  }
  for (const chunk of input) yield chunk;
}

/** Splits bytes into chunks of a given size (tests use it to prove chunk-size invariance). */
export function* splitIntoChunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}
