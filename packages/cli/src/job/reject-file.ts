import { AtomicFile, BufferedSink, rejectToJson, type Reject } from '@kitap/core';

/** Rejects as NDJSON: one line per reject with its code, message, place and raw bytes (base64). */
export class RejectFile {
  private readonly sink: BufferedSink;
  count = 0;

  constructor(readonly path: string) {
    this.sink = new BufferedSink(new AtomicFile(path), 1 << 16);
  }

  async add(reject: Reject): Promise<void> {
    this.count++;
    await this.sink.write(JSON.stringify(rejectToJson(reject)) + '\n');
  }

  close(): Promise<void> {
    return this.sink.close();
  }

  abort(): Promise<void> {
    return this.sink.abort();
  }
}
