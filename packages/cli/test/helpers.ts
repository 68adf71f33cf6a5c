import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Leader, MarcRecord, controlField, dataField, subfields } from '@kitap/marc';
import { main, type Io } from '../src/index.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kitap-cli-'));
}

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => void (stdout += t), err: (l) => void (stderr += l + '\n'), exitCode: 0 };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the built binary (dist) as a user would, with stdin. */
export function runBin(args: string[], input?: Uint8Array | string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { input, cwd: ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

const TITLES = ['Абай жолы', 'Қан мен тер', 'Көшпенділер', 'Война и мир', 'Ақбілек', 'Өлеңдер жинағы'];

/** A small Kazakh/Russian MARC21 record with a copy field. */
export function sampleRecord(n: number, title = TITLES[n % TITLES.length]!): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KZ-${String(n).padStart(6, '0')}`),
    dataField('100', '1', ' ', subfields('a', n % 2 ? 'Әуезов, Мұхтар' : 'Толстой, Лев Николаевич')),
    dataField('245', '1', '0', subfields('a', `${title} /`, 'c', 'құраст. Ә. Нұрпейісов.')),
    dataField('949', ' ', ' ', subfields('a', n % 3 ? 'ЦГБ' : '№11 д.', 'b', `КХ-${String(1000 + n)}`, 'c', '1500.00')),
  ]);
}

/** ISO2709 bytes of a record in a legacy character set: the builder the MARC package's tests use. */
export { legacyIso2709 } from '../../marc/test/iso2709/legacy-bytes.js';
