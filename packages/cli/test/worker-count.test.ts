import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStartCpu } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_WORKERS, WORKERS_AT_ONCE_BYTES, workerCount, workerStart } from '../src/job/frame-pool.js';
import { tempDir } from './helpers.js';

describe('how many worker threads lint and fix start', () => {
  it('uses every core, up to the default cap, on a machine of two cores or more that is not already busy', () => {
    expect(workerCount({ given: undefined, cores: 2, load: 0.3 })).toBe(2);
    expect(workerCount({ given: undefined, cores: 2, load: 1.9 })).toBe(2);
    expect(workerCount({ given: '', cores: 3, load: 1.2 })).toBe(3);
    expect(workerCount({ given: undefined, cores: 32, load: 4 })).toBe(DEFAULT_MAX_WORKERS);
  });

  it('starts none on one core, or when other work keeps every core busy', () => {
    expect(workerCount({ given: undefined, cores: 1, load: 0 })).toBe(0);
    expect(workerCount({ given: undefined, cores: 2, load: 2.4 })).toBe(0);
    expect(workerCount({ given: undefined, cores: 4, load: 6 })).toBe(0);
  });

  it('follows KITAP_WORKERS, at most one per core; 0 or nonsense means none', () => {
    expect(workerCount({ given: '0', cores: 8, load: 0 })).toBe(0);
    expect(workerCount({ given: '1', cores: 8, load: 0 })).toBe(1);
    expect(workerCount({ given: '2', cores: 2, load: 7 })).toBe(2);
    expect(workerCount({ given: '16', cores: 8, load: 0 })).toBe(8);
    expect(workerCount({ given: 'many', cores: 8, load: 0 })).toBe(0);
    expect(workerCount({ given: '-3', cores: 8, load: 0 })).toBe(0);
  });
});

describe('when lint and fix start their workers', () => {
  it('with the first record of a large file, judging the machine since the process started', () => {
    const path = join(tempDir(), 'large.mrc');
    writeFileSync(path, '');
    truncateSync(path, WORKERS_AT_ONCE_BYTES);
    const start = workerStart(path);
    expect(start.after).toBe(0);
    expect(start.since).toBe(processStartCpu);
  });

  it('after the first 2,000 records of a smaller file or of standard input, judging the machine over them', () => {
    const path = join(tempDir(), 'small.mrc');
    writeFileSync(path, '');
    truncateSync(path, WORKERS_AT_ONCE_BYTES - 1);
    for (const input of [path, '-', join(tempDir(), 'missing.mrc')]) {
      const start = workerStart(input);
      expect(start.after).toBe(2000);
      if (processStartCpu !== undefined) expect(start.since).not.toBe(processStartCpu);
    }
  });
});
