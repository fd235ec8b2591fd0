import { describe, expect, it } from 'vitest';
import { parseReprocessArgs } from '../../../src/cli/reprocess.js';
import { UsageError } from '../../../src/cli/usage-error.js';

describe('parseReprocessArgs', () => {
  it('defaults to re-applying over existing rows, 500 bodies per batch', () => {
    expect(parseReprocessArgs([])).toEqual({ rebuild: false, resume: false, restart: false, force: false, batch: 500 });
  });
  it('takes --rebuild --force and a batch size', () => {
    expect(parseReprocessArgs(['--rebuild', '--force', '--batch', '50'])).toEqual({ rebuild: true, resume: false, restart: false, force: true, batch: 50 });
  });
  it('refuses what cannot mean anything', () => {
    for (const argv of [['--batch', '0'], ['--batch', '2.5'], ['--batch', '10001'], ['--resume', '--rebuild'], ['--resume', '--restart'], ['--force'], ['extra']]) {
      expect(() => parseReprocessArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});
