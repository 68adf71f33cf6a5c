import { describe, expect, it } from 'vitest';
import { workerCount } from '../src/index.js';

describe('how many worker threads a job starts (lint and fix up to 4, inventory up to 1)', () => {
  it('one per core up to the job\'s cap, on a machine of two cores or more that is not already busy', () => {
    expect(workerCount({ given: undefined, cores: 2, load: 0.3, defaultMax: 1 })).toBe(1);
    expect(workerCount({ given: undefined, cores: 2, load: 1.6, defaultMax: 1 })).toBe(1);
    expect(workerCount({ given: undefined, cores: 8, load: 1, defaultMax: 4 })).toBe(4);
    expect(workerCount({ given: '  ', cores: 3, load: 1.2, defaultMax: 4 })).toBe(3);
  });

  it('none on one core, or when other work keeps every core busy, whatever the cap', () => {
    expect(workerCount({ given: undefined, cores: 1, load: 0, defaultMax: 1 })).toBe(0);
    expect(workerCount({ given: undefined, cores: 2, load: 2, defaultMax: 1 })).toBe(0);
    expect(workerCount({ given: undefined, cores: 4, load: 6, defaultMax: 4 })).toBe(0);
  });

  it('KITAP_WORKERS decides over the cap and the load: at most one per core, 0 or nonsense for none', () => {
    expect(workerCount({ given: '2', cores: 2, load: 7, defaultMax: 1 })).toBe(2);
    expect(workerCount({ given: '3.7', cores: 8, load: 0, defaultMax: 1 })).toBe(3);
    expect(workerCount({ given: '16', cores: 8, load: 0, defaultMax: 4 })).toBe(8);
    expect(workerCount({ given: '0', cores: 8, load: 0, defaultMax: 4 })).toBe(0);
    expect(workerCount({ given: 'all', cores: 8, load: 0, defaultMax: 4 })).toBe(0);
    expect(workerCount({ given: '-1', cores: 8, load: 0, defaultMax: 4 })).toBe(0);
  });
});

describe('how busy other processes kept the cores while a job ran decides over the load average', () => {
  it('workers when others kept less than half a core busy on two, however high the load average (it counts jobs that have ended)', () => {
    expect(workerCount({ given: undefined, cores: 2, load: 2.4, others: 0.1, defaultMax: 4 })).toBe(2);
    expect(workerCount({ given: undefined, cores: 2, load: 0.1, others: 0.8, defaultMax: 4 })).toBe(0);
    expect(workerCount({ given: undefined, cores: 4, load: 5, others: 2, defaultMax: 4 })).toBe(4);
    expect(workerCount({ given: undefined, cores: 1, load: 0, others: 0, defaultMax: 4 })).toBe(0);
    expect(workerCount({ given: '1', cores: 2, load: 0, others: 2, defaultMax: 4 })).toBe(1);
  });
});
