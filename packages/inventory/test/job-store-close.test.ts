import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobStore } from '../src/job-store.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-job-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JobStore.close', () => {
  it('does not throw while a statement is still iterating, so it never masks the error a run fails with', () => {
    const { store } = JobStore.open(join(dir, 'job.sqlite'), 'fingerprint');
    store.setMeta('a', '1');
    store.setMeta('b', '2');
    const iterator = store.db.prepare('SELECT key FROM meta').iterate();
    iterator.next();
    expect(() => store.close()).not.toThrow();
    iterator.return?.();
    store.close();
  });
});

describe('JobStore.open', () => {
  it('says which file it cannot write (E_OUTPUT), not SQLite\'s "unable to open database file" as an internal error', () => {
    // A file SQLite cannot open there (a folder in its place stands for a read-only or full disk).
    const path = join(dir, 'job-folder.sqlite');
    mkdirSync(path);
    expect(() => JobStore.open(path, 'fingerprint')).toThrow(expect.objectContaining({ code: 'E_OUTPUT', message: expect.stringContaining("cannot write the job's state") }));
  });
});
