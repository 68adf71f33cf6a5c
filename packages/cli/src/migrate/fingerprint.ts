import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';

/** SHA-256 of a file's bytes, streamed; `missing` when there is no such file. */
export async function fileSha256(path: string): Promise<string> {
  if (!existsSync(path)) return 'missing';
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * What a stage's output depends on, as one hash: the names and bytes of its
 * input files (outputs name the files they come from: a renamed act must not
 * leave findings citing the old name) and its settings. A finished stage whose
 * fingerprint is unchanged is not run again; since every stage writes the
 * same bytes for the same input, a stage re-run upstream leaves the stages
 * below it untouched.
 */
export async function stageFingerprint(files: readonly string[], settings: unknown): Promise<string> {
  const hashes: [string, string][] = [];
  for (const f of files) hashes.push([f, await fileSha256(f)]);
  return createHash('sha256').update(JSON.stringify({ files: hashes, settings })).digest('hex');
}
