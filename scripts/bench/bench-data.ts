/**
 * The benchmark input: N seeded MARC21 records of about 2 KB each, streamed
 * to disk (never all in memory). A sidecar JSON remembers what was generated,
 * so a second run with the same parameters and the same generator reuses the file.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeIso2709 } from '../../packages/marc/src/index.js';
import { CatalogGenerator } from '../fixtures/catalog-generator.js';

export interface BenchFile {
  path: string;
  records: number;
  bytes: number;
  /** Whether this run generated it (false: reused). */
  generated: boolean;
}

interface Sidecar {
  records: number;
  seed: number;
  bytes: number;
  generator: string;
}

/** A hash of the generator's sources: a changed generator invalidates the cached file. */
function generatorHash(fixturesDir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(fixturesDir).filter((n) => n.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(join(fixturesDir, name)));
  return hash.digest('hex').slice(0, 16);
}

function readSidecar(path: string): Sidecar | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
  } catch {
    return undefined;
  }
}

export function ensureBenchFile(dir: string, records: number, seed: number, fixturesDir: string, onProgress?: (done: number) => void): BenchFile {
  const path = join(dir, `catalog-${records}.mrc`);
  const sidecarPath = `${path}.json`;
  const wanted = { records, seed, generator: generatorHash(fixturesDir) };
  const cached = readSidecar(sidecarPath);
  if (cached && existsSync(path) && cached.records === records && cached.seed === seed && cached.generator === wanted.generator && statSync(path).size === cached.bytes) {
    return { path, records, bytes: cached.bytes, generated: false };
  }
  const generator = new CatalogGenerator({ seed, profile: 'bench', firstControlNumber: 1 });
  const fd = openSync(path, 'w');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < records; i++) {
      const record = writeIso2709(generator.next());
      if (used + record.length > chunk.length) {
        writeSync(fd, chunk, 0, used);
        used = 0;
      }
      chunk.set(record, used);
      used += record.length;
      bytes += record.length;
      if (onProgress && (i + 1) % 10_000 === 0) onProgress(i + 1);
    }
    if (used) writeSync(fd, chunk, 0, used);
  } finally {
    closeSync(fd);
  }
  writeFileSync(sidecarPath, JSON.stringify({ ...wanted, bytes } satisfies Sidecar) + '\n');
  return { path, records, bytes, generated: true };
}

/** `copies` concatenated copies of `source` (streamed), for the memory test on a larger input. */
export async function ensureConcatenated(source: BenchFile, copies: number): Promise<BenchFile> {
  const path = source.path.replace(/\.mrc$/, `-x${copies}.mrc`);
  const bytes = source.bytes * copies;
  if (!source.generated && existsSync(path) && statSync(path).size === bytes) return { path, records: source.records * copies, bytes, generated: false };
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < copies; i++) {
      for await (const piece of createReadStream(source.path, { highWaterMark: 1 << 20 })) writeSync(fd, piece as Buffer);
    }
  } finally {
    closeSync(fd);
  }
  return { path, records: source.records * copies, bytes, generated: true };
}
