import type { Reject } from '@kitap/core';
import { RejectFile } from './reject-file.js';

/** A reject file that is only created when the first reject comes, for commands whose main output is not records. */
export class LazyRejectFile {
  #file: RejectFile | undefined;
  count = 0;

  constructor(readonly path: string) {}

  async add(reject: Reject): Promise<void> {
    this.#file ??= new RejectFile(this.path);
    this.count++;
    await this.#file.add(reject);
  }

  async close(): Promise<void> {
    await this.#file?.close();
  }

  async abort(): Promise<void> {
    await this.#file?.abort();
  }
}
