import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationStore, reviewKey } from '../src/index.js';

const dirs: string[] = [];
function storePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-migration-store-'));
  dirs.push(dir);
  return join(dir, 'sub', 'migrate.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const member = (index: number, id: string | null) => ({ index, id, title: `t${index}`, mnemonic: `=001  ${id ?? ''}`, copies: 1 });

describe('MigrationStore', () => {
  it('remembers a finished stage with its fingerprint and summary across openings', () => {
    const path = storePath();
    const a = MigrationStore.open(path);
    a.startStage('convert', 'f1', '2026-01-01T00:00:00Z');
    expect(a.stage('convert')?.status).toBe('running');
    a.finishStage('convert', { line: 'read 3' }, '2026-01-01T00:00:05Z');
    a.close();
    const b = MigrationStore.open(path);
    expect(b.stage('convert')).toEqual({ stage: 'convert', status: 'done', fingerprint: 'f1', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:05Z', summary: { line: 'read 3' } });
    b.forgetStages(['convert']);
    expect(b.stage('convert')).toBeUndefined();
    b.close();
  });

  it('keeps decisions by cluster key when the queue is replaced by a new dedup run', () => {
    const s = MigrationStore.open(storePath());
    const key = reviewKey([{ index: 4, id: 'B2' }, { index: 1, id: 'A1' }]);
    expect(key).toBe('A1|B2');
    s.replaceQueue([{ key, cluster: 'C000001', score: 0.7, members: [member(1, 'A1'), member(4, 'B2')], why: [] }]);
    s.decide(key, 'merge', 'same edition');
    // The next dedup run numbers the cluster differently; the decision follows its members.
    s.replaceQueue([{ key, cluster: 'C000009', score: 0.71, members: [member(1, 'A1'), member(4, 'B2')], why: [] }]);
    const [item] = s.queue();
    expect(item).toMatchObject({ cluster: 'C000009', decision: 'merge', note: 'same edition' });
    s.decide(key, 'keep-apart');
    expect(s.decisions().get(key)).toBe('keep-apart');
    s.decide(key, null);
    expect(s.decisions().size).toBe(0);
    s.close();
  });

  it('keys members without a control number by their position', () => {
    expect(reviewKey([{ index: 7, id: null }, { index: 2, id: '' }])).toBe('#2|#7');
  });
});
