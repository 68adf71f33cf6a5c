import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KitapError } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { failureError, workerFailure } from '../src/job/frame-worker.js';
import { rulesFromSettings, selectRules } from '../src/job/rule-selection.js';
import { tempDir } from './helpers.js';

describe('what lint and fix hand their worker threads', () => {
  it('the rules as the run read its config, so a config that is gone or edited later changes nothing', () => {
    const config = join(tempDir(), 'kitap.config.json');
    writeFileSync(config, JSON.stringify({ profile: 'kazakh-public-library', rules: { 'isbn-checksum': 'off', 'price-format': 'error' } }));
    const selected = selectRules({ config, rule: ['price-format', 'isbn-checksum', 'leader-codes'] });
    // A pipe (--config <(…)) can be read once; a file can be edited or removed while the run goes on.
    rmSync(config);
    const again = rulesFromSettings(structuredClone(selected.settings));
    expect(again.profile.name).toBe(selected.profile.name);
    expect(again.rules.map((r) => [r.rule.meta.id, r.severity])).toEqual(selected.rules.map((r) => [r.rule.meta.id, r.severity]));
    expect(again.rules.find((r) => r.rule.meta.id === 'price-format')?.severity).toBe('error');
  });

  it('a worker\'s KitapError reaches the user with its own code, message and place; another error without its stack in the message', () => {
    const kitap = failureError(structuredClone(workerFailure(new KitapError('E_CONFIG', 'unknown rule "isbn"', { file: 'kitap.config.json' }))));
    expect(kitap).toBeInstanceOf(KitapError);
    expect(kitap).toMatchObject({ code: 'E_CONFIG', message: 'unknown rule "isbn"', place: { file: 'kitap.config.json' } });
    const other = failureError(structuredClone(workerFailure(new TypeError('x is not a function'))));
    expect(other.message).toBe('a worker thread failed: x is not a function');
    expect(other.stack).toContain('(in the worker) TypeError: x is not a function');
  });
});
