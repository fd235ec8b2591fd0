import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, SHARED_FIXTURES_DIR } from '../helpers/fixtures.js';

// The shared fixtures are the product's contract; our copy must stay byte-identical.
// Outside the workspace (a lone clone) there is nothing to compare with: the suite is skipped,
// and its name says why, so the skip shows in the test report instead of passing silently.
const shared = existsSync(SHARED_FIXTURES_DIR);
const title = shared
  ? 'test/fixtures'
  : `test/fixtures drift check SKIPPED: ${SHARED_FIXTURES_DIR.pathname} (the contract's copy, beside the workspace) is absent in this clone`;
describe.runIf(shared)(title, () => {
  it.each(['whatsapp', 'chatwoot'])('matches ../shared/fixtures/%s byte for byte', (dir) => {
    const shared = readdirSync(new URL(`${dir}/`, SHARED_FIXTURES_DIR)).sort();
    expect(readdirSync(new URL(`${dir}/`, FIXTURES_DIR)).sort()).toEqual(shared);
    for (const f of shared) {
      const a = readFileSync(new URL(`${dir}/${f}`, SHARED_FIXTURES_DIR));
      const b = readFileSync(new URL(`${dir}/${f}`, FIXTURES_DIR));
      expect(b.equals(a), `${dir}/${f}`).toBe(true);
    }
  });
});
