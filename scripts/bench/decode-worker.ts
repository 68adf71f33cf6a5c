/**
 * Decodes a whole ISO2709 file in this process and prints one JSON line:
 * `{ records, fields, rejects, ms }` (ms excludes start-up).
 *
 *   tsx scripts/bench/decode-worker.ts kitap FILE    # readIso2709 (built package), touching record.fields
 *   tsx scripts/bench/decode-worker.ts marcjs FILE   # marcjs Iso2709Parser stream
 *
 * Run by scripts/bench/run.ts in a fresh process per measurement.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Marc = typeof import('../../packages/marc/src/index.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [which, file] = process.argv.slice(2);

/** The built package (what users run); the sources only when it has not been built. */
async function loadKitap(): Promise<Marc> {
  const dist = join(root, 'packages/marc/dist/index.js');
  return (await import(existsSync(dist) ? pathToFileURL(dist).href : '../../packages/marc/src/index.js')) as Marc;
}

interface Counts {
  records: number;
  fields: number;
  rejects: number;
}

type Decoder = (path: string) => Promise<Counts>;

async function kitapDecoder(): Promise<Decoder> {
  const { readIso2709 } = await loadKitap();
  return (path) => decodeKitap(readIso2709, path);
}

async function decodeKitap(readIso2709: Marc['readIso2709'], path: string): Promise<Counts> {
  let records = 0;
  let fields = 0;
  let rejects = 0;
  for await (const item of readIso2709(path)) {
    if (item.kind === 'record') {
      records++;
      fields += item.record.fields.length;
    } else rejects++;
  }
  return { records, fields, rejects };
}

interface MarcjsRecord {
  fields: unknown[];
}

type Iso2709ParserClass = new () => NodeJS.ReadWriteStream;

/** marcjs is a dependency of @kitap/marc, so it is resolved from there. */
function marcjsDecoder(): Decoder {
  const require = createRequire(join(root, 'packages/marc/package.json'));
  const { Iso2709Parser } = require('marcjs') as { Iso2709Parser: Iso2709ParserClass };
  return (path) => decodeMarcjs(Iso2709Parser, path);
}

async function decodeMarcjs(Iso2709Parser: Iso2709ParserClass, path: string): Promise<Counts> {
  let records = 0;
  let fields = 0;
  await new Promise<void>((done, fail) => {
    const parser = new Iso2709Parser();
    parser.on('data', (record: MarcjsRecord) => {
      records++;
      fields += record.fields.length;
    });
    parser.on('end', () => done());
    parser.on('error', fail);
    createReadStream(path).on('error', fail).pipe(parser);
  });
  return { records, fields, rejects: 0 };
}

if ((which !== 'kitap' && which !== 'marcjs') || !file) {
  console.error('usage: decode-worker.ts kitap|marcjs FILE');
  process.exit(2);
}
const decode = which === 'kitap' ? await kitapDecoder() : marcjsDecoder();
const started = process.hrtime.bigint();
const counts = await decode(file);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ...counts, ms }) + '\n');
