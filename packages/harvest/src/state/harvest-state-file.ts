import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { harvestError } from '../harvest-error.js';
import type { HarvestCheckpoint, HarvestPosition } from './harvest-checkpoint.js';

/** What makes two runs the same harvest: protocol, URL and the request's parameters. */
export type HarvestIdentity = { protocol: 'oai' | 'sru'; url: string } & Record<string, string | number | undefined>;

interface StateJson {
  kitapHarvestState: 1;
  identity: Record<string, string | number>;
  token?: string;
  count: number;
  finished: boolean;
  savedAt: string;
}

/** The identity without undefined values, keys sorted: what is stored and compared. */
function canonical(identity: HarvestIdentity): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of Object.keys(identity).sort()) {
    const value = identity[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function sameIdentity(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A harvest's state in a small JSON file: the last resumption token (or SRU
 * position), the count of items yielded, whether the harvest finished, and
 * the identity of the harvest (URL and parameters), so that a state file is
 * never applied to another harvest. Each save writes a temporary file,
 * fsyncs it and renames it over the old one: a kill leaves the previous
 * state or the new one, never half of one.
 */
export class HarvestStateFile implements HarvestCheckpoint {
  readonly path: string;
  readonly #identity: Record<string, string | number>;
  #position: HarvestPosition | undefined;

  private constructor(path: string, identity: Record<string, string | number>, position: HarvestPosition | undefined) {
    this.path = path;
    this.#identity = identity;
    this.#position = position;
  }

  /**
   * Opens the state of a harvest: a missing file is a fresh start; a file of
   * another harvest, or one that is not a state file, is `E_HARVEST_STATE`
   * (delete it to start over).
   */
  static open(path: string, identity: HarvestIdentity): HarvestStateFile {
    const wanted = canonical(identity);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new HarvestStateFile(path, wanted, undefined);
      throw harvestError('E_HARVEST_STATE', `The harvest state file cannot be read: ${(error as Error).message}`, { file: path });
    }
    let json: StateJson;
    try {
      json = JSON.parse(text) as StateJson;
    } catch {
      throw harvestError('E_HARVEST_STATE', 'The harvest state file is not valid JSON (damaged?). Delete it to harvest from the start.', { file: path });
    }
    if (json?.kitapHarvestState !== 1 || typeof json.count !== 'number' || !Number.isInteger(json.count) || json.count < 0 || typeof json.finished !== 'boolean') {
      throw harvestError('E_HARVEST_STATE', 'The file is not a kitap harvest state file.', { file: path });
    }
    if (json.token !== undefined && typeof json.token !== 'string') throw harvestError('E_HARVEST_STATE', 'The harvest state file holds a token that is not text.', { file: path });
    if (!json.finished && json.token === undefined) throw harvestError('E_HARVEST_STATE', 'The harvest state file has neither a token nor the mark of a finished harvest.', { file: path });
    if (json.identity === null || typeof json.identity !== 'object' || !sameIdentity(json.identity, wanted)) {
      throw harvestError(
        'E_HARVEST_STATE',
        `The harvest state file belongs to another harvest (${JSON.stringify(json.identity)}, not ${JSON.stringify(wanted)}). Use another state file, or delete this one to start over.`,
        { file: path },
      );
    }
    return new HarvestStateFile(path, wanted, { token: json.token, count: json.count, finished: json.finished });
  }

  /** The saved position, if any. */
  load(): HarvestPosition | undefined {
    return this.#position;
  }

  /** Saves the position after a complete page (token undefined: the harvest is finished). */
  save(token: string | undefined, count: number): void {
    const json: StateJson = { kitapHarvestState: 1, identity: this.#identity, count, finished: token === undefined, savedAt: new Date().toISOString() };
    if (token !== undefined) json.token = token;
    const temp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(json, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
    this.#position = { token, count, finished: token === undefined };
  }

  /** Deletes the state file (to harvest again from the start). */
  remove(): void {
    rmSync(this.path, { force: true });
    this.#position = undefined;
  }
}
